/**
 * A start that finds no seen-set in Redis and cannot read one of its sinks to rebuild it
 * (`seen.rebuild-incomplete`): its own reason code `sink-read-failed` (before round 20 it said
 * `sink-failed`, the code of a record a sink did not take), the sink's read error in the event,
 * and a place in `status` (the `noticed` section; before: only the log line). fresh20.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ALL_REASONS } from '../../src/errors.js';
import { formatStatus, type StatusReport } from '../../src/queue/status.js';
import { runWorker } from '../../src/queue/worker.js';
import { readNotices } from '../../src/state/notices.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';
import { join } from 'node:path';

describe('seen.rebuild-incomplete', () => {
  it('has reason sink-read-failed, names the sink and its read error, and is counted for status', async () => {
    const prefix = uniquePrefix('fresh20-rebuild');
    const dir = tempDir('fresh20-rebuild');
    const config = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [], // only the start's check of Redis and the sinks runs
      // Port 1 on loopback: nothing listens there, so the PostgreSQL sink cannot be read.
      sinks: [{ type: 'jsonl', path: join(dir, 'articles.jsonl'), only: 'all' }, { type: 'postgres', name: 'pg-archive', url: 'postgres://u:p@127.0.0.1:1/test', table: 't_never' }],
    });
    const capture = captureLogger('info');
    const redis = new Redis(REDIS_URL);
    try {
      await runWorker({ config, log: capture.log, once: true }).catch(() => undefined);
      expect(ALL_REASONS['sink-read-failed']).toBeTruthy();
      const [event] = capture.lines.filter((l) => l.event === 'seen.rebuild-incomplete');
      expect(event).toMatchObject({ reason: 'sink-read-failed', failedSinks: ['pg-archive'] });
      expect((event.sinkErrors as Record<string, string>)['pg-archive']).toMatch(/ECONNREFUSED/);
      expect(String(event.msg)).toMatch(/pg-archive: .*ECONNREFUSED/);
      const notices = await readNotices(redis, prefix);
      expect(notices).toEqual([expect.objectContaining({ event: 'seen.rebuild-incomplete', count: 1, reason: 'sink-read-failed', detail: expect.stringMatching(/^pg-archive: .*ECONNREFUSED/) })]);
      const text = formatStatus({ workers: [], queues: {}, progress: {}, feeds: [], pageWalls: [], sinks: [], failed: [], redis: { maxmemoryPolicy: 'noeviction', eviction: null, lastReset: null, memory: null }, notices } as unknown as StatusReport);
      expect(text).toMatch(/\n {2}seen\.rebuild-incomplete +1 {2}last [0-9T:.-]+Z {2}\[sink-read-failed\] pg-archive: .*ECONNREFUSED/);
    } finally {
      redis.disconnect();
      await dropPrefix(prefix);
    }
  }, 180_000);
});
