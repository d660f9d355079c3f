/**
 * An in-memory search index of a JSONL file's records (the JSONL backend of `search`), built
 * once per read of the file so that each search costs a walk of the newest records, not a
 * pass over every record with a sort of every match.
 *
 * - Records are kept newest first (record time descending, then id ascending: the order of
 *   `byNewest`), so a search walks them in order and stops at `maxHits` matches, or at the
 *   first record older than `since` (`until` starts the walk by a binary search).
 * - Words: every distinct folded word of every title and text (`recordWords`' rule) is one
 *   entry of a sorted vocabulary; a record keeps the sorted numbers of its words in one shared
 *   `Uint32Array`. The words starting with a query term are a contiguous range of the sorted
 *   vocabulary, so the prefix test of `matchesRecord` becomes "has the record a word number in
 *   [lo, hi)": one binary search per record and term, on numbers. A term no word starts with
 *   answers at once with no hits.
 * - Actors, places, language and relevance are read from each record once.
 *
 * Answers are the same as `matchesRecord` over every record, sorted by `byNewest` and cut at
 * `maxHits` (tests/unit/search-jsonl-index.test.ts compares them). Memory: about 4 bytes per
 * distinct word of each record plus the vocabulary (~60 MB at 100,000 records of 250 words).
 */
import { foldWord, wordCharAt } from '../tagging/fold.js';
import type { ArticleRecord } from '../types.js';
import { hitOf, MAX_HITS, queryTerms, recordTime, type SearchHit, type SearchQuery } from './query.js';

/** See the module comment. Immutable once built. */
export class JsonlSearchIndex {
  /** Records newest first. */
  readonly records: ArticleRecord[];
  private readonly times: Float64Array;
  private readonly relevant: Uint8Array;
  private readonly actors: ReadonlySet<string>[];
  private readonly places: ReadonlySet<string>[];
  /** Sorted distinct folded words of all records. */
  private readonly vocab: string[];
  /** Word numbers of record i: `wordIds[wordStart[i] .. wordStart[i + 1])`, ascending. */
  private readonly wordStart: Uint32Array;
  private readonly wordIds: Uint32Array;

  /** Builds the index. Cost: one tokenization of every record's title and text (folding is cached per distinct spelling). */
  constructor(records: readonly ArticleRecord[]) {
    const keyed = records.map((r) => ({ r, t: timeKey(r) }));
    keyed.sort((a, b) => b.t - a.t || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
    const n = keyed.length;
    this.records = keyed.map((k) => k.r);
    this.times = Float64Array.from(keyed, (k) => k.t);
    this.relevant = Uint8Array.from(this.records, (r) => ((r.topics ?? []).some((t) => t.relevant) ? 1 : 0));
    this.actors = this.records.map((r) => signalSet(r, 'actors'));
    this.places = this.records.map((r) => signalSet(r, 'places'));

    // words: provisional numbers in order of first sight (one map lookup per token, by its
    // spelling), then renumbered in sorted order; a record's numbers go to one growing buffer
    const bySpelling = new Map<string, number>();
    const provisional = new Map<string, number>();
    let seenIn = new Int32Array(1024).fill(-1); // provisional number → last record that had it
    let buf = new Uint32Array(1 << 16);
    this.wordStart = new Uint32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      this.wordStart[i] = at;
      const r = this.records[i];
      const text = `${r.title ?? ''}\n${r.text ?? ''}`;
      const len = text.length;
      let k = 0;
      while (k < len) {
        if (!isWordChar(text, k)) {
          k++;
          continue;
        }
        const start = k;
        while (k < len && isWordChar(text, k)) k += wordCharAt(text, k);
        const raw = text.slice(start, k);
        let id = bySpelling.get(raw);
        if (id === undefined) {
          const f = foldWord(raw);
          id = provisional.get(f);
          if (id === undefined) provisional.set(f, (id = provisional.size));
          bySpelling.set(raw.length < 13 ? raw : (' ' + raw).slice(1), id); // not a slice keeping the text alive
          if (id >= seenIn.length) {
            const grown = new Int32Array(seenIn.length * 2).fill(-1);
            grown.set(seenIn);
            seenIn = grown;
          }
        }
        if (seenIn[id] === i) continue;
        seenIn[id] = i;
        if (at === buf.length) {
          const grown = new Uint32Array(buf.length * 2);
          grown.set(buf);
          buf = grown;
        }
        buf[at++] = id;
      }
    }
    this.wordStart[n] = at;
    this.vocab = [...provisional.keys()].sort();
    const rank = new Uint32Array(provisional.size);
    this.vocab.forEach((w, i) => (rank[provisional.get(w)!] = i));
    this.wordIds = buf.slice(0, at);
    for (let k = 0; k < at; k++) this.wordIds[k] = rank[this.wordIds[k]];
    for (let i = 0; i < n; i++) this.wordIds.subarray(this.wordStart[i], this.wordStart[i + 1]).sort();
  }

  /** Number of records. */
  get size(): number {
    return this.records.length;
  }

  /** The range [lo, hi) of vocabulary numbers of the words starting with `term` (empty when none does). */
  private range(term: string): [number, number] {
    const v = this.vocab;
    let lo = 0, hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    // words starting with `term` follow `lo` contiguously (each is ≥ term and < any later word that does not)
    let a = lo, b = v.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (v[mid].startsWith(term)) a = mid + 1;
      else b = mid;
    }
    return [lo, a];
  }

  /** True when record i has a word number in [lo, hi). */
  private hasWordIn(i: number, lo: number, hi: number): boolean {
    const ids = this.wordIds;
    let a = this.wordStart[i], b = this.wordStart[i + 1];
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (ids[mid] < lo) a = mid + 1;
      else b = mid;
    }
    return a < this.wordStart[i + 1] && ids[a] < hi;
  }

  /**
   * Matching records newest first, at most `q.maxHits` (default `MAX_HITS`): the rule of
   * `matchesRecord` (src/search/query.ts).
   */
  search(q: SearchQuery): SearchHit[] {
    const limit = q.maxHits ?? MAX_HITS;
    const ranges: [number, number][] = [];
    for (const term of queryTerms(q.text)) {
      const r = this.range(term);
      if (r[0] === r[1]) return []; // no record has a word starting with it
      ranges.push(r);
    }
    // fewer records first: the rarest term is tested first
    ranges.sort((x, y) => x[1] - x[0] - (y[1] - y[0]));
    const n = this.records.length;
    let i = 0;
    if (q.until != null) {
      // first record at or before `until` (times descending)
      let a = 0, b = n;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (this.times[mid] > q.until) a = mid + 1;
        else b = mid;
      }
      i = a;
    }
    const out: SearchHit[] = [];
    for (; i < n && out.length < limit; i++) {
      const t = this.times[i];
      if (q.since != null && !(t >= q.since)) {
        if (t !== -Infinity) break; // every later record is older still
        continue;
      }
      if (q.until != null && !(t <= q.until)) continue;
      if (t === -Infinity && (q.since != null || q.until != null)) continue; // no time: never within a bound
      const r = this.records[i];
      if (q.language && r.language !== q.language) continue;
      if (q.relevant && !this.relevant[i]) continue;
      if (q.actor && !this.actors[i].has(q.actor)) continue;
      if (q.place && !this.places[i].has(q.place)) continue;
      let ok = true;
      for (const [lo, hi] of ranges) if (!this.hasWordIn(i, lo, hi)) { ok = false; break; }
      if (ok) out.push(hitOf(r));
    }
    return out;
  }
}

/**
 * True at a character of `WORD` (letter, mark, digit): the tagger's per-code-unit table, except
 * the zero-width non-joiner, which the tagger keeps inside Persian words but `WORD`, and so
 * `recordWords`, does not.
 */
function isWordChar(text: string, i: number): boolean {
  return wordCharAt(text, i) !== 0 && text.charCodeAt(i) !== 0x200c;
}

/** A record's time in ms for ordering; -Infinity when it does not parse (last; such a record never passes a time bound). */
function timeKey(r: ArticleRecord): number {
  const t = Date.parse(recordTime(r));
  return Number.isNaN(t) ? -Infinity : t;
}

function signalSet(r: ArticleRecord, k: 'actors' | 'places'): ReadonlySet<string> {
  return new Set((r.topics ?? []).flatMap((t) => t.signals?.[k] ?? []));
}
