/**
 * Events that no job keeps, counted for `status`: a job taken over from a worker that died or
 * froze (`job.stalled`), a /stories query refused with 400 (`stories.bad-query`) or a page that
 * could not read its records (`stories.page-failed`), a /metrics read that failed
 * (`metrics.read-failed`), a start that found no seen-set and could not read some sink to rebuild
 * it (`seen.rebuild-incomplete`, reason `sink-read-failed`, since round 20). Each is logged where it happens; before round 12 (review13) `status`
 * had no place for them (docs/review.md). One Redis hash `<prefix>:notices`, two fields per
 * event: `<event>` (count) and `<event> last` (JSON `{at, reason, detail}`), so it is bounded by
 * NOTICE_EVENTS. Counts are since the hash was made (a Redis that lost its data starts anew).
 *
 * A write that fails (the event is often Redis being away: `metrics.read-failed`) is kept in
 * memory and written with the next one, or by a retry every `retryMs`: the count is late, not
 * lost, unless the process ends first.
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster

/** The events counted (a fixed set: the hash never grows past twice its size). */
export const NOTICE_EVENTS = ['job.stalled', 'stories.bad-query', 'stories.page-failed', 'metrics.read-failed', 'seen.rebuild-incomplete'] as const;

/** Longest detail kept per notice, characters (a sink's read error names its cause late: 200 cut PostgreSQL's). */
export const DETAIL_MAX = 600;

/** One of NOTICE_EVENTS. */
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** An event's count and its newest occurrence, as `status` shows them. */
export interface Notice {
  event: NoticeEvent;
  count: number;
  /** Reason code of the newest one (src/errors.ts), e.g. `stalled`, `bad-query`. */
  reason: string;
  /** When the newest one happened, ISO 8601 UTC. */
  lastAt: string;
  /** What it was about: the job (`articles/a-…`), the parameter and value, the metrics source, the sinks and their errors; at most DETAIL_MAX characters. */
  detail: string;
}

/** Redis key of the notices hash. */
export function noticesKey(prefix: string): string {
  return `${prefix}:notices`;
}

/** Counts notices into Redis (see the module comment). `note` never throws and never waits. */
export class NoticeWriter {
  private pending = new Map<NoticeEvent, { count: number; last: { at: string; reason: string; detail: string } }>();
  private flushing = false;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Wait before writing again counts whose write failed, ms. */
    private readonly retryMs = 30_000,
  ) {}

  /** Counts one `event` with its reason code and detail (cut to DETAIL_MAX characters). */
  note(event: NoticeEvent, reason: string, detail: string): void {
    if (this.closed) return;
    const p = this.pending.get(event);
    const last = { at: new Date().toISOString(), reason, detail: detail.slice(0, DETAIL_MAX) };
    this.pending.set(event, { count: (p?.count ?? 0) + 1, last });
    void this.flush();
  }

  /** Writes the pending counts; on failure keeps them and tries again after `retryMs`. */
  async flush(): Promise<void> {
    if (this.flushing || this.pending.size === 0) return;
    this.flushing = true;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const m = this.redis.multi();
      for (const [event, { count, last }] of batch) {
        m.hincrby(noticesKey(this.prefix), event, count);
        m.hset(noticesKey(this.prefix), `${event} last`, JSON.stringify(last));
      }
      const res = await m.exec();
      const err = res?.find(([e]) => e)?.[0];
      if (!res || err) throw err ?? new Error('transaction discarded');
    } catch {
      // put them back under what came meanwhile (newer `last` wins)
      for (const [event, b] of batch) {
        const p = this.pending.get(event);
        this.pending.set(event, { count: b.count + (p?.count ?? 0), last: p?.last ?? b.last });
      }
      if (!this.retry && !this.closed) {
        this.retry = setTimeout(() => {
          this.retry = null;
          void this.flush();
        }, this.retryMs);
        this.retry.unref();
      }
    } finally {
      this.flushing = false;
    }
    if (this.pending.size && !this.retry) void this.flush();
  }

  /** Stops the retries (counts not yet written are dropped). */
  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }
}

/** The counted notices, in NOTICE_EVENTS order (none for an event never seen). */
export async function readNotices(redis: Redis, prefix: string): Promise<Notice[]> {
  const h = await redis.hgetall(noticesKey(prefix));
  const out: Notice[] = [];
  for (const event of NOTICE_EVENTS) {
    const count = Number(h[event] ?? 0);
    if (!count) continue;
    let last: { at?: string; reason?: string; detail?: string } = {};
    try {
      last = JSON.parse(h[`${event} last`] ?? '{}') as typeof last;
    } catch {
      // a field written by hand: keep the count
    }
    out.push({ event, count, reason: last.reason ?? '?', lastAt: last.at ?? '?', detail: last.detail ?? '' });
  }
  return out;
}
