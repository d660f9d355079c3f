/**
 * Fault test (review round 8): the JSONL sink's compaction on a full disk. A close that
 * compacts writes the file's current view to `<path>.<pid>.tmp`; on a full disk (a 400 KiB
 * tmpfs in the review) that write fails with ENOSPC and the temp file was left behind, holding
 * space the full disk needed, one more file per failed close. Here the temp path is a symlink
 * to /dev/full (every write: ENOSPC), made before the child process starts writing. The close
 * must fail with ENOSPC, leave no temp file, and leave the JSONL file whole (every id, its
 * last version); a later close compacts it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { REPO_ROOT } from '../helpers/crash-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'jsonl-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child on `path`; `beforeWrite(pid)` runs as soon as it is spawned. */
async function runChild(path: string, beforeWrite: (pid: number) => void = () => {}): Promise<{ closeError: string | null; code: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/jsonl-compact-child.ts', path, '20'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  beforeWrite(child.pid!);
  let out = '';
  child.stdout!.on('data', (b) => (out += String(b)));
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  expect(code).toBe(0);
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

describe('JSONL compaction on a full disk', () => {
  it('fails the close with ENOSPC, removes its temp file, keeps the file whole', { timeout: 120_000 }, async () => {
    if (!existsSync('/dev/full')) throw new Error('/dev/full is needed (Linux)');
    const path = join(dir, 'articles.jsonl');
    const res = await runChild(path, (pid) => symlinkSync('/dev/full', `${path}.${pid}.tmp`));
    expect(res.code).toBe('ENOSPC');
    expect(readdirSync(dir)).toEqual(['articles.jsonl']);
    const records = readJsonlRecords(path);
    expect(records.length).toBe(20);
    expect(new Set(records.map((r) => r.contentHash.split('-')[1]))).toEqual(new Set(['2']));
    // disk space back: the next close compacts (40 lines of 20 ids + 40 more → 20 lines)
    const again = await runChild(path);
    expect(again.closeError).toBe(null);
    expect(readdirSync(dir)).toEqual(['articles.jsonl']);
  });
});
