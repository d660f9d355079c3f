/**
 * Sinks stage entry: `createSinks(config)` builds every configured sink;
 * `deliver(record, sinks, pending)` writes to each sink that takes the record.
 */
import type { Config } from '../config/schema.js';
import { IngestError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ArticleRecord } from '../types.js';
import { JsonlSink } from './jsonl.js';
import { PostgresSink } from './postgres.js';
import { sinkAccepts, type Sink } from './types.js';
import { WebhookSink } from './webhook.js';

export type { Sink } from './types.js';
export { JsonlSink } from './jsonl.js';
export { PostgresSink } from './postgres.js';
export { WebhookSink } from './webhook.js';

/**
 * Builds the configured sinks, in config order, named `<type>:<index>` (`jsonl:0`,
 * `postgres:1`, `webhook:2`). PostgreSQL sinks create/migrate their table here; when the
 * database cannot be reached the sink is still returned (a warning is logged) and migrates
 * on its first write, so one unreachable sink never keeps the others from working.
 */
export async function createSinks(cfg: Config, opts: { log?: Logger } = {}): Promise<Sink[]> {
  const sinks: Sink[] = cfg.sinks.map((s, i) => {
    switch (s.type) {
      case 'jsonl':
        return new JsonlSink(s.path, s.only, i);
      case 'postgres':
        return new PostgresSink({ url: s.url, table: s.table, only: s.only }, i);
      case 'webhook':
        return new WebhookSink({ url: s.url, secret: s.secret, timeoutMs: s.timeoutMs, retries: s.retries, backoffMs: s.backoffMs, only: s.only }, i);
    }
  });
  await Promise.all(
    sinks.map(async (s) => {
      if (!(s instanceof PostgresSink)) return;
      try {
        await s.init();
      } catch (err) {
        opts.log?.warn({ sink: s.name, outcome: 'failed', reason: 'sink-failed', err: (err as Error).message }, 'sink.init failed; retried on first write');
      }
    }),
  );
  return sinks;
}

/** Per-sink outcome of one delivery. */
export interface DeliveryResult {
  /** Sinks that took the record (written, or already holding this version). */
  delivered: string[];
  /** Of `delivered`, the sinks that already held this exact record and wrote nothing. */
  unchanged: string[];
  /** Sinks whose `only` filter does not take the record. */
  skipped: string[];
  /**
   * Sinks that failed. `permanent` is true when retrying cannot help (reason `sink-rejected`:
   * a webhook 4xx, data PostgreSQL refuses); the job keeps the others to retry them.
   */
  failed: { sink: string; error: Error; permanent: boolean }[];
}

/**
 * Writes a record to every sink that takes it and whose name is in `only` (all when
 * `only` is undefined), in parallel. A failing sink does not stop or undo the others.
 */
export async function deliver(record: ArticleRecord, sinks: Sink[], only?: ReadonlySet<string>): Promise<DeliveryResult> {
  const res: DeliveryResult = { delivered: [], unchanged: [], skipped: [], failed: [] };
  await Promise.all(
    sinks.map(async (s) => {
      if (only && !only.has(s.name)) return;
      if (!sinkAccepts(s.only, record)) return void res.skipped.push(s.name);
      try {
        const out = await s.write(record);
        res.delivered.push(s.name);
        if (out === 'unchanged') res.unchanged.push(s.name);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        res.failed.push({ sink: s.name, error, permanent: error instanceof IngestError && !error.retryable });
      }
    }),
  );
  return res;
}

/** Closes every sink; a failing close does not stop the others. Returns the errors. */
export async function closeSinks(sinks: Sink[]): Promise<Error[]> {
  const res = await Promise.allSettled(sinks.map((s) => s.close()));
  return res.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
}
