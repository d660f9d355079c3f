/**
 * Sinks stage entry: `createSinks(config)` builds every configured sink;
 * `deliver(record, sinks, pending)` writes to each sink that takes the record.
 */
import type { Config } from '../config/schema.js';
import { IngestError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ArticleRecord } from '../types.js';
import { JsonlSink } from './jsonl.js';
import type { PostgresSink } from './postgres.js';
import { sinkAccepts, type Sink, type SinkWriteOutcome } from './types.js';
import { WebhookSink } from './webhook.js';
import { SinkAttempts } from '../state/sink-attempts.js';
import type { RedisClient } from '../queue/connection.js';

export type { Sink, SinkWriteOutcome } from './types.js';
export { JsonlSink } from './jsonl.js';
export { WebhookSink } from './webhook.js';

/**
 * Builds the configured sinks, in config order, each with its config name (`jsonl`,
 * `postgres`, `webhook-2`...: `withSinkNames` in src/config/schema.ts). PostgreSQL sinks create/migrate their table here; when the
 * database cannot be reached the sink is still returned (a warning is logged) and migrates
 * on its first write, so one unreachable sink never keeps the others from working. With
 * `opts.redis` (the worker's), webhook sinks share their attempts with the other processes of
 * `cfg.redis.prefix` for readiness (src/state/sink-attempts.ts).
 */
export async function createSinks(cfg: Config, opts: { log?: Logger; redis?: RedisClient } = {}): Promise<Sink[]> {
  // pg (and its driver modules, ~3 MB of heap) is loaded only when a PostgreSQL sink is configured:
  // a worker with the JSONL sink alone never loads it (issue 17, round 8).
  const Postgres = cfg.sinks.some((s) => s.type === 'postgres') ? (await import('./postgres.js')).PostgresSink : null;
  const postgres: PostgresSink[] = [];
  const sinks: Sink[] = cfg.sinks.map((s) => {
    switch (s.type) {
      case 'jsonl':
        return new JsonlSink(s.path, s.only, s.name, opts.log);
      case 'postgres': {
        const sink = new Postgres!({ url: s.url, table: s.table, only: s.only }, s.name);
        postgres.push(sink);
        return sink;
      }
      case 'webhook':
        // with the worker's Redis, readiness sees every process's attempts (src/state/sink-attempts.ts)
        return new WebhookSink({ url: s.url, secret: s.secret, timeoutMs: s.timeoutMs, only: s.only, attempts: opts.redis ? new SinkAttempts(opts.redis, cfg.redis.prefix, s.name) : undefined }, s.name);
    }
  });
  await Promise.all(
    postgres.map(async (s) => {
      try {
        await s.init();
      } catch (err) {
        opts.log?.warn({ event: 'sink.init', sink: s.name, outcome: 'failed', reason: err instanceof IngestError ? err.code : 'sink-failed', err: (err as Error).message }, 'sink.init failed; retried on first write');
      }
    }),
  );
  return sinks;
}

/** Per-sink outcome of one delivery. */
export interface DeliveryResult {
  /** Sinks that took the record (written, or already holding this version), with what the write did. */
  delivered: { sink: string; outcome: SinkWriteOutcome }[];
  /** Sinks whose `only` filter does not take the record. */
  skipped: string[];
  /**
   * Sinks that failed. `permanent` is true when retrying cannot help (reason `sink-rejected`:
   * a webhook 4xx, data PostgreSQL refuses); `timedOut` when the attempt was given up after
   * `timeoutMs` (the sink may still complete it).
   */
  failed: { sink: string; error: Error; permanent: boolean; timedOut: boolean }[];
}

/**
 * One write to one sink, given up after `timeoutMs` when set (the sink's request is aborted
 * where it can be; a PostgreSQL statement already sent may still complete, which the upsert
 * makes harmless).
 * @returns the sink's outcome, or the failure (never throws)
 */
export async function attemptWrite(
  sink: Sink,
  record: ArticleRecord,
  timeoutMs?: number,
): Promise<{ ok: true; outcome: SinkWriteOutcome } | { ok: false; error: Error; permanent: boolean; timedOut: boolean }> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    if (timeoutMs === undefined) return;
    timer = setTimeout(() => {
      ac.abort(new Error(`no answer within ${timeoutMs} ms`));
      resolve('timeout');
    }, timeoutMs);
  });
  try {
    const res = await Promise.race([sink.write(record, { signal: ac.signal }), gaveUp]);
    if (res === 'timeout') {
      return { ok: false, error: new IngestError('sink-failed', `${sink.name} record ${record.id}: no answer within ${timeoutMs} ms`), permanent: false, timedOut: true };
    }
    return { ok: true, outcome: res };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    return { ok: false, error, permanent: error instanceof IngestError && !error.retryable, timedOut: ac.signal.aborted };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Writes a record to every sink that takes it and whose name is in `only` (all when
 * `only` is undefined), in parallel, each write given up after `timeoutMs` when set. A
 * failing sink does not stop or undo the others.
 */
export async function deliver(record: ArticleRecord, sinks: readonly Sink[], only?: ReadonlySet<string>, timeoutMs?: number): Promise<DeliveryResult> {
  const res: DeliveryResult = { delivered: [], skipped: [], failed: [] };
  await Promise.all(
    sinks.map(async (s) => {
      if (only && !only.has(s.name)) return;
      if (!sinkAccepts(s.only, record)) return void res.skipped.push(s.name);
      const r = await attemptWrite(s, record, timeoutMs);
      if (r.ok) res.delivered.push({ sink: s.name, outcome: r.outcome });
      else res.failed.push({ sink: s.name, error: r.error, permanent: r.permanent, timedOut: r.timedOut });
    }),
  );
  return res;
}

/** Closes every sink; a failing close does not stop the others. Returns the errors. */
export async function closeSinks(sinks: Sink[]): Promise<Error[]> {
  const res = await Promise.allSettled(sinks.map((s) => s.close()));
  return res.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
}
