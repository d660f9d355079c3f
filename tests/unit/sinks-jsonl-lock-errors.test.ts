/**
 * The JSONL sink waits for its file lock only while another writer holds it (ELOCKED); any other
 * lock error fails the write at once (src/sinks/jsonl.ts, lockWhileHeld). Before (fresh15):
 * proper-lockfile retried every error 1000 times, so a folder that had turned read-only (EROFS)
 * or unwritable (EACCES) held each write 15-48 s before it failed, and the delivery queue crawled.
 * The EACCES case runs in a real process that may not make the lock folder: as `nobody` (setpriv)
 * when the test runs as root, which ignores folder permissions, else as the test's own user.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { describe, expect, it } from 'vitest';
import { JsonlSink } from '../../src/sinks/jsonl.js';
import type { ArticleRecord } from '../../src/types.js';
import { tempDir } from '../helpers/worker.js';

const root = resolve(__dirname, '../..');
const record = (id: string) => ({ id, schemaVersion: 1, title: `t ${id}`, text: 'Armenia and Azerbaijan', topics: [] }) as unknown as ArticleRecord;

describe('JSONL sink lock errors', () => {
  it('a lock folder that cannot be made (EACCES) fails the write without one lock retry', () => {
    const dir = tempDir('jsonl-lock-eacces');
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, '');
    chmodSync(file, 0o666); // the file may be appended to, the folder takes no new entry (the lock)
    const helper = join(dir, 'h.mjs');
    writeFileSync(
      helper,
      `import { JsonlSink } from ${JSON.stringify(join(root, 'src/sinks/jsonl.ts'))};\n` +
        `const s = new JsonlSink(${JSON.stringify(file)}, 'all');\n` +
        `try { await s.write(${JSON.stringify(record('x1'))}); console.log(JSON.stringify({ ok: true })); }\n` +
        `catch (e) { console.log(JSON.stringify({ code: e.code, lockRetries: s.lockRetries })); }\n`,
    );
    chmodSync(dir, 0o555);
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const [cmd, ...args] = [...asNobody, process.execPath, '--import', 'tsx', helper];
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
    chmodSync(dir, 0o755);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ code: 'EACCES', lockRetries: 0 });
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('a lock another writer holds is still waited for, and the write then goes through', async () => {
    const dir = tempDir('jsonl-lock-held');
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, '');
    const sink = new JsonlSink(file, 'all');
    const release = await lockfile.lock(file, { stale: 10_000, retries: 0, onCompromised: () => {} });
    const written = sink.write(record('y1'));
    while (sink.lockRetries === 0) await new Promise((r) => setTimeout(r, 5));
    await release();
    expect(await written).toBe('written');
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['y1']);
    await sink.close?.();
  });
});
