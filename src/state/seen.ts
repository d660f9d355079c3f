/**
 * The seen-set: which articles the feeds have already handed to the article queue, and in
 * which version. One Redis string per article, `<prefix>:seen:<hash>` (hash = record id of
 * the item's canonical URL), TTL `worker.seenTtlDays`. The value lists the item's version
 * as each feed carrying it showed it, `<feedId>=<itemVersion>[,...]`, followed, after a job
 * that ended failed for a cause a later try could fix, by `|<failedRuns>|<retryAt epoch ms>`.
 * Legacy `1` and `r` (rebuilt from the sinks after a Redis loss) mean "seen, version unknown".
 *
 * What a poll does with an item (`seenVerdict`):
 * - no entry: new, enqueue;
 * - this feed's recorded version is the same: nothing;
 * - this feed has no recorded version (another feed brought the article, or the entry was
 *   rebuilt after a Redis loss): record it, no fetch (so a Redis loss never turns into a
 *   refetch of every page, and feeds carrying one link never make it flip);
 * - this feed shows another version (the item's guid, title or updated date changed: an
 *   edited headline, a developing story): enqueue again (a new record version);
 * - failed: enqueue again once `retryAt` has come (the retry policy's `pollBackoffMs`).
 *
 * Redis loss: `rebuildSeenFromSinks` writes `r` for every record the sinks hold (their
 * `url` is the feed's link), so pages already delivered are not fetched again.
 */
import { createHash } from 'node:crypto';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import { canonicalizeUrl, recordIdOf } from '../normalize/url.js';
import type { Sink } from '../sinks/types.js';
import type { FeedItem } from '../types.js';

/** Redis key of an article's seen-set entry. */
export function seenKey(prefix: string, recordId: string): string {
  return `${prefix}:seen:${recordId}`;
}

/**
 * The version of a feed item as the feed shows it: `t` and 11 hex chars of sha-256 over its
 * title and updated date (Atom `updated`, JSON Feed `date_modified`). Summary and publish date
 * are left out: feeds rewrite summaries (ads, counters) without the story changing. The guid is
 * left out too (round 10, docs/review.md faults12): a feed that gives its items a new guid at
 * every poll (a session or timestamp in it) made each item a new version at each poll, one page
 * fetch per item per poll for an unchanged article. The record id is the canonical URL's, so
 * the item is the same article; an edited headline still changes the title. (`guid` is taken
 * and ignored, so any feed item can be passed.)
 */
export function itemVersion(item: Pick<FeedItem, 'title' | 'updatedAt'> & { guid?: string | null }): string {
  return `t${createHash('sha256').update(`${item.title ?? ''}\u0000${item.updatedAt ?? ''}`).digest('hex').slice(0, 11)}`;
}

/**
 * The version as entries written before round 10 hold it: 12 hex chars of sha-256 over the
 * guid, title and updated date. `seenVerdict` takes an entry holding it as seen (and the poll
 * records the new form), so an upgrade fetches no page again.
 */
export function legacyItemVersion(item: Pick<FeedItem, 'guid' | 'title' | 'updatedAt'>): string {
  return createHash('sha256')
    .update(`${item.guid ?? ''}\u0000${item.title ?? ''}\u0000${item.updatedAt ?? ''}`)
    .digest('hex')
    .slice(0, 12);
}

/** A parsed seen-set entry. */
export interface SeenEntry {
  /** The item's version as each feed that carries it last showed it (feed id → itemVersion); empty when unknown (legacy `1`, rebuilt `r`). */
  versions: Record<string, string>;
  /** Failed runs in a row (0 when the last run did not fail). */
  failedRuns: number;
  /** When a failed article may be enqueued again, epoch ms (0 when not failed). */
  retryAt: number;
}

/** Parses a stored value (see the module comment); null for no entry. */
export function parseSeen(value: string | null): SeenEntry | null {
  if (value === null) return null;
  const [list, runs, at] = value.split('|');
  const versions: Record<string, string> = {};
  for (const pair of (list ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) versions[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { versions, failedRuns: Number(runs) || 0, retryAt: Number(at) || 0 };
}

/** Formats an entry for storage: `feedA=ver,feedB=ver[|failedRuns|retryAt]`, or `r` for "seen, version unknown". */
export function formatSeen(e: SeenEntry): string {
  const list = Object.entries(e.versions).map(([f, v]) => `${f}=${v}`).join(',');
  if (!list && e.failedRuns === 0) return 'r';
  return e.failedRuns > 0 ? `${list}|${e.failedRuns}|${e.retryAt}` : list;
}

/** The entry with `feedId`'s version set (and the failed state cleared when `clearFailed`). */
export function withVersion(e: SeenEntry | null, feedId: string, version: string, clearFailed: boolean): SeenEntry {
  const base = e ?? { versions: {}, failedRuns: 0, retryAt: 0 };
  return { versions: { ...base.versions, [feedId]: version }, failedRuns: clearFailed ? 0 : base.failedRuns, retryAt: clearFailed ? 0 : base.retryAt };
}

/**
 * What a poll does with one item: `new`, `changed` (this feed shows a new version), `retry`
 * (failed before, due again), `adopt` (seen, but this feed's version is not recorded yet: record
 * it, no fetch) or `seen` (skip).
 */
export type SeenVerdict = 'new' | 'changed' | 'retry' | 'adopt' | 'seen';

/**
 * Decides what a poll does with an item (see the module comment). Pure. Each feed's version
 * of an item is compared only with what that feed showed before, so two feeds carrying one
 * link under their own guids and titles never make it flip between versions.
 * @param entry the stored entry (parseSeen), or null
 * @param version the item's current `itemVersion`
 * @param feedId the feed being polled
 * @param now epoch ms
 * @param legacy the item's `legacyItemVersion`: a stored version equal to it is this version in
 *   the form written before round 10, recorded anew without a fetch (`adopt`)
 */
export function seenVerdict(entry: SeenEntry | null, version: string, feedId: string, now: number, legacy?: string): SeenVerdict {
  if (!entry) return 'new';
  if (entry.failedRuns > 0) return now >= entry.retryAt ? 'retry' : 'seen';
  const known = entry.versions[feedId];
  if (known === undefined) return 'adopt';
  if (known === version) return 'seen';
  return legacy !== undefined && known === legacy ? 'adopt' : 'changed';
}

/** Reads the entries of many articles at once (one MGET). */
export async function readSeen(redis: Redis, prefix: string, recordIds: readonly string[]): Promise<(SeenEntry | null)[]> {
  if (recordIds.length === 0) return [];
  const values = await redis.mget(recordIds.map((id) => seenKey(prefix, id)));
  return values.map(parseSeen);
}

/**
 * Writes entries (one pipeline), each with the TTL, seconds. `onlyIfAbsent` writes only
 * where no entry exists (SET NX).
 */
export async function writeSeen(redis: Redis, prefix: string, entries: readonly { recordId: string; entry: SeenEntry }[], ttlSeconds: number, onlyIfAbsent = false): Promise<void> {
  if (entries.length === 0) return;
  const pipe = redis.pipeline();
  for (const { recordId, entry } of entries) {
    if (onlyIfAbsent) pipe.set(seenKey(prefix, recordId), formatSeen(entry), 'EX', ttlSeconds, 'NX');
    else pipe.set(seenKey(prefix, recordId), formatSeen(entry), 'EX', ttlSeconds);
  }
  await pipe.exec();
}

/**
 * Records that an article's job ended failed for a cause a later try could fix: the next
 * regular poll that lists it enqueues it again once `now + backoffMs` has come. The count of
 * failed runs comes from the stored entry (so the caller's backoff grows per run).
 * @param backoffFor maps the new failed-run count to the wait before the next try, ms
 * @returns the new failed-run count
 */
export async function markSeenFailed(
  redis: Redis,
  prefix: string,
  recordId: string,
  at: { version: string; feedId: string; now: number; ttlSeconds: number },
  backoffFor: (failedRuns: number) => number,
): Promise<number> {
  const prev = parseSeen(await redis.get(seenKey(prefix, recordId)));
  const failedRuns = (prev?.failedRuns ?? 0) + 1;
  const entry: SeenEntry = { ...withVersion(prev, at.feedId, at.version, true), failedRuns, retryAt: at.now + backoffFor(failedRuns) };
  await redis.set(seenKey(prefix, recordId), formatSeen(entry), 'EX', at.ttlSeconds);
  return failedRuns;
}

/** What `rebuildSeenFromSinks` did. */
export interface SeenRebuild {
  /** Records read back, over every readable sink (a record held by two sinks counts twice). */
  records: number;
  /** Seen-set keys written. */
  keys: number;
  /** Readable sinks that could not be read (PostgreSQL away): left out of the comparison. */
  failedSinks?: string[];
  /** Each of `failedSinks` with its read error's message (at most 500 characters), by sink name. */
  sinkErrors?: Record<string, string>;
  /**
   * Records some readable sink that should hold them lacks (their delivery was pending in the
   * Redis that lost its data): not marked seen, so the next poll that lists them fetches them
   * again and every sink gets them.
   */
  incomplete?: number;
  /**
   * Sinks that cannot be read back (webhook): deliveries to them that were pending in the lost
   * Redis cannot be found again.
   */
  unreadableSinks?: string[];
  /** Lines of readable sinks that were no record (torn or foreign JSONL lines), by sink name. */
  skippedLines?: Record<string, number>;
}

/**
 * Rebuilds the seen-set from what the sinks hold, after Redis lost its data: an `r` entry
 * ("seen, version unknown"; SET NX, so newer entries are kept) for the feed link (`url`)
 * and the canonical URL of every record that EVERY readable sink meant to hold it does hold
 * (a sink with `only: relevant` is not expected to hold a non-relevant record). A record one
 * of them lacks had its delivery pending in the lost Redis: it is left unseen (`incomplete`)
 * and fetched again, so nothing is lost in the readable sinks. Records of webhook-only setups,
 * and articles no sink took (`only: relevant` filtered them), are not known and are fetched
 * again when a feed still lists them; the webhook's own pending deliveries cannot be found
 * (`unreadableSinks`). A sink that cannot be read (PostgreSQL away) is skipped and named in
 * `failedSinks` with its error in `sinkErrors` (reason `sink-read-failed`): its pages may be
 * fetched again, nothing is lost.
 * Memory: one map entry per record id held (about 150 bytes each).
 * @returns see SeenRebuild
 */
export async function rebuildSeenFromSinks(redis: Redis, prefix: string, sinks: readonly Sink[], ttlSeconds: number): Promise<SeenRebuild> {
  let records = 0;
  const failedSinks: string[] = [];
  const sinkErrors: Record<string, string> = {};
  let skippedLines: Record<string, number> | undefined;
  const unreadableSinks = sinks.filter((s) => !s.readAll).map((s) => s.name);
  const read: Sink[] = [];
  // record id → its URL, whether it is relevant, and which readable sinks (by index in `read`) hold it
  const held = new Map<string, { url: string; relevant: boolean; by: Set<number> }>();
  for (const sink of sinks) {
    if (!sink.readAll) continue;
    const index = read.length;
    try {
      for await (const page of sink.readAll(1000)) {
        for (const r of page) {
          records++;
          let e = held.get(r.id);
          if (!e) held.set(r.id, (e = { url: r.url, relevant: r.topics.some((t) => t.relevant), by: new Set() }));
          e.by.add(index);
        }
      }
      read.push(sink);
      if (sink.readSkipped) (skippedLines ??= {})[sink.name] = sink.readSkipped;
    } catch (err) {
      failedSinks.push(sink.name);
      sinkErrors[sink.name] = String((err as Error)?.message ?? err).slice(0, 500);
      for (const e of held.values()) e.by.delete(index);
    }
  }
  const unknown: SeenEntry = { versions: {}, failedRuns: 0, retryAt: 0 };
  let keys = 0;
  let incomplete = 0;
  let pipe = redis.pipeline();
  let queued = 0;
  for (const [id, e] of held) {
    const complete = read.every((s, i) => e.by.has(i) || !(s.only === 'all' || e.relevant));
    if (!complete) {
      incomplete++;
      continue;
    }
    const ids = new Set<string>([id]);
    try {
      ids.add(recordIdOf(canonicalizeUrl(e.url)));
    } catch {
      // a record whose url is not http(s) (a file extracted by hand): its id is enough
    }
    for (const k of ids) {
      pipe.set(seenKey(prefix, k), formatSeen(unknown), 'EX', ttlSeconds, 'NX');
      keys++;
      if (++queued === 1000) {
        await pipe.exec();
        pipe = redis.pipeline();
        queued = 0;
      }
    }
  }
  if (queued) await pipe.exec();
  return { records, keys, ...(failedSinks.length ? { failedSinks, sinkErrors } : {}), ...(incomplete ? { incomplete } : {}), ...(unreadableSinks.length ? { unreadableSinks } : {}), ...(skippedLines ? { skippedLines } : {}) };
}
