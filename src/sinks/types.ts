import type { ArticleRecord, Carrier } from '../types.js';

/**
 * What one write did: `written` (sent or stored: a webhook POST, a JSONL line), `inserted` /
 * `updated` (PostgreSQL), or `unchanged` (the sink already held this record version, by
 * `recordVersion`, and wrote nothing).
 */
export type SinkWriteOutcome = 'written' | 'inserted' | 'updated' | 'unchanged';

/** Options of one write. */
export interface SinkWriteOptions {
  /** Aborts the write (the caller gave up waiting); sinks that can stop a request do. */
  signal?: AbortSignal;
}

/**
 * A downstream destination for records. `write` is an idempotent upsert by `record.id`:
 * writing the same record twice leaves one copy (stalled jobs re-run, DESIGN.md).
 */
export interface Sink {
  /**
   * Stable name (config `name`, default the type, then `<type>-2`...), used in logs, metrics,
   * job data, the sink's delivery queue (`deliver-<name>`) and `status`.
   */
  readonly name: string;
  /** `jsonl`, `postgres` or `webhook`. */
  readonly type: string;
  /** Which records this sink takes: `relevant` (any topic relevant) or `all`. */
  readonly only: 'relevant' | 'all';
  /**
   * Upserts one record: one attempt, no retries of its own (the caller, or the sink's delivery
   * queue, retries). Throws on failure; an `IngestError` with reason `sink-rejected` means
   * retrying cannot help, `sink-failed` that a later try may.
   */
  write(record: ArticleRecord, opts?: SinkWriteOptions): Promise<SinkWriteOutcome>;
  /**
   * Resolves when the sink can take writes now (PostgreSQL answers, the JSONL folder is
   * writable); rejects with the cause otherwise. `/readyz` calls it. Absent: always ready.
   */
  probe?(): Promise<void>;
  /** Flushes and releases resources. */
  close(): Promise<void>;
  /**
   * The records this sink holds, current versions only, in pages (`retag` reads them back).
   * Absent on write-only sinks (webhook).
   */
  readAll?(pageSize?: number): AsyncIterable<ArticleRecord[]>;
  /**
   * Lines the last finished `readAll` skipped because they are no record (JSONL: a torn write
   * or another writer's line); absent or 0 when every line was read. Callers report it.
   */
  readonly readSkipped?: number;
  /**
   * Adds an outlet that carried a copy to the original record's `carriedBy` (the original
   * first, when the list is new); a no-op when the original is absent or lists the URL already.
   * Absent on sinks that cannot update in place (JSONL, webhook: readers derive it from copies).
   */
  addCarrier?(originalId: string, carrier: Carrier): Promise<void>;
}

/** True when a sink with this filter takes the record. */
export function sinkAccepts(only: 'relevant' | 'all', record: ArticleRecord): boolean {
  return only === 'all' || record.topics.some((t) => t.relevant);
}
