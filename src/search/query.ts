/**
 * Search queries over stored records, and the matching rule both backends share.
 *
 * Text: the query is folded like the tagger folds words (lower case, no diacritics, ə→e,
 * ı→i: `foldWord`) and split into words; a record matches when every query word is the
 * start of some word of its folded title or text (prefix match: "Mirzoyan" finds
 * "Mirzoyan's", "Мирзоян" finds "Мирзояна", "Միրզոյան" finds "Միրզոյանի"). PostgreSQL does the
 * same with a `simple` tsvector over folded text and `word:*` terms (migration 15); the JSONL
 * backend applies `matchesRecord` to every record. Both then keep the newest `maxHits` records.
 */
import { foldWord, WORD } from '../tagging/fold.js';
import type { ArticleRecord } from '../types.js';

/** A search. Times: epoch ms. */
export interface SearchQuery {
  /** Free text (may be empty: filters only). */
  text: string;
  since?: number | null;
  until?: number | null;
  /** Language code as records store it: the BCP 47 primary code ("ru"). */
  language?: string | null;
  /** Canonical actor name as in the signals ("Ararat Mirzoyan"). */
  actor?: string | null;
  /** Canonical place name as in the signals ("Washington"). */
  place?: string | null;
  /** Only records relevant to a topic. */
  relevant?: boolean;
  /** Newest matching records considered (default 1000). */
  maxHits?: number;
}

/** A matching record, as both backends return it. */
export interface SearchHit {
  id: string;
  storyId: string | null;
  duplicateOf: string | null;
  title: string;
  url: string;
  source: string | null;
  language: string | null;
  /** ISO 8601: publishedAt, else fetchedAt (the record's time). */
  at: string;
  relevant: boolean;
  actors: string[];
  places: string[];
}

/** Default cap of hits a search considers. */
export const MAX_HITS = 1000;

/** Folded query words (empty for a blank query). */
export function queryTerms(text: string): string[] {
  return [...new Set([...(text ?? '').matchAll(WORD)].map((m) => foldWord(m[0])))];
}

/**
 * A duration like `7d`, `24h`, `90m`, `2w` in ms.
 * @throws Error naming the value when it is not one
 */
export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(m|h|d|w)$/.exec(s.trim());
  if (!m) throw new Error(`not a duration: "${s}" (expected e.g. 7d, 24h, 90m, 2w)`);
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
}

/**
 * A time bound: a duration back from `now` (`7d`) or a date (`2025-08-01`, ISO 8601).
 * @throws Error naming the value when it is neither
 */
export function parseTimeBound(s: string, now = Date.now()): number {
  if (/^\d+(?:\.\d+)?\s*[mhdw]$/.test(s.trim())) return now - parseDuration(s);
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Error(`not a date or duration: "${s}" (expected e.g. 7d or 2025-08-01)`);
  return t;
}

/** The record's time: publishedAt, else fetchedAt, ISO. */
export function recordTime(r: Pick<ArticleRecord, 'publishedAt' | 'fetchedAt'>): string {
  return r.publishedAt ?? r.fetchedAt;
}

function signalsOf(r: ArticleRecord, k: 'actors' | 'places'): string[] {
  return [...new Set((r.topics ?? []).flatMap((t) => t.signals?.[k] ?? []))];
}

/** The hit shape of a record. */
export function hitOf(r: ArticleRecord): SearchHit {
  return {
    id: r.id,
    storyId: r.storyId ?? null,
    duplicateOf: r.duplicateOf ?? null,
    title: r.title,
    url: r.url,
    source: r.source?.name ?? r.source?.domain ?? null,
    language: r.language,
    at: new Date(recordTime(r)).toISOString(),
    relevant: (r.topics ?? []).some((t) => t.relevant),
    actors: signalsOf(r, 'actors'),
    places: signalsOf(r, 'places'),
  };
}

/** The distinct folded words of a record's title and text, sorted (for prefix lookups). */
export function recordWords(r: Pick<ArticleRecord, 'title' | 'text'>): string[] {
  const words = new Set<string>();
  for (const m of `${r.title ?? ''}\n${r.text ?? ''}`.matchAll(WORD)) words.add(foldWord(m[0]));
  return [...words].sort();
}

/** True when some word of the sorted list starts with `term` (binary search). */
export function hasPrefix(sorted: readonly string[], term: string): boolean {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < term) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].startsWith(term);
}

/**
 * True when a record matches the query (the JSONL backend's rule; see the module comment).
 * @param words the record's `recordWords` when the caller keeps them (computed otherwise)
 */
export function matchesRecord(r: ArticleRecord, q: SearchQuery, terms = queryTerms(q.text), words?: () => readonly string[]): boolean {
  const t = Date.parse(recordTime(r));
  if (q.since != null && !(t >= q.since)) return false;
  if (q.until != null && !(t <= q.until)) return false;
  if (q.language && r.language !== q.language) return false;
  if (q.relevant && !(r.topics ?? []).some((x) => x.relevant)) return false;
  if (q.actor && !signalsOf(r, 'actors').includes(q.actor)) return false;
  if (q.place && !signalsOf(r, 'places').includes(q.place)) return false;
  if (!terms.length) return true;
  const list = words ? words() : recordWords(r);
  return terms.every((term) => hasPrefix(list, term));
}

/** Orders hits newest first (ties by id), the order both backends cap by. */
export function byNewest(a: SearchHit, b: SearchHit): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
