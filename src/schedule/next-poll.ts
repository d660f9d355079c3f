/**
 * When to poll a feed next, from the feed's own hints and from how often it really brings new
 * items, within the feed's [minIntervalMinutes, maxIntervalMinutes]. Pure; the feed job
 * stores the decision (src/state/poll-schedule.ts) and `status` shows its reason.
 *
 * Hints (each a "do not ask again before" from the publisher, so the longest one holds):
 * - RSS 2.0 `<ttl>` minutes (RSS 2.0 spec, "ttl": how long a channel can be cached);
 * - RSS 1.0 Syndication module `sy:updatePeriod` (hourly, daily, weekly, monthly, yearly;
 *   default daily) and `sy:updateFrequency` (times per period; default 1): period / frequency;
 * - HTTP Cache-Control max-age or Expires (RFC 9111), as FetchResult.cacheMaxAgeMs.
 * Activity (as Miniflux's entry-frequency scheduler, but kept as a running average so no item
 * history is stored): an exponentially weighted rate of new items per hour; the next poll
 * comes when about one new item is expected (60 / rate minutes). A poll with nothing new
 * doubles the wait of the quiet feed (up to the maximum); one with new items resets it.
 */

/** Hints found in a feed body. */
export interface FeedHints {
  /** RSS `<ttl>`, minutes, or null. */
  ttlMinutes: number | null;
  /** `sy:updatePeriod` / `sy:updateFrequency` as minutes between updates, or null when absent. */
  syMinutes: number | null;
}

const PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10_080, monthly: 43_200, yearly: 525_600 };

/**
 * Reads the channel-level polling hints of an RSS/RDF/Atom body (first 64 KiB; the tags are
 * ASCII in every charset the feeds use). Unknown or malformed values are ignored.
 */
export function feedHintsOf(body: Buffer): FeedHints {
  const head = body.subarray(0, 65_536).toString('latin1');
  const ttl = /<ttl>\s*(\d{1,7})\s*<\/ttl>/i.exec(head);
  const period = /<(?:\w+:)?updatePeriod>\s*(\w+)\s*<\/(?:\w+:)?updatePeriod>/i.exec(head)?.[1]?.toLowerCase();
  const freq = /<(?:\w+:)?updateFrequency>\s*(\d{1,6})\s*<\/(?:\w+:)?updateFrequency>/i.exec(head)?.[1];
  const periodMin = period ? PERIOD_MINUTES[period] : undefined;
  let syMinutes: number | null = null;
  if ((period && periodMin) || freq) {
    const f = Math.max(1, Number(freq ?? 1));
    syMinutes = (periodMin ?? PERIOD_MINUTES.daily) / f;
  }
  const t = ttl ? Number(ttl[1]) : null;
  return { ttlMinutes: t !== null && t > 0 ? t : null, syMinutes };
}

/** The activity the scheduler keeps per feed between polls. */
export interface PollActivity {
  /** Exponentially weighted new items per hour, or null before the second poll. */
  ratePerHour: number | null;
  /** Polls in a row that brought nothing new. */
  emptyPolls: number;
  /** Time of the previous successful poll, epoch ms, or null. */
  lastPollAt: number | null;
}

/** Why the next poll is when it is. */
export type PollReason = 'interval' | 'ttl' | 'sy-update' | 'cache-control' | 'busy-feed' | 'quiet-feed' | 'min-interval' | 'max-interval';

/** A decision: the wait, its reason, a human detail line, and the activity to store. */
export interface PollDecision {
  delayMs: number;
  reason: PollReason;
  detail: string;
  activity: PollActivity;
}

/** Weight of the newest observation in the running rate. */
export const RATE_ALPHA = 0.3;

/**
 * Decides the wait before the next poll.
 * @param o.intervalMinutes the feed's configured cadence (used until activity is known)
 * @param o.minMinutes / o.maxMinutes bounds of the result, minutes
 * @param o.newItems new items this poll brought (0 on 304)
 * @param o.now epoch ms of this poll
 */
export function decideNextPoll(o: {
  intervalMinutes: number;
  minMinutes: number;
  maxMinutes: number;
  hints: FeedHints;
  cacheMaxAgeMs: number | null;
  newItems: number;
  now: number;
  previous: PollActivity;
}): PollDecision {
  const p = o.previous;
  let rate = p.ratePerHour;
  if (p.lastPollAt !== null && o.now > p.lastPollAt) {
    const hours = (o.now - p.lastPollAt) / 3_600_000;
    const observed = o.newItems / hours;
    rate = rate === null ? observed : RATE_ALPHA * observed + (1 - RATE_ALPHA) * rate;
  }
  const emptyPolls = o.newItems > 0 ? 0 : p.emptyPolls + 1;
  const activity: PollActivity = { ratePerHour: rate, emptyPolls, lastPollAt: o.now };

  // Activity: about one new item per wait; a quiet feed doubles its wait per empty poll.
  let minutes = o.intervalMinutes;
  let reason: PollReason = 'interval';
  let detail = `configured interval ${o.intervalMinutes} min`;
  if (rate !== null && rate > 0) {
    minutes = 60 / rate;
    reason = 'busy-feed';
    detail = `${rate.toFixed(2)} new items/hour on average: one expected every ${Math.round(minutes)} min`;
  }
  if (emptyPolls >= 2) {
    const quiet = o.intervalMinutes * 2 ** Math.min(emptyPolls - 1, 10);
    if (quiet > minutes) {
      minutes = quiet;
      reason = 'quiet-feed';
      detail = `${emptyPolls} polls in a row without a new item: waiting ${Math.round(quiet)} min`;
    }
  }
  // Hints: the publisher's "not before", the longest wins over activity.
  const hints: [PollReason, number | null, string][] = [
    ['ttl', o.hints.ttlMinutes, `<ttl> ${o.hints.ttlMinutes} min`],
    ['sy-update', o.hints.syMinutes, `sy:updatePeriod/updateFrequency: every ${o.hints.syMinutes === null ? '' : Math.round(o.hints.syMinutes)} min`],
    ['cache-control', o.cacheMaxAgeMs === null ? null : o.cacheMaxAgeMs / 60_000, `Cache-Control/Expires: fresh for ${o.cacheMaxAgeMs === null ? '' : Math.round(o.cacheMaxAgeMs / 60_000)} min`],
  ];
  for (const [r, m, d] of hints) {
    if (m !== null && m > minutes) {
      minutes = m;
      reason = r;
      detail = d;
    }
  }
  if (minutes < o.minMinutes) {
    detail = `${detail}; raised to minIntervalMinutes ${o.minMinutes}`;
    minutes = o.minMinutes;
    reason = reason === 'interval' ? 'interval' : 'min-interval';
  } else if (minutes > o.maxMinutes) {
    detail = `${detail}; capped at maxIntervalMinutes ${o.maxMinutes}`;
    minutes = o.maxMinutes;
    reason = 'max-interval';
  }
  return { delayMs: Math.round(minutes * 60_000), reason, detail, activity };
}
