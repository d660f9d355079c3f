/** `status`'s next poll: the scheduler's next tick, pushed to the first tick a feed's backoff lets through. */
import { describe, expect, it } from 'vitest';
import { nextPoll } from '../../src/ops/status-live.js';

const MIN = 60_000;
const next = Date.parse('2026-12-06T10:00:00Z');

describe('nextPoll', () => {
  it('is the next tick when the feed is not backed off', () => {
    expect(nextPoll(next, 15 * MIN, null, 15)).toBe(next);
    expect(nextPoll(next, 15 * MIN, '2026-12-06T09:00:00Z', 15)).toBe(next);
  });

  it('is the first tick at or after the backoff, less the tolerance isFeedDue allows', () => {
    // Backed off until 10:40: ticks at 10:00, 10:15, 10:30, 10:45 -> 10:45.
    expect(new Date(nextPoll(next, 15 * MIN, '2026-12-06T10:40:00Z', 15)).toISOString()).toBe('2026-12-06T10:45:00.000Z');
    // Until 10:30:30: within the 60 s tolerance of the 10:30 tick -> 10:30.
    expect(new Date(nextPoll(next, 15 * MIN, '2026-12-06T10:30:30Z', 15)).toISOString()).toBe('2026-12-06T10:30:00.000Z');
  });
});
