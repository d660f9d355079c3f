/**
 * The workers head of `status` when the only worker seen exited without a clean stop (round 18,
 * fresh18): on main it said `none alive (no heartbeat in the last 30 s), 1 exited` above a line
 * whose last beat was seconds old.
 */
import { describe, expect, it } from 'vitest';
import { formatStatus, type StatusReport } from '../../src/queue/status.js';

const report = (workers: StatusReport['workers']): StatusReport =>
  ({ workers, queues: {}, progress: {}, feeds: [], pageWalls: [], sinks: [], failed: [], redis: { maxmemoryPolicy: 'noeviction', eviction: null, lastReset: null, memory: null }, notices: [] }) as unknown as StatusReport;

const worker = { id: 'w1', host: 'vm', pid: 4242, startedAt: '2026-12-07T19:00:00.000Z', lastJob: null, lastJobAt: null, seenAt: new Date().toISOString() };

describe('status: workers head', () => {
  it('an exited worker with a fresh beat: no claim of "no heartbeat in the last 30 s"', () => {
    const head = formatStatus(report([{ ...worker, exited: true }])).split('\n')[0];
    expect(head).toBe('workers: none alive, 1 exited without a clean stop');
  });

  it('no worker at all: the 30 s heartbeat window is named', () => {
    expect(formatStatus(report([])).split('\n')[0]).toBe('workers: none alive (no heartbeat in the last 30 s)');
  });
});
