/**
 * `backfill --urls FILE` with a list that is not UTF-8 (found in the review14 trial,
 * docs/review.md "Round 13 (review14)"): a UTF-16 list, as Notepad's "Unicode" and Windows
 * PowerShell's `>` write, was read as UTF-8 line by line: "entries 3: 1 bad URLs, 2 unreadable
 * dates", nothing queued, exit 0. Now it is refused before anything connects (exit 2), naming
 * the file and its first bad byte; a UTF-8 list with a byte order mark and CRLF still runs.
 * A child process, as an operator runs it; Redis on port 1 (refused at once if reached).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
const dir = tempDir('bf-urls-enc');
const cfg = join(dir, 'cfg.yaml');
writeFileSync(cfg, 'feeds:\n  - { id: a, url: "https://a.example/rss" }\n');

function backfill(file: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), '-c', cfg, 'backfill', '--since', '2026-01-01', '--urls', file], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', REDIS_URL: 'redis://127.0.0.1:1' },
    timeout: 60_000,
  });
  return { code: r.status, err: r.stderr };
}

const list = 'https://a.example/news/1 2026-02-01\nhttps://a.example/новости/2 2026-02-02\n';

describe('backfill --urls: a list that is not UTF-8', { timeout: 180_000 }, () => {
  it('a UTF-16LE list with its byte order mark is refused, exit 2, the file and the mark named', () => {
    const f = join(dir, 'utf16.txt');
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(list, 'utf-16le')]));
    const r = backfill(f);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--urls: ${f}: not UTF-8: byte 0xFF at byte offset 0 (line 1, byte 1 of the line)`);
    expect(r.err).toContain('the file is UTF-16');
  });

  it('a windows-1251 IRI on line 2 is refused naming its line, not fetched with U+FFFD in it', () => {
    const f = join(dir, 'cp1251.txt');
    writeFileSync(f, iconv.encode(list, 'windows-1251'));
    const r = backfill(f);
    expect(r.code).toBe(2);
    expect(r.err).toContain('byte 0xED at byte offset 54 (line 2, byte 19 of the line)');
  });

  it('a UTF-8 list with a byte order mark and CRLF passes the check (and reaches Redis: exit 1)', () => {
    const f = join(dir, 'utf8.txt');
    writeFileSync(f, `\uFEFF${list.replace(/\n/g, '\r\n')}`);
    const r = backfill(f);
    expect(r.err).not.toContain('not UTF-8');
    expect(r.code).not.toBe(2);
  });
});
