/**
 * `status` prints a long error whole enough to read its end (fresh20): a sink's last error was
 * cut at 160 characters, and PostgreSQL's messages name the cause and the hint last. A data loss
 * whose seen-set rebuild could not read a sink names it with reason `sink-read-failed`.
 */
import { describe, expect, it } from 'vitest';
import { fitMessage, formatStatus, type StatusReport } from '../../src/queue/status.js';

const base = { workers: [], queues: {}, progress: {}, feeds: [], pageWalls: [], sinks: [], failed: [], redis: { maxmemoryPolicy: 'noeviction', eviction: null, lastReset: null, memory: null }, notices: [] };
const report = (over: Record<string, unknown>): StatusReport => ({ ...base, ...over }) as unknown as StatusReport;

// a PostgreSQL refusal as the sink reports it: the useful part (role, database, hint) is at the end
const longError =
  '[sink-misconfigured] postgres sink "archive" (postgres://***@db.internal.example:5432/news, table articles_v1) could not write the record 0123456789abcdef0123456789abcdef: ' +
  'error: password authentication failed for user "ingest_writer"\n  HINT: check the password in DATABASE_URL or the sink url; the server refuses role "ingest_writer" on database "news"';

describe('status: long error messages', () => {
  it('a sink last error keeps its end (the hint) and is one line', () => {
    const text = formatStatus(report({ sinks: [{ sink: 'archive', pending: 3, waiting: 0, active: 0, delayed: 3, failed: 0, lastError: { reason: 'sink-misconfigured', message: longError, at: '2026-12-08T01:00:00.000Z', attempts: 4, state: 'retrying' } }] }));
    const line = text.split('\n').find((l) => l.startsWith('  last error'))!;
    expect(longError.length).toBeGreaterThan(300);
    expect(line).toBe(`  last error (retrying, 4 attempts, 2026-12-08T01:00:00.000Z): ${longError.replace(/\s+/g, ' ')}`);
    expect(line).toContain('HINT: check the password in DATABASE_URL');
  });

  it('a message past the limit loses its middle, never its end', () => {
    const m = `start ${'x'.repeat(2000)} the cause at the end`;
    const out = fitMessage(m, 600);
    expect(out.startsWith('start xxx')).toBe(true);
    expect(out.endsWith('xxx the cause at the end')).toBe(true);
    expect(out).toContain(' … (1427 characters left out) … ');
    expect(out.length).toBe(600 + ' … (1427 characters left out) … '.length);
  });

  it('a data loss whose rebuild could not read a sink names it, its error and sink-read-failed', () => {
    const lastReset = {
      at: '2026-12-08T01:00:00.000Z',
      trigger: 'reconnect',
      missing: { marker: true, schedulers: ['a'], feedState: [] },
      rebuiltSeen: { records: 12, keys: 12, failedSinks: ['pg'], sinkErrors: { pg: 'connect ECONNREFUSED 127.0.0.1:5432' } },
      durationMs: 40,
    };
    const text = formatStatus(report({ redis: { ...base.redis, lastReset } }));
    expect(text).toContain('[sink-read-failed] could not be read then, their pages may be fetched again: pg: connect ECONNREFUSED 127.0.0.1:5432');
  });
});
