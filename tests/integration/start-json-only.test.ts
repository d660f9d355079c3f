/**
 * `start` writes nothing but JSON lines (README, Logs), also at the first start of a worker with
 * the ops listener on, when the JSONL sink's file does not exist yet: the /stories page's store
 * said so with a plain `news-ingest: ...` line on stderr (fresh15); it is now the JSON event
 * `stories.no-file`. A real process (`start --once --allow-empty`) against the local Redis.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, dropPrefix, tempDir, uniquePrefix } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
const prefix = uniquePrefix('json-only');
afterAll(async () => {
  await dropPrefix(prefix);
});

describe('start with the ops listener and a JSONL sink not written yet', () => {
  it('writes only JSON lines on stdout and stderr, the missing file as a stories.no-file event', { timeout: 180_000 }, async () => {
    const dir = tempDir('json-only');
    const sinkPath = join(dir, 'new', 'articles.jsonl');
    const config = join(dir, 'c.yaml');
    writeFileSync(config, `redis:\n  prefix: ${prefix}\nfeeds: []\nsinks:\n  - { type: jsonl, path: ${sinkPath} }\n`);
    const child = spawn(process.execPath, [join(ROOT, 'bin/news-ingest.js'), 'start', '--once', '--allow-empty', '--ops-listen', '127.0.0.1:0', '-c', config], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL, LOG_LEVEL: 'info' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
    expect(code, err).toBe(0);
    const lines = `${out}\n${err}`.split('\n').filter((l) => l.trim() !== '');
    const notJson = lines.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    const events = lines.map((l) => JSON.parse(l) as { event?: string; path?: string });
    expect(events.find((e) => e.event === 'stories.no-file')).toMatchObject({ path: sinkPath });
    expect(events.some((e) => e.event === 'run.summary')).toBe(true);
  });
});
