/**
 * `status`'s `why:` line of a feed in back-off (round 15, fresh15): it said the stored decision
 * of the last good poll, `interval (configured interval 1 min)`, while the feed waited hours for
 * its back-off. It now says `backoff` with the failures, the last status and the next attempt.
 * The feed state and poll schedule are written by the functions the feed job uses, in the local
 * Redis under a private prefix; the report is the real `collectStatus` + `formatStatus`.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues } from '../../src/queue/queues.js';
import { collectStatus, formatStatus } from '../../src/queue/status.js';
import { decideNextPoll } from '../../src/schedule/next-poll.js';
import { getFeedState, saveFeedFailure } from '../../src/state/feed-state.js';
import { savePollSchedule } from '../../src/state/poll-schedule.js';
import { dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

describe('status: why a backed-off feed waits', () => {
  const prefix = uniquePrefix('backoff-why');
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  it('says backoff, with the failures and the next attempt, not the last good poll\'s interval', async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: ['failing', 'fine'].map((id) => ({ id, url: `http://127.0.0.1:9/${id}.xml`, intervalMinutes: 1 })),
      sinks: [{ type: 'jsonl', path: join(tempDir('backoff-why'), 'a.jsonl') }],
    });
    const hints = { ttlMinutes: null, syMinutes: null };
    const at = Date.now();
    // one good poll each, as the feed job stores it
    for (const id of ['failing', 'fine']) {
      const d = decideNextPoll({ intervalMinutes: 1, minMinutes: 1, maxMinutes: 1440, hints, cacheMaxAgeMs: null, newItems: 1, now: at, previous: { ratePerHour: null, emptyPolls: 0, lastPollAt: null } });
      await savePollSchedule(redis, prefix, id, d, hints, at);
    }
    // then three failed polls of one feed: its back-off grows past the interval
    for (let i = 0; i < 3; i++) await saveFeedFailure(redis, prefix, 'failing', { reason: 'http-5xx', message: 'HTTP 503', at: new Date(at), intervalMinutes: 1 });
    const state = await getFeedState(redis, prefix, 'failing');
    expect(Date.parse(state.nextAttemptAt!)).toBeGreaterThan(at + 60_000);
    const queues = openQueues(cfg, redis);
    try {
      const report = await collectStatus(cfg, redis, queues);
      const byId = Object.fromEntries(report.feeds.map((f) => [f.id, f]));
      expect(byId.failing).toMatchObject({ pollReason: 'backoff', pollDetail: `3 failed polls in a row (last: http-5xx): backed off, no fetch before ${state.nextAttemptAt}; after a good poll: interval, configured interval 1 min` });
      expect(byId.fine).toMatchObject({ pollReason: 'interval', pollDetail: 'configured interval 1 min' });
      const text = formatStatus(report);
      expect(text).toContain(`why: backoff (3 failed polls in a row (last: http-5xx): backed off, no fetch before ${state.nextAttemptAt}`);
    } finally {
      await queues.close();
    }
  });
});
