import { describe, expect, it } from 'vitest';
import { decideNextPoll, feedHintsOf, type PollActivity } from '../../src/schedule/next-poll.js';

const fresh: PollActivity = { ratePerHour: null, emptyPolls: 0, lastPollAt: null };
const none = { ttlMinutes: null, syMinutes: null };
const base = { intervalMinutes: 15, minMinutes: 5, maxMinutes: 1440, cacheMaxAgeMs: null, newItems: 3, now: Date.UTC(2026, 0, 1, 12) };

describe('feedHintsOf', () => {
  it.each([
    ['<rss><channel><ttl>60</ttl></channel></rss>', { ttlMinutes: 60, syMinutes: null }],
    ['<rdf:RDF xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency></channel></rdf:RDF>', { ttlMinutes: null, syMinutes: 30 }],
    ['<rss><channel><sy:updatePeriod> daily </sy:updatePeriod></channel></rss>', { ttlMinutes: null, syMinutes: 1440 }],
    ['<rss><channel><sy:updateFrequency>4</sy:updateFrequency></channel></rss>', { ttlMinutes: null, syMinutes: 360 }],
    ['<rss><channel><ttl>0</ttl><sy:updatePeriod>sometimes</sy:updatePeriod></channel></rss>', { ttlMinutes: null, syMinutes: null }],
    ['<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', { ttlMinutes: null, syMinutes: null }],
  ])('%s', (xml, hints) => {
    expect(feedHintsOf(Buffer.from(xml))).toEqual(hints);
  });
});

describe('decideNextPoll: each hint type, and activity', () => {
  it('shows the computed schedule for feeds of each hint type', () => {
    const cases = [
      ['no hints, first poll', decideNextPoll({ ...base, hints: none, previous: fresh })],
      ['<ttl>60', decideNextPoll({ ...base, hints: { ttlMinutes: 60, syMinutes: null }, previous: fresh })],
      ['sy hourly x2', decideNextPoll({ ...base, hints: { ttlMinutes: null, syMinutes: 30 }, previous: fresh })],
      ['Cache-Control max-age=7200', decideNextPoll({ ...base, hints: none, cacheMaxAgeMs: 7_200_000, previous: fresh })],
      ['<ttl>5 (shorter than interval)', decideNextPoll({ ...base, hints: { ttlMinutes: 5, syMinutes: null }, previous: fresh })],
      ['sy yearly (over the max)', decideNextPoll({ ...base, hints: { ttlMinutes: null, syMinutes: 525_600 }, previous: fresh })],
    ] as const;
    for (const [name, d] of cases) console.log(`${name.padEnd(32)} next poll in ${String(d.delayMs / 60_000).padStart(6)} min  ${d.reason}: ${d.detail}`);
    expect(cases.map(([, d]) => [d.delayMs / 60_000, d.reason])).toEqual([
      [15, 'interval'],
      [60, 'ttl'],
      [30, 'sy-update'],
      [120, 'cache-control'],
      [15, 'interval'],
      [1440, 'max-interval'],
    ]);
  });

  it('polls a busy feed more often (down to the minimum) and a quiet one less often (up to the maximum)', () => {
    const t0 = base.now;
    // Busy: 12 new items per 15-minute poll = 48/hour → one every 1.25 min → the 5-minute floor.
    let act = decideNextPoll({ ...base, newItems: 12, hints: none, previous: fresh }).activity;
    const busy = decideNextPoll({ ...base, newItems: 12, now: t0 + 15 * 60_000, hints: none, previous: act });
    expect(busy.activity.ratePerHour).toBeCloseTo(48, 5);
    expect([busy.delayMs / 60_000, busy.reason]).toEqual([5, 'min-interval']);
    // Moderate: 1 new item per hour → 60 min.
    act = { ratePerHour: 1, emptyPolls: 0, lastPollAt: t0 - 3_600_000 };
    const moderate = decideNextPoll({ ...base, newItems: 1, hints: none, previous: act });
    expect([moderate.delayMs / 60_000, moderate.reason]).toEqual([60, 'busy-feed']);
    // Quiet: empty polls double the wait: 15, 30, 60, 120 ... up to 1440.
    let prev: PollActivity = { ratePerHour: 0, emptyPolls: 0, lastPollAt: t0 - 15 * 60_000 };
    const waits: number[] = [];
    let now = t0;
    for (let i = 0; i < 8; i++) {
      const d = decideNextPoll({ ...base, newItems: 0, now, hints: none, previous: prev });
      waits.push(d.delayMs / 60_000);
      prev = d.activity;
      now += d.delayMs;
    }
    expect(waits).toEqual([15, 30, 60, 120, 240, 480, 960, 1440]);
    // One poll with news resets the quiet count.
    const back = decideNextPoll({ ...base, newItems: 4, now, hints: none, previous: prev });
    expect(back.activity.emptyPolls).toBe(0);
    expect(back.delayMs).toBeLessThan(1440 * 60_000);
  });
});
