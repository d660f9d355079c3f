/**
 * What the story grouping reads from one article (pure functions, no state).
 *
 * - a copy fingerprint: MinHash (`MINHASH_SIZE` values, one-permutation) over word 3-shingles of the folded
 *   title and text, with LSH band keys for candidate lookup (Broder 1997; Leskovec, Rajaraman,
 *   Ullman, "Mining of Massive Datasets", ch. 3). No npm package fits: `minhash` 0.0.9 is
 *   unmaintained and keeps permutations in arrays of objects; this is ~60 lines.
 * - event keys, the same in every language: the tagger's signals (canonical English names of
 *   actors, places, mediators, countries, terms), day-month dates in en/ru/hy/az/tr/fr/de
 *   month names or numeric form, and numbers; plus proper-noun stems of the article's own
 *   language (capitalised words inside a sentence: names the lexicon does not know).
 */
import { foldWord, wordCharAt } from '../tagging/lexicon.js';
import { eventKinds } from './event-types.js';
import type { TopicSignals } from '../types.js';

/** Characters of an article's text read for its features (about 5,000 words): bounded cost on huge pages. */
export const MAX_TEXT_CHARS = 30_000;

/**
 * Fewest words of text for the copy fingerprint to leave the headline out (else headline and
 * text). 20 in round 4; 8 since round 5: a reprint cut to its first sentence (16 words) took its
 * headline into its fingerprint while its original did not, and no longer looked contained in it.
 */
export const MIN_BODY_WORDS = 8;

/**
 * Size of the bottom-k sketch kept beside the MinHash: the `SKETCH_SIZE` smallest distinct
 * shingle hashes, which is the whole shingle set of a text of up to ~130 words. Copies are
 * decided on it (`sketchSimilarity`): exact for short texts, where the one-permutation MinHash
 * (most of its 126 bins empty and filled from their neighbours) missed Jaccard by up to 0.1
 * (round 5: a 55-shingle reprint at 0.53 estimated 0.48; a truncated one at 1.0 containment
 * estimated 0.66). The MinHash still finds the candidates (LSH).
 */
export const SKETCH_SIZE = 128;

/** Number of MinHash values per article. 126 = 63 bands × 2 rows. */
export const MINHASH_SIZE = 126;
/**
 * LSH rows per band: with 63 bands of 2 a pair with Jaccard 0.25 is a candidate with p≈0.98, 0.2
 * with p≈0.92 (with 42 bands of 3, rounds 1–3: 0.49 and 0.29). A shortened reprint (the first
 * quarter or fifth of a dispatch) has a Jaccard of about its share of the original: found a
 * candidate 32/44 and 27/44 times with 3 rows, 44/44 and 43/44 with 2 (`npx tsx
 * bench/stories-copy-recall.ts`: texts of the labeled sets, six joined per language, cut).
 */
export const BAND_ROWS = 2;

/** One article as the grouping sees it. Dates: epoch ms or null. */
export interface StoryInput {
  id: string;
  title: string;
  text: string;
  language: string | null;
  publishedAt: number | null;
  /** Source domain or name ("azatutyun.am"), or null. */
  source: string | null;
  feedId?: string | null;
  url?: string | null;
  /** Merged signals of the article's topics (the tagger's output). */
  signals: TopicSignals;
}

/** Weighted event keys of one article: key → weight. */
export type KeyWeights = Map<string, number>;

/** The features of one article. */
export interface ArticleFeatures {
  minhash: Uint32Array;
  /** The `SKETCH_SIZE` smallest distinct shingle hashes, ascending (all of them when fewer). */
  sketch: Uint32Array;
  /** Number of distinct shingles (for containment estimates). */
  shingles: number;
  /** LSH band hashes (`bandHashes`; empty for an empty text). */
  bands: Uint32Array;
  keys: KeyWeights;
}

// Weights of key kinds: how much a shared key says "same event". Places and dates name the
// occasion; actors and mediators recur across events of the talks; terms and countries are
// nearly always present in this topic, so they weigh little. Tuned on the dev set only
// (tests/fixtures/stories/dev.jsonl, docs/stories.md).
const W = { place: 2, partyPlace: 0.5, date: 2, refDate: 0.5, number: 1.5, smallNumber: 0.5, year: 0.4, actor: 1, mediator: 1, country: 0.4, term: 0.5, name: 0.8 };
/** Parties of the topic's dyad and their capitals: present in nearly every article. */
const PARTY_COUNTRIES = new Set(['Armenia', 'Azerbaijan']);
const PARTY_PLACES = new Set(['Yerevan', 'Baku']);
/**
 * Places that are what the dispute is about, not where an event happens: named in the
 * background of most articles (the region, the corridors, the exclave), so sharing one says
 * little about the event. They weigh like the party capitals and do not count as a venue
 * (scoreStory's place test). Found on dev3 (a refugee report and the Yevlakh talks three days
 * apart shared Karabakh and the Lachin corridor only through a background paragraph).
 */
const SUBJECT_PLACES = new Set(['Karabakh', 'Lachin corridor', 'Zangezur corridor', 'TRIPP', 'Syunik', 'Nakhchivan']);

/** Month name stems (folded: lower case, no diacritics) → month 1..12. en, ru, hy, az, tr, fr, de. */
const MONTHS: [string, number][] = [];
{
  const table: string[][] = [
    ['january', 'jan', 'январ', 'հունվար', 'yanvar', 'ocak', 'janvier', 'januar'],
    ['february', 'feb', 'феврал', 'փետրվար', 'fevral', 'subat', 'fevrier', 'februar'],
    ['march', 'март', 'մարտ', 'mart', 'mars', 'marz', 'maerz'],
    ['april', 'apr', 'апрел', 'ապրիլ', 'aprel', 'nisan', 'avril'],
    ['may', 'мая', 'май', 'մայիս', 'mayis', 'mai'],
    ['june', 'jun', 'июн', 'հունիս', 'iyun', 'haziran', 'juin', 'juni'],
    ['july', 'jul', 'июл', 'հուլիս', 'iyul', 'temmuz', 'juillet', 'juli'],
    ['august', 'aug', 'август', 'օգոստոս', 'avqust', 'agustos', 'aout'],
    ['september', 'sep', 'sept', 'сентябр', 'սեպտեմբեր', 'sentyabr', 'eylul', 'septembre'],
    ['october', 'oct', 'октябр', 'հոկտեմբեր', 'oktyabr', 'ekim', 'octobre', 'oktober'],
    ['november', 'nov', 'ноябр', 'նոյեմբեր', 'noyabr', 'kasim', 'novembre'],
    ['december', 'dec', 'декабр', 'դեկտեմբեր', 'dekabr', 'aralik', 'decembre', 'dezember'],
  ];
  table.forEach((forms, i) => forms.forEach((f) => MONTHS.push([f, i + 1])));
  MONTHS.sort((a, b) => b[0].length - a[0].length);
}

/** Forms that must match a whole word: English abbreviations and short words ("may" is also a verb). */
const WHOLE = new Set(['jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'may', 'mai', 'june', 'july', 'mars', 'juin', 'juni', 'juli']);
for (const [f, m] of [['mayin', 5], ['mayda', 5], ['maya', 5]] as const) MONTHS.push([f, m]);
MONTHS.sort((a, b) => b[0].length - a[0].length);

/** Month 1..12 of a folded word (a month name or its inflected form), or 0. */
export function monthOf(w: string): number {
  const stems = MONTHS_BY_FIRST.get(w[0]);
  if (stems) for (const [stem, m] of stems) if (WHOLE.has(stem) ? w === stem : w.startsWith(stem)) return m;
  return 0;
}

/** `MONTHS` by first character, in the same (longest first) order: a stem matches only words with its first character. */
const MONTHS_BY_FIRST = new Map<string, [string, number][]>();
for (const e of MONTHS) MONTHS_BY_FIRST.set(e[0][0], [...(MONTHS_BY_FIRST.get(e[0][0]) ?? []), e]);

/** Capitalised English words that are not names: weekdays and titles (English capitalises them). */
const NOT_NAMES = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'minister', 'ministers', 'foreign', 'deputy', 'prime', 'president', 'secretary', 'state', 'chancellor', 'government', 'ministry', 'affairs', 'office', 'council', 'the', 'this', 'that']);

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: a cheap, well-mixed permutation of a 32-bit value. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folded forms of words seen before (words repeat across articles; NFKD is the costly part). */
const FOLDED = new Map<string, string>();
function fold(w: string): string {
  // ASCII: folding is lower-casing (`foldWord`: nothing to decompose), cheaper than hashing the word for the cache
  let ascii = true;
  for (let i = 0; i < w.length; i++) {
    if (w.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return w.toLowerCase();
  let f = FOLDED.get(w);
  if (f === undefined) {
    f = foldWord(w);
    if (FOLDED.size >= 100_000) FOLDED.clear();
    // a copy of the key: a word of 13+ characters is a slice of the article's text and would keep it alive
    FOLDED.set(w.length < 13 ? w : (' ' + w).slice(1), f);
  }
  return f;
}

/** Word tokens: folded (lower case, no diacritics), as written, and whether each starts a sentence. */
export interface Tokens {
  folded: string[];
  original: string[];
  starts: boolean[];
}

/** Sentence-final punctuation (Latin, Cyrillic, Armenian full stop ։ and question mark ՞), quotes, dashes and line breaks: a word after one starts a sentence. */
const SENTENCE_END = new Set([...'.!?։՞…\n«»"“”„:—–-'].map((c) => c.charCodeAt(0)));

/**
 * Folded word tokens of a text (lower case, no diacritics), with their original spelling.
 * Words are maximal runs of letters, marks and digits (the tagger's `WORD`), found with its
 * per-code-unit table rather than the regular expression.
 */
export function words(text: string): Tokens {
  const folded: string[] = [];
  const original: string[] = [];
  const starts: boolean[] = [];
  const len = text.length;
  let i = 0;
  let gapEnd = false;
  while (i < len) {
    let k = wordCharAt(text, i);
    if (k === 0) {
      if (SENTENCE_END.has(text.charCodeAt(i))) gapEnd = true;
      i++;
      continue;
    }
    const start = i;
    i += k;
    while (i < len && (k = wordCharAt(text, i)) !== 0) i += k;
    const w = text.slice(start, i);
    starts.push(original.length === 0 || gapEnd);
    gapEnd = false;
    original.push(w);
    folded.push(fold(w));
  }
  return { folded, original, starts };
}

/**
 * MinHash of word 3-shingles (fewer words: the words themselves), by one-permutation hashing
 * with rotation densification (Li, Owen, Zhang 2012; Shrivastava, Li 2014): each distinct
 * shingle hash goes to one of `MINHASH_SIZE` bins and keeps the bin's minimum; an empty bin
 * borrows from the next non-empty bin to its right, offset by the distance. One hash per
 * shingle instead of one per shingle and value; the share of equal values still estimates the
 * Jaccard similarity, and equal texts give equal signatures.
 * @returns the signature and the number of distinct shingles
 */
export function minhashOf(folded: string[]): { minhash: Uint32Array; shingles: number; sketch: Uint32Array } {
  const sig = SIG.fill(EMPTY);
  const nw = folded.length;
  const wh = scratch(0, nw);
  for (let i = 0; i < nw; i++) wh[i] = fnv1a(folded[i]);
  const n = nw < 3 ? nw : nw - 2;
  // shingle hashes in a typed array, sorted to count the distinct ones (no Set of numbers to allocate)
  const hs = scratch(1, n);
  for (let i = 0; i < n; i++) {
    // a shingle's hash from its words' hashes: order-sensitive, then mixed
    hs[i] = nw < 3 ? mix(wh[i]) : mix(Math.imul(wh[i], 0x01000193) ^ Math.imul(wh[i + 1], 0x5bd1e995) ^ mix(wh[i + 2]));
  }
  hs.sort();
  let distinct = 0;
  const bottom = scratch(0, Math.min(n, SKETCH_SIZE)); // the word hashes are no longer needed
  for (let i = 0; i < n; i++) {
    const h = hs[i];
    if (i > 0 && h === hs[i - 1]) continue;
    if (distinct < SKETCH_SIZE) bottom[distinct] = h;
    distinct++;
    const bin = h % MINHASH_SIZE;
    const v = mix(h ^ 0x27d4eb2f) >>> 8; // 24 bits, independent of the bin
    if (v < sig[bin]) sig[bin] = v;
  }
  if (distinct === 0) return { minhash: Uint32Array.from(sig), shingles: 0, sketch: new Uint32Array(0) };
  // one buffer for the signature and the sketch: one backing store per article, not two
  const k = Math.min(distinct, SKETCH_SIZE);
  const buf = new Uint32Array(MINHASH_SIZE + k);
  buf.set(bottom.subarray(0, k), MINHASH_SIZE);
  const sketch = buf.subarray(MINHASH_SIZE);
  const filled = buf.subarray(0, MINHASH_SIZE);
  filled.set(sig);
  for (let k = 0; k < MINHASH_SIZE; k++) {
    if (sig[k] !== EMPTY) continue;
    let d = 1;
    while (sig[(k + d) % MINHASH_SIZE] === EMPTY) d++;
    filled[k] = sig[(k + d) % MINHASH_SIZE] + d * 0x1000000;
  }
  return { minhash: filled, shingles: distinct, sketch };
}

/**
 * Jaccard similarity and containment (|A∩B| / the smaller set) of two shingle sets from their
 * bottom-k sketches (`SKETCH_SIZE` smallest hashes, ascending) and sizes. Exact when both sketches
 * hold their whole set; else estimated (Broder 1997; Cohen, Kaplan 2007): over the hashes below
 * both sketches' largest value, every hash's membership in each set is known, so the shares
 * found in both estimate Jaccard and, among the smaller set's hashes, containment.
 * @returns `{jaccard, containment}`, both 0..1 (0 when a set is empty)
 */
export function sketchSimilarity(a: Uint32Array, sizeA: number, b: Uint32Array, sizeB: number): { jaccard: number; containment: number } {
  if (!a.length || !b.length) return { jaccard: 0, containment: 0 };
  // a sketch holding its whole set knows every member; else only those up to its largest value
  const limA = a.length >= sizeA ? 0xffffffff : a[a.length - 1];
  const limB = b.length >= sizeB ? 0xffffffff : b[b.length - 1];
  const lim = Math.min(limA, limB);
  let i = 0, j = 0, both = 0, onlyA = 0, onlyB = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i] : 0x100000000;
    const y = j < b.length ? b[j] : 0x100000000;
    const v = Math.min(x, y);
    if (v > lim) break;
    if (x === y) { both++; i++; j++; }
    else if (x < y) { onlyA++; i++; }
    else { onlyB++; j++; }
  }
  const union = both + onlyA + onlyB;
  if (!union) return { jaccard: 0, containment: 0 };
  const small = sizeA <= sizeB ? both + onlyA : both + onlyB;
  return { jaccard: both / union, containment: small ? both / small : 0 };
}

/**
 * Scratch arrays of `minhashOf` (word hashes, shingle hashes, bins), reused from article to
 * article: typed arrays of a few KB are off the V8 heap, and allocating three per article was
 * work for every young-generation collection. Grouping is synchronous, so one set suffices.
 */
const SCRATCH = [new Uint32Array(1024), new Uint32Array(1024)];
const SIG = new Uint32Array(MINHASH_SIZE);
/** A view of `n` values of scratch array `which`, grown (doubled) when too small. */
function scratch(which: 0 | 1, n: number): Uint32Array {
  let a = SCRATCH[which];
  if (a.length < n) {
    let size = a.length;
    while (size < n) size *= 2;
    SCRATCH[which] = a = new Uint32Array(size);
  }
  return a.subarray(0, n);
}

/** An empty one-permutation bin (values are 24-bit, offsets below 2^31). */
const EMPTY = 0xffffffff;

/**
 * LSH band hashes of a signature: one uint32 per band of `BAND_ROWS` values, the band's number
 * mixed in (equal rows in two bands are two buckets). Numbers, not strings: no allocation per
 * band, and the in-memory state files them in typed arrays (./band-table.ts). Two articles
 * share a band when their rows are equal; a hash collision only adds a candidate, which the
 * copy test then compares.
 */
export function bandHashes(sig: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.ceil(sig.length / BAND_ROWS));
  for (let b = 0; b < out.length; b++) {
    let h = mix((0x811c9dc5 ^ Math.imul(b + 1, 0x9e3779b1)) >>> 0);
    for (let r = 0; r < BAND_ROWS; r++) h = mix(h ^ sig[b * BAND_ROWS + r]);
    out[b] = h;
  }
  return out;
}

/** Estimated Jaccard similarity of two signatures (share of equal values). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}

/** Estimated containment of the smaller shingle set in the larger: |A∩B| / min(|A|,|B|). */
export function containment(j: number, sizeA: number, sizeB: number): number {
  const min = Math.min(sizeA, sizeB);
  if (min === 0) return 0;
  return Math.min(1, (j * (sizeA + sizeB)) / (1 + j) / min);
}

/**
 * The weight of an event key, from the key alone (so a story profile stores counts only):
 * see `W` for the kinds; a number that is a year before 2015 is an anniversary or a
 * reference (1991, the Alma-Ata Declaration) and weighs as a number, a recent year barely.
 */
export function keyWeight(key: string): number {
  let w = WEIGHTS.get(key);
  if (w === undefined) {
    if (WEIGHTS.size >= 500_000) WEIGHTS.clear();
    WEIGHTS.set(key, (w = weightOfKind(key)));
  }
  return w;
}

/** Weights of keys seen before (scoring and profile trimming ask for the same keys over and over). Bounded: cleared at 500,000 keys. */
const WEIGHTS = new Map<string, number>();

function weightOfKind(key: string): number {
  switch (key[0]) {
    case 'a': return W.actor;
    case 'p': return PARTY_PLACES.has(key.slice(2)) || SUBJECT_PLACES.has(key.slice(2)) ? W.partyPlace : W.place;
    case 'm': return W.mediator;
    case 'c': return W.country;
    case 't': return W.term;
    case 'd': return W.date;
    case 'r': return W.refDate;
    case 'w': return W.name;
    case 'e': return 0; // an event kind: no weight in the overlap, used by scoreStory's kind test
    case 'n': {
      const n = Number(key.slice(2));
      if (key.length === 6 && n >= 1900 && n <= 2100) return n < 2015 ? W.number : W.year;
      return n >= 10 ? W.number : W.smallNumber;
    }
    default: return 0.5;
  }
}

/**
 * Whether day `d` of month `m` is a date the article looks back to rather than the date of what
 * it reports: two days or more before its publication (in the year that puts it closest to the
 * publication). A report of the text published on 11 August names the summit's
 * 8 August; the OSCE's closure on 1 December names the decision of 1 September. Such dates are
 * kept as `r:` keys (weight `W.refDate`, no part in the date test), so they neither join a later
 * report to the earlier event's story nor count as its own date. Dates ahead (an announcement)
 * and of the day before (a report the next morning) are the event's (`d:`).
 */
export function isReference(m: number, d: number, pub: number): boolean {
  const y = new Date(pub).getUTCFullYear();
  // the year that puts the day closest to the publication (30 December read on 2 January is last year's)
  let t = Date.UTC(y, m - 1, d);
  for (const c of [Date.UTC(y - 1, m - 1, d), Date.UTC(y + 1, m - 1, d)]) if (Math.abs(c - pub) < Math.abs(t - pub)) t = c;
  return pub - t >= 2 * 86_400_000;
}

/**
 * One string per distinct event key: keys repeat across articles and story profiles (a profile
 * keeps up to 80), and a long-running state holds many profiles, so sharing the strings keeps
 * its heap (and the garbage collector's work) small. Bounded: cleared at 500,000 keys.
 */
const INTERNED = new Map<string, { key: string; weight: number }>();

/** Adds `key` (interned, with its weight: one lookup of the new string, round 5) unless present. */
function add(keys: KeyWeights, key: string): void {
  let e = INTERNED.get(key);
  if (e === undefined) {
    if (INTERNED.size >= 500_000) INTERNED.clear();
    e = { key, weight: keyWeight(key) };
    INTERNED.set(key, e);
  }
  if (!keys.has(e.key)) keys.set(e.key, e.weight);
}

/**
 * Event keys of an article (see the module comment). Keys: `a:` actor, `p:` place, `m:`
 * mediator, `c:` country, `t:` term, `d:<month>-<day>` date (`r:` when `isReference`: the
 * article has a `publishedAt` two days or more after it), `n:` number, `w:<lang>:` name stem,
 * `e:<kind>` the event kinds its headline names (`eventKinds`; weight 0: they take part only in
 * `scoreStory`'s kind test).
 * @param title the headline's folded words, when the headline is to be read for event kinds
 */
export function eventKeys(input: Pick<StoryInput, 'signals' | 'language'> & { publishedAt?: number | null }, tok: Tokens, title?: string[]): KeyWeights {
  const keys: KeyWeights = new Map();
  const pub = input.publishedAt ?? null;
  const date = (m: number, d: number) => add(keys, pub !== null && isReference(m, d, pub) ? `r:${m}-${d}` : `d:${m}-${d}`);
  if (title) for (const k of eventKinds(title)) add(keys, `e:${k}`);
  const s = input.signals;
  for (const a of s.actors ?? []) add(keys, `a:${a}`);
  for (const p of s.places ?? []) add(keys, `p:${p}`);
  for (const m of s.mediators ?? []) add(keys, `m:${m}`);
  for (const c of s.countries ?? []) if (!PARTY_COUNTRIES.has(c)) add(keys, `c:${c}`);
  for (const t of s.terms ?? []) add(keys, `t:${t}`);
  const { folded, original } = tok;
  const lang = (input.language ?? 'xx').slice(0, 2);
  for (let i = 0; i < folded.length; i++) {
    const w = folded[i];
    const c0 = w.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57 && /^\d+$/.test(w)) {
      const n = Number(w);
      // numeric date 10.05.2024 / 10/05: day.month
      if (n >= 1 && n <= 31 && /^\d{1,2}$/.test(folded[i + 1] ?? '') && Number(folded[i + 1]) >= 1 && Number(folded[i + 1]) <= 12 && /^\d{4}$/.test(folded[i + 2] ?? '')) {
        date(Number(folded[i + 1]), n);
        i += 2;
        continue;
      }
      // "10 May", "May 10", and ranges "10-11 мая" / "Mayın 10-11-də"; English "may" only capitalised (else the verb)
      const monthAt = (j: number) => (j < 0 || j >= folded.length ? 0 : folded[j] === 'may' && original[j][0] === 'm' ? 0 : monthOf(folded[j]));
      let m = 0;
      if (n >= 1 && n <= 31) {
        m = monthAt(i + 1) || monthAt(i - 1);
        if (!m && /^\d{1,2}$/.test(folded[i + 1] ?? '') && Number(folded[i + 1]) <= 31) m = monthAt(i + 2);
        if (!m && /^\d{1,2}$/.test(folded[i - 1] ?? '') && Number(folded[i - 1]) <= 31) m = monthAt(i - 2);
      }
      if (m) date(m, n);
      else if (w.length === 4 && n >= 1900 && n <= 2100) add(keys, `n:${n}`);
      else if (n >= 10 && w.length <= 6) add(keys, `n:${n}`);
      else if (n >= 2) add(keys, `n:${n}`);
      continue;
    }
    // a proper noun: capitalised, not the first word of a sentence, long enough to be a name
    const o = original[i];
    if (!tok.starts[i] && o.length >= 4 && isCapitalised(o, w) && !NOT_NAMES.has(w) && !monthOf(w)) {
      add(keys, `w:${lang}:${w.slice(0, 5)}`);
    }
  }
  return keys;
}

/**
 * Whether a word is capitalised: its first character changes under lower-casing and the rest
 * does not (`o[0] !== o[0].toLowerCase() && o.slice(1) === o.slice(1).toLowerCase()`). ASCII
 * words are tested on their character codes against their folded form (no string made per word).
 * @param o the word as written; @param folded its folded form (`fold`)
 */
function isCapitalised(o: string, folded: string): boolean {
  const c0 = o.charCodeAt(0);
  if (c0 < 128 && folded.length === o.length && folded.charCodeAt(0) < 128) {
    if (c0 < 65 || c0 > 90) return false;
    for (let i = 1; i < o.length; i++) {
      const c = o.charCodeAt(i);
      if (c >= 128) return o.slice(1) === o.slice(1).toLowerCase();
      if (c >= 65 && c <= 90) return false;
    }
    return true;
  }
  return o[0] !== o[0].toLowerCase() && o.slice(1) === o.slice(1).toLowerCase();
}

/** The bands of an empty text: none. */
const NO_BANDS = new Uint32Array(0);

/**
 * All features of one article.
 * Cost: linear in the text, read up to `MAX_TEXT_CHARS` (one pass for tokens, one hash per shingle).
 */
export function articleFeatures(input: StoryInput): ArticleFeatures {
  const head = words((input.title ?? '').slice(0, 1000));
  const raw = (input.text ?? '').slice(0, MAX_TEXT_CHARS);
  const body = words(raw);
  // the headline then the text, the text's first word starting a sentence (as after a line break)
  const tok: Tokens = { folded: head.folded.concat(body.folded), original: head.original.concat(body.original), starts: head.starts.concat(body.starts) };
  // the copy fingerprint is the text's alone when it has one: desks rewrite headlines of the
  // dispatches they reprint, and a new headline should not make a reprint look like another article
  // links are left out of the fingerprint ("Read more: https://…" under a truncated reprint): a
  // URL names the outlet, not the dispatch
  const print = hasLink(raw) ? words(stripLinks(raw)).folded : body.folded;
  const { minhash, shingles, sketch } = minhashOf(print.length >= MIN_BODY_WORDS ? print : head.folded.concat(print));
  return { minhash, shingles, sketch, bands: shingles >= 1 ? bandHashes(minhash) : NO_BANDS, keys: eventKeys(input, tok, head.folded) };
}

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
function hasLink(text: string): boolean {
  return text.includes('http') || text.includes('www.');
}
/** The text with its URLs (http…, www.…) blanked. */
export function stripLinks(text: string): string {
  return text.replace(LINK, ' ');
}
