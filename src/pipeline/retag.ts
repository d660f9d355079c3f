/**
 * `news-ingest retag`: re-tags the records already in the sinks, without fetching anything
 * (after a lexicon or threshold change in config/topics/). Records are read from every sink
 * that can read back (JSONL, PostgreSQL); a record whose topics change is written again to
 * each sink that takes it and to each sink it was read from (so a record that stopped being
 * relevant is updated where it is, not left stale). Unchanged records are not written.
 */
import type { Logger } from '../log.js';
import type { Sink } from '../sinks/types.js';
import type { Topic } from '../tagging/index.js';
import type { ArticleRecord } from '../types.js';
import { sinkAccepts } from '../sinks/types.js';
import { recordVersion } from '../sinks/version.js';
import { tagWithTopics } from './page.js';

/** Counts of one retag run. */
export interface RetagSummary {
  /** Records read (one per id and sink). */
  read: number;
  /** Distinct records whose topics changed. */
  changed: number;
  /** Records whose `relevant` flipped for some topic. */
  flipped: number;
  /** Sink writes done, and failed. */
  written: number;
  failed: number;
  /** Lines of readable sinks that were no record (a torn write, another writer's line): not retagged. */
  skipped: number;
}

/** Re-tags one record; returns the new record, or null when its topics are unchanged. */
export function retagRecord(record: ArticleRecord, topics: readonly Topic[]): ArticleRecord | null {
  const tagged = tagWithTopics(topics, record.title || null, record.text, record.language, record.publishedAt);
  const next = { ...record, topics: tagged.topics };
  return recordVersion(next) === recordVersion(record) ? null : next;
}

/**
 * Runs the retag over every readable sink. A failing sink write is counted and logged; the
 * others go on.
 * @param onProgress called after each page with the running summary (long runs report progress)
 */
export async function retagSinks(sinks: Sink[], topics: readonly Topic[], log?: Logger, onProgress?: (s: RetagSummary) => void): Promise<RetagSummary> {
  const summary: RetagSummary = { read: 0, changed: 0, flipped: 0, written: 0, failed: 0, skipped: 0 };
  const done = new Set<string>();
  for (const source of sinks) {
    if (!source.readAll) continue;
    for await (const page of source.readAll()) {
      for (const rec of page) {
        summary.read++;
        if (done.has(rec.id)) continue;
        done.add(rec.id);
        const next = retagRecord(rec, topics);
        if (!next) continue;
        summary.changed++;
        const was = new Map(rec.topics.map((t) => [t.id, t.relevant]));
        if (next.topics.some((t) => was.get(t.id) !== t.relevant)) summary.flipped++;
        for (const target of sinks) {
          if (target !== source && !sinkAccepts(target.only, next)) continue;
          try {
            await target.write(next);
            summary.written++;
          } catch (err) {
            summary.failed++;
            log?.warn({ event: 'retag.write-failed', sink: target.name, articleId: rec.id, url: rec.canonicalUrl, reason: 'sink-failed', err: (err as Error).message }, 'retag write failed');
          }
        }
      }
      onProgress?.(summary);
    }
    if (source.readSkipped) {
      summary.skipped += source.readSkipped;
      log?.warn({ event: 'retag.lines-skipped', sink: source.name, lines: source.readSkipped, reason: 'not-a-record' }, `${source.readSkipped} lines of sink ${source.name} are no record (torn or foreign lines): not retagged`);
    }
  }
  return summary;
}
