import type { ArticleRecord, Carrier } from '../types.js';

/**
 * A downstream destination for records. `write` is an idempotent upsert by `record.id`:
 * writing the same record twice leaves one copy (stalled jobs re-run, DESIGN.md).
 */
export interface Sink {
  /** Stable name used in per-sink delivery state and logs: `<type>:<index>` (e.g. `jsonl:0`). */
  readonly name: string;
  /** Which records this sink takes: `relevant` (any topic relevant) or `all`. */
  readonly only: 'relevant' | 'all';
  /**
   * Upserts one record. Throws on failure (the caller retries this sink only); an
   * `IngestError` with reason `sink-rejected` means retrying cannot help. Resolves to a
   * sink-specific outcome (e.g. `inserted`/`updated`/`unchanged`) for logs and tests;
   * `unchanged` means the sink already held this exact record and wrote nothing.
   */
  write(record: ArticleRecord): Promise<unknown>;
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
