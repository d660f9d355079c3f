/**
 * The `eld` language detector with its n-gram tables held compactly (issue 17: memory per
 * worker process).
 *
 * `import { eld } from 'eld/extrasmall'` evaluates the library's table module: one JavaScript
 * object literal of ~43,000 n-grams, each mapping to a small object `{ <language index>: score }`
 * with sparse integer keys (dictionary elements in V8). Measured in a bare node process
 * (`node --expose-gc`, eld 2.1.0): +27.7 MB of heap after a full GC, **+54.7 MB of RSS**, and
 * 40 MB of V8 parser memory at its peak while the literal compiles; a module's exports live as
 * long as the process, and every extraction thread that tags holds its own copy.
 *
 * Here the same table file is read as text and parsed into one `Map` (n-gram → entry number)
 * and two typed arrays (language indexes, scores); the library's own detector (`createEld`,
 * its src/languageDetector.js, unchanged) is given a read-only view that builds the
 * `{ language: score }` object of an n-gram when the detector looks it up (about 150 look-ups
 * per call; the detector runs only when the cheap rules of ./language.ts leave the language open).
 * The answers are the library's: the same scores from the same numbers, summed in the same order
 * (integer keys enumerate ascending in both). tests/unit/eld-compact.test.ts compares both on
 * every corpus text.
 *
 * Format read (eld 2.1.0, `src/ngrams/<name>.js`, written by the library's own tooling):
 * `export const ngramsData = {type:'XS60',languages:{0:'am',...},...,ngrams:{'<key>':{<lang>:<score>,...},...}};`
 * with keys in single quotes (`\'` and `\\` escaped) or bare when they are identifiers. Anything else throws, so a library update
 * that changes the format fails at load instead of answering wrongly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The library's detector: `detect(text).language` is an ISO 639-1 code or ''. */
export interface EldDetector {
  detect(text: string): { language: string };
}

/** The n-gram tables, compact: entry i's pairs are `langs/scores[offsets[i] .. offsets[i+1])`. */
export interface CompactNgrams {
  type: string;
  languages: Record<number, string>;
  index: Map<string, number>;
  offsets: Uint32Array;
  langs: Uint8Array;
  scores: Uint16Array;
}

/** The folder of the installed eld package (its `exports` map hides package.json and src/ from `require.resolve`). */
function eldDir(): string {
  const paths = createRequire(import.meta.url).resolve.paths('eld') ?? [];
  for (const p of paths) {
    const dir = join(p, 'eld');
    if (existsSync(join(dir, 'src', 'languageDetector.js'))) return dir;
  }
  throw new Error('eld: package not found next to this module');
}

/** One table entry: a quoted key (`'...'`, `\'` and `\\` escaped) or a bare identifier key, then its pairs. */
const ENTRY = /(?:'((?:[^'\\]|\\.)*)'|([A-Za-z_$][A-Za-z0-9_$]*)):\{([^}]*)\}/y;

/**
 * Parses an eld n-gram table file (see the module doc for the format).
 * @throws Error when the text is not in that format
 */
export function parseNgramTable(src: string): CompactNgrams {
  const type = /\btype:'([^']*)'/.exec(src)?.[1];
  const langsSrc = /\blanguages:\{([^}]*)\}/.exec(src)?.[1];
  const start = src.indexOf('ngrams:{');
  if (!type || !langsSrc || start < 0) throw new Error('eld: n-gram table not in the expected format (type, languages, ngrams)');
  const languages: Record<number, string> = {};
  for (const m of langsSrc.matchAll(/(\d+):'([a-z-]+)'/g)) languages[Number(m[1])] = m[2]!;
  const index = new Map<string, number>();
  const offsets: number[] = [0];
  const langs: number[] = [];
  const scores: number[] = [];
  let at = start + 'ngrams:{'.length;
  for (;;) {
    ENTRY.lastIndex = at;
    const m = ENTRY.exec(src);
    if (!m) break;
    at = ENTRY.lastIndex;
    const rawKey = m[1] ?? m[2]!;
    if (/\\[^'\\]/.test(rawKey)) throw new Error(`eld: unexpected escape in n-gram key ${JSON.stringify(rawKey)}`);
    const key = rawKey.includes('\\') ? rawKey.replace(/\\(.)/g, '$1') : rawKey;
    for (const pair of m[3]!.split(',')) {
      const [l, s] = pair.split(':');
      const lang = Number(l);
      const score = Number(s);
      if (!Number.isInteger(lang) || lang < 0 || lang > 255 || !Number.isInteger(score) || score < 0 || score > 65535) throw new Error(`eld: unexpected pair ${JSON.stringify(pair)} of ${JSON.stringify(key)}`);
      langs.push(lang);
      scores.push(score);
    }
    if (index.has(key)) throw new Error(`eld: n-gram ${JSON.stringify(key)} listed twice`);
    index.set(key, offsets.length - 1);
    offsets.push(langs.length);
    if (src[at] === ',') at++;
  }
  if (!src.startsWith('}}', at)) throw new Error(`eld: n-gram table not in the expected format at offset ${at}`);
  return { type, languages, index, offsets: Uint32Array.from(offsets), langs: Uint8Array.from(langs), scores: Uint16Array.from(scores) };
}

/**
 * A read-only object view of the compact table with the library's shape (`ngrams[key]` → `{ lang: score }` or undefined).
 * Only own keys of the table answer; anything else (`constructor`, symbols) is undefined, which the
 * detector's `for ... in` treats as the library's plain object treats a missing n-gram.
 */
function ngramView(t: CompactNgrams): Record<string, Record<number, number> | undefined> {
  return new Proxy({} as Record<string, Record<number, number> | undefined>, {
    get(_, key) {
      if (typeof key !== 'string') return undefined;
      const i = t.index.get(key);
      if (i === undefined) return undefined;
      const o: Record<number, number> = {};
      for (let j = t.offsets[i]!; j < t.offsets[i + 1]!; j++) o[t.langs[j]!] = t.scores[j]!;
      return o;
    },
  });
}

/**
 * The library's detector over the compact table `name` (`extrasmall`, `small`, ... of eld's src/ngrams).
 * @throws Error when the package or the table is missing or not in the expected format
 */
export async function loadCompactEld(name = 'extrasmall'): Promise<EldDetector> {
  const dir = eldDir();
  const table = parseNgramTable(readFileSync(join(dir, 'src', 'ngrams', `${name}.js`), 'utf8'));
  const { createEld } = (await import(pathToFileURL(join(dir, 'src', 'languageDetector.js')).href)) as {
    createEld: () => { instance: EldDetector; loadData: (d: { type: string; languages: Record<number, string>; ngrams: unknown }) => unknown };
  };
  const { instance, loadData } = createEld();
  loadData({ type: table.type, languages: table.languages, ngrams: ngramView(table) });
  return instance;
}

/** Added to every score of the table (the library's `baseNgramScore`: its tables store score − 53). */
const BASE_NGRAM_SCORE = 53;
/** The library cuts its UTF-8 bytes at the first space after 350 bytes, and anywhere after 380. */
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;

/** Longest n-gram key the detection builds: a leading space, 4 byte characters, a trailing space. */
const MAX_KEY = 6;

/**
 * An n-gram key (a string of at most MAX_KEY characters, each a code below 256) packed into two
 * integers: characters 0–3 in `lo`, characters 4–5 and the length in `hi`. Equal keys give equal
 * pairs and different keys different pairs (the length is part of `hi`). Returns false for a key
 * that cannot be packed (longer, or a character of 256 or more): the detection never builds one.
 */
function packKey(key: string, out: Int32Array): boolean {
  if (key.length === 0 || key.length > MAX_KEY) return false;
  let lo = 0;
  let hi = key.length << 16;
  for (let k = 0; k < key.length; k++) {
    const c = key.charCodeAt(k);
    if (c > 255) return false;
    if (k < 4) lo |= c << (8 * k);
    else hi |= c << (8 * (k - 4));
  }
  out[0] = lo;
  out[1] = hi;
  return true;
}

/** Slot of a packed key in a table of `mask + 1` slots (a multiplicative mix of both halves). */
function slotOf(lo: number, hi: number, mask: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h & mask;
}

/**
 * The table's n-gram index as an open-addressing hash table over packed keys (`packKey`): the
 * detection looks an n-gram up by its characters' codes, without building its string
 * (tagspeed13: the string keys' `Map` and `Set` were two thirds of a detection's cost).
 * `entry[slot]` is the entry number + 1, 0 for an empty slot.
 */
interface PackedIndex {
  mask: number;
  lo: Int32Array;
  hi: Int32Array;
  entry: Int32Array;
}

function packIndex(index: Map<string, number>): PackedIndex {
  let size = 1024;
  while (size < index.size * 2) size *= 2;
  const t: PackedIndex = { mask: size - 1, lo: new Int32Array(size), hi: new Int32Array(size), entry: new Int32Array(size) };
  const key = new Int32Array(2);
  for (const [k, i] of index) {
    if (!packKey(k, key)) continue;
    let s = slotOf(key[0]!, key[1]!, t.mask);
    while (t.entry[s] !== 0) s = (s + 1) & t.mask;
    t.lo[s] = key[0]!;
    t.hi[s] = key[1]!;
    t.entry[s] = i + 1;
  }
  return t;
}

/** Entry number of a packed key, or -1 when the table does not hold it. */
function lookup(t: PackedIndex, lo: number, hi: number): number {
  let s = slotOf(lo, hi, t.mask);
  for (;;) {
    const e = t.entry[s]!;
    if (e === 0) return -1;
    if (t.lo[s] === lo && t.hi[s] === hi) return e - 1;
    s = (s + 1) & t.mask;
  }
}

/**
 * The library's detection (eld 2.1.0 `detect` without text clean-up or a language subset) computed
 * over the compact table directly (tagspeed12, issue 12: the object view above builds an object per
 * n-gram look-up and the library then enumerates it; that was about 70 % of a detection's cost).
 * The steps are the library's, with its own separator pattern and byte dictionary: the first 1,000
 * characters; separators to spaces, trimmed, lower case; UTF-8 byte words (its `strToUtf8Bytes`:
 * every UTF-8 byte of a non-ASCII character written as `dictionary[byte]`, ASCII as itself, split
 * at spaces, cut after 350 bytes at a space or after 380 anywhere); the distinct 4-byte n-grams of
 * each word (stride 3, the first with a leading space, the last with a trailing one); per language
 * the sum of (score + 53) over the n-grams the table holds; the first language with the highest
 * positive sum, else ''. Integer sums, so the answer does not depend on the order the n-grams are
 * summed in. Round 13 (tagspeed13): the byte words are character codes in one reused array and an
 * n-gram is looked up by its packed codes (`PackedIndex`), not as a string; an n-gram counts once
 * per text by its table entry (an n-gram the table lacks adds nothing either way).
 * tests/unit/eld-compact.test.ts compares it with `eld/extrasmall` on every labeled text.
 * @returns a detector whose `detect(text).language` is the library's answer (ISO 639-1 or '')
 * @throws Error when a dictionary character is not a single character below 256 (not the library's format)
 */
export function compactDetector(t: CompactNgrams, dictionary: readonly string[], separators: RegExp): EldDetector {
  const nLangs = Object.keys(t.languages).length;
  const codes: string[] = [];
  for (let k = 0; k < nLangs; k++) codes.push(t.languages[k] ?? '');
  const { offsets, langs, scores } = t;
  const packed = packIndex(t.index);
  // Code of the character each non-ASCII byte is written as.
  const byteCode = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    const ch = dictionary[b]!;
    if (ch.length !== 1 || ch.charCodeAt(0) > 255) throw new Error('eld: byte dictionary entry is not one character below 256');
    byteCode[b] = ch.charCodeAt(0);
  }
  const sums = new Float64Array(nLangs);
  // Entries counted in this detection: seen[i] === stamp (a new stamp per call, so no clearing).
  const seen = new Uint32Array(offsets.length);
  let stamp = 0;
  // The byte words of one text: character codes, and each word's end in `chars`.
  const chars = new Uint8Array(ENFORCE_CUT_AFTER + 8);
  const ends = new Int32Array(ENFORCE_CUT_AFTER + 8);
  const add = (lo: number, hi: number): void => {
    const i = lookup(packed, lo, hi);
    if (i < 0 || seen[i] === stamp) return;
    seen[i] = stamp;
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) sums[langs[j]!]! += scores[j]! + BASE_NGRAM_SCORE;
  };
  /**
   * Counts the n-gram of word characters [from, to) with optional leading and trailing spaces,
   * packed as `packKey` packs its string; a key longer than MAX_KEY is in no table (adds nothing).
   */
  const gram = (from: number, to: number, lead: boolean, trail: boolean): void => {
    const k = to - from + (lead ? 1 : 0) + (trail ? 1 : 0);
    if (k > MAX_KEY) return;
    let lo = 0;
    let hi = k << 16;
    let at = 0;
    if (lead) {
      lo = 32;
      at = 1;
    }
    for (let p = from; p < to; p++, at++) {
      if (at < 4) lo |= chars[p]! << (8 * at);
      else hi |= chars[p]! << (8 * (at - 4));
    }
    if (trail) {
      if (at < 4) lo |= 32 << (8 * at);
      else hi |= 32 << (8 * (at - 4));
    }
    add(lo, hi);
  };
  return {
    detect(text: string): { language: string } {
      if (typeof text !== 'string') return { language: '' };
      const str = text.substring(0, 1000).replace(separators, ' ').trim().toLowerCase();
      // The library's strToUtf8Bytes, as character codes.
      let n = 0;
      let words = 0;
      let wordStart = 0;
      let bytes = 0;
      for (let i = 0; i < str.length; i++) {
        let c = str.charCodeAt(i);
        if (c < 0x80) {
          if (c === 32) {
            if (n > wordStart) (ends[words++] = n), (wordStart = n);
            if (bytes > CUT_AFTER) break;
          } else chars[n++] = c;
          bytes++;
        } else if (c < 0x800) {
          chars[n++] = byteCode[0xc0 | (c >> 6)]!;
          chars[n++] = byteCode[0x80 | (c & 0x3f)]!;
          bytes += 2;
        } else if (c < 0xd800 || c >= 0xe000) {
          chars[n++] = byteCode[0xe0 | (c >> 12)]!;
          chars[n++] = byteCode[0x80 | ((c >> 6) & 0x3f)]!;
          chars[n++] = byteCode[0x80 | (c & 0x3f)]!;
          bytes += 3;
        } else {
          i++;
          c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
          chars[n++] = byteCode[0xf0 | (c >> 18)]!;
          chars[n++] = byteCode[0x80 | ((c >> 12) & 0x3f)]!;
          chars[n++] = byteCode[0x80 | ((c >> 6) & 0x3f)]!;
          chars[n++] = byteCode[0x80 | (c & 0x3f)]!;
          bytes += 4;
        }
        if (bytes > ENFORCE_CUT_AFTER) break;
      }
      if (n > wordStart) ends[words++] = n;
      sums.fill(0);
      if (++stamp === 0xffffffff) (seen.fill(0), (stamp = 1));
      let from = 0;
      for (let w = 0; w < words; w++) {
        const end = ends[w]!;
        const len = end - from > 70 ? 70 : end - from;
        let j = 0;
        for (; j + 4 < len; j += 3) gram(from + j, from + j + 4, j === 0, false);
        // The library's `substring(len !== 3 ? len - 4 : 0)`: from 4 characters before `len` (70 at
        // most) to the word's end, or all of a shorter word.
        gram(len >= 4 ? from + len - 4 : from, end, j === 0, true);
        from = end;
      }
      let best = -1;
      let max = 0;
      for (let k = 0; k < nLangs; k++) {
        if (sums[k]! > 0 && sums[k]! > max) {
          max = sums[k]!;
          best = k;
        }
      }
      return { language: best < 0 ? '' : codes[best]! };
    },
  };
}

/**
 * `compactDetector` over the library's table `name`, with the library's separator pattern and byte
 * dictionary (its src/regexPatterns.js and src/dictionary.js, imported as they are).
 * @throws Error when the package or the table is missing or not in the expected format
 */
export async function loadFastEld(name = 'extrasmall'): Promise<EldDetector> {
  const dir = eldDir();
  const table = parseNgramTable(readFileSync(join(dir, 'src', 'ngrams', `${name}.js`), 'utf8'));
  const { separators } = (await import(pathToFileURL(join(dir, 'src', 'regexPatterns.js')).href)) as { separators: RegExp };
  const { dictionary } = (await import(pathToFileURL(join(dir, 'src', 'dictionary.js')).href)) as { dictionary: string[] };
  if (!(separators instanceof RegExp) || !Array.isArray(dictionary) || dictionary.length !== 256) throw new Error('eld: separators or byte dictionary not in the expected form');
  return compactDetector(table, dictionary, separators);
}
