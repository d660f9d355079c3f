/**
 * A JSONL append that the filesystem stops part-way (ENOSPC on a full disk; here EFBIG under a
 * file-size limit, the same short write) left its torn line in the file until the next append
 * cut it (review15, a 200 KB tmpfs): readers saw a line that is no record while the disk stayed
 * full. The append now cuts the file back to its last whole line before it throws.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'jsonl-enospc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the helper under `ulimit -f` (512-byte blocks in sh) and returns what it printed. */
function appendLimited(file: string, bytes: number, blocks: number): { ok?: boolean; error?: string } {
  const helper = path.resolve('tests/helpers/jsonl-append-process.ts');
  const out = execFileSync('sh', ['-c', `ulimit -f ${blocks} && exec "${process.execPath}" --import tsx "${helper}" "${file}" ${bytes}`], { encoding: 'utf8' });
  return JSON.parse(out) as { ok?: boolean; error?: string };
}

describe('JSONL append cut short by the filesystem', () => {
  it('throws the error and leaves the file as it was: whole lines only, nothing of the cut line', () => {
    const file = path.join(dir, 'articles.jsonl');
    const before = `${JSON.stringify({ id: 'a', title: 'Border commission meets' })}\n${JSON.stringify({ id: 'b', title: 'Ministers speak by phone' })}\n`;
    writeFileSync(file, before);
    // 200 blocks of 512 bytes (100 KiB): the 400 KB line stops part-way
    expect(appendLimited(file, 400_000, 200)).toEqual({ error: 'EFBIG' });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('appends a line that fits under the same limit', () => {
    const file = path.join(dir, 'small.jsonl');
    writeFileSync(file, '');
    expect(appendLimited(file, 100, 200)).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(file, 'utf8')).id).toBe('big');
  });
});
