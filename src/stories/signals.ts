/**
 * What the grouping reads from a tagged record: its merged signals and times. Kept apart from
 * ./stream.ts (the offline CLI, which tags articles itself) so that the worker's grouping does
 * not load the tagging and its language model on the main thread (issue 17).
 */
import type { TopicMatch, TopicSignals } from '../types.js';

/** Merged signals of a record's topics (each list deduplicated, in order of first mention). */
export function mergeSignals(topics: readonly TopicMatch[]): TopicSignals {
  const out: TopicSignals = { countries: [], actors: [], places: [], mediators: [], terms: [] };
  for (const t of topics) {
    for (const k of Object.keys(out) as (keyof TopicSignals)[]) {
      for (const v of t.signals?.[k] ?? []) if (!out[k].includes(v)) out[k].push(v);
    }
  }
  return out;
}

/** Epoch ms of an ISO date string, or null when absent or unparseable. */
export function timeOf(s: unknown): number | null {
  if (typeof s !== 'string' || !s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}
