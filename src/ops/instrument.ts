/**
 * Wraps the worker context's stage functions (fetch, page → record, each sink's write) so
 * that each call is timed into `news_ingest_stage_duration_seconds` and sink outcomes are
 * counted. The wrapped functions behave exactly as the originals (same results, same errors).
 */
import { sinkError } from '../sinks/failure.js';
import type { FetchOptions, FetchResult } from '../http/fetch.js';
import type { PageInput, StageTimes } from '../pipeline/page.js';
import type { Sink, SinkWriteOptions, SinkWriteOutcome } from '../sinks/types.js';
import type { ArticleRecord } from '../types.js';
import type { JobEndEvent } from '../queue/processor.js';
// Types only: prom-client (src/ops/metrics.ts) is loaded only when the ops listener is configured.
import type { Metrics, Stage } from './metrics.js';

/** The stage a fetch belongs to, by its `kind`. */
function fetchStage(kind: FetchOptions['kind']): Stage {
  if (kind === 'feed') return 'feed_fetch';
  if (kind === 'html') return 'page_fetch';
  return 'robots_fetch';
}

/** Times every fetch (success or failure) by kind. */
export function timedFetch(m: Metrics, fetch: (url: string, o: FetchOptions) => Promise<FetchResult>): (url: string, o: FetchOptions) => Promise<FetchResult> {
  return async (url, o) => {
    const t0 = performance.now();
    try {
      return await fetch(url, o);
    } finally {
      m.stageDuration.observe({ stage: fetchStage(o.kind), sink: '' }, secondsSince(t0));
    }
  };
}

/** Records the extract and tag times `pageToRecord` measured (in this thread or an extraction thread). */
export function timedToRecord(m: Metrics, toRecord: (page: PageInput, times?: StageTimes) => Promise<ArticleRecord>): (page: PageInput) => Promise<ArticleRecord> {
  return async (page) => {
    const times: StageTimes = { extractMs: 0, tagMs: 0 };
    try {
      return await toRecord(page, times);
    } finally {
      if (times.extractMs) m.stageDuration.observe({ stage: 'extract', sink: '' }, times.extractMs / 1000);
      if (times.tagMs) m.stageDuration.observe({ stage: 'tag', sink: '' }, times.tagMs / 1000);
    }
  };
}

/**
 * A sink whose `write` is timed and counted (deliveries by outcome, failures by reason: the
 * IngestError's code, else `sink-misconfigured` or `sink-failed` as the delivery job gives it,
 * src/sinks/failure.ts); every
 * other member is the sink's own, bound to it. The label is the sink's `name`.
 */
export function timedSink(m: Metrics, sink: Sink): Sink {
  const label = sink.name;
  const write = async (record: ArticleRecord, opts?: SinkWriteOptions): Promise<SinkWriteOutcome> => {
    const t0 = performance.now();
    try {
      const out = await sink.write(record, opts);
      m.sinkDeliveries.inc({ sink: label, outcome: out === 'unchanged' ? 'unchanged' : 'written' });
      return out;
    } catch (err) {
      // a sink's own error (ENOSPC, EFBIG, a refused PostgreSQL connection) is `sink-failed`, as
      // its delivery job says (jobs/deliver-record.ts); it was `internal-error`, the code for a
      // bug, in this counter only (round 10 faults, docs/review.md)
      m.sinkFailures.inc({ sink: label, reason: sinkError(label, record.id, err).code });
      throw err;
    } finally {
      m.stageDuration.observe({ stage: 'sink', sink: label }, secondsSince(t0));
    }
  };
  return new Proxy(sink, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Counts one finished job attempt (the worker's `onJobEnd`). */
export function countJobEnd(m: Metrics, e: JobEndEvent): void {
  m.jobsFinished.inc({ queue: e.queue, outcome: e.outcome, reason: e.reason ?? 'none' });
  const r = e.result as { items?: number; newItems?: number } | undefined;
  if (e.queue === 'feeds' && e.feedId && r) {
    if (r.items) m.feedItemsFound.inc({ feed: e.feedId }, r.items);
    if (r.newItems) m.feedNewItems.inc({ feed: e.feedId }, r.newItems);
  }
}

/** Seconds since `t0` (a `performance.now()` reading). */
function secondsSince(t0: number): number {
  return (performance.now() - t0) / 1000;
}
