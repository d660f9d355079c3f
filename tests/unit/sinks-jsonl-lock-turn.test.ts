/**
 * The JSONL sink's locked append runs in one event-loop turn, with no thread-pool request
 * (src/sinks/jsonl.ts, `locked` and `appendWholeLine`, round 17, issue 17). Before, the lock
 * (mkdir, stat; rmdir) and the append (open, fstat, read, write, close) were eight thread-pool
 * requests per group of records: each a dispatch and a wake-up on the main thread (the sink was
 * 5 % of the worker's main thread in bench:pipeline's CPU profile), and the lock was held across
 * as many event-loop turns, during which another process's write waited on it. Records written
 * at once still go in under one lock (group commit). The sink runs alone in a child process
 * (tests/helpers/jsonl-turns-process.ts) so that its requests are the only ones counted.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/worker.js';

const root = resolve(__dirname, '../..');

describe('JSONL sink: the locked append in one event-loop turn', () => {
  it('makes no thread-pool file request and never holds the lock at a turn; records written at once share one lock', () => {
    const file = join(tempDir('jsonl-turns'), 'a.jsonl');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/helpers/jsonl-turns-process.ts', file, '12', '40'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
    // 12 records one after another, a turn between them: each its own lock, none seen held at a turn
    expect(out.turns).toBeGreaterThanOrEqual(12);
    expect(out.turnsLocked).toBe(0);
    expect(out.fsRequests).toBe(0);
    expect(out.locksSingles).toBe(12);
    // 40 records written at once: one group, one lock (GROUP_MAX is 100)
    expect(out.locksGrouped).toBe(1);
    expect(out.lines).toBe(1 + 12 + 40);
  });
});
