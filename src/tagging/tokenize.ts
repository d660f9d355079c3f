/**
 * The tagger's tokenizer: title and body into words (Unicode letters, marks and digits, fold.ts),
 * each with its folded form, the lexicon forms that can start there (lookup.ts), its offset,
 * and its sentence and paragraph. Split from src/tagging/lexicon.ts (round 8 legibility split).
 */
import { wordCharAt } from './fold.js';
import type { CompiledLexicon, Pattern } from './lexicon.js';
import { cachedWord } from './lookup.js';

/** A tokenized text: folded words, original words, and sentence/paragraph of each word. */
export interface Tokens {
  folded: string[];
  original: string[];
  /** Per word: the patterns that can start there (from the word cache). */
  starts: (Pattern[] | null)[];
  /** Per word: its flags from the word cache (word-flags.ts: function-word languages, ə, role word; round 13). */
  flags: number[];
  /** Per word: offset of its first character in the title or the body. */
  pos: number[];
  /** Per word: 1 when an apostrophe joins it to the previous word (Turkish "Bakü'de"), else 0. */
  afterApostrophe: number[];
  sentence: number[];
  /** Per sentence: paragraph index (title = -1). */
  sentencePara: number[];
  /**
   * Round 15 (tag15b): index of the word right before a dateline mark among the first three words
   * of the title (`titleMark`: a colon, a dash or a slash, "Bruxelles : accord") and of the body
   * (`bodyMark`: a dash or a slash, "موسكو — أعلن", "Yerevan /Mediamax/"); -1 when there is none.
   */
  titleMark: number;
  bodyMark: number;
}

/** Words of a text's opening searched for a dateline mark (round 15: "Abu Dhabi —", "Bruxelles :"). */
const MARK_WORDS = 3;

/**
 * True when the gap between two words holds a dateline mark (round 15): "—", "–", "/", a spaced
 * "-", and with `colon` a colon (headlines only: a body line "Bakü: ..." is the government speaking).
 */
function hasMark(text: string, from: number, to: number, colon: boolean): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (((c === 58 || c === 0xff1a) && colon) || c === 0x2014 || c === 0x2013 || c === 47) return true;
    if (c === 45 && i > from && i + 1 < to && text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32) return true;
  }
  return false;
}

/** What lies between two words: 0 nothing special, 1 a sentence end, 2 a line break. */
function gapKind(text: string, from: number, to: number): number {
  let kind = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return 2;
    // . ! ? ; … ։ followed by white space (or by a closing quote, then white space)
    if ((c === 46 || c === 33 || c === 63 || c === 59 || c === 0x2026 || c === 0x589) && i + 1 < to && /\s|["'»”’)]/u.test(text[i + 1]!)) kind = 1;
  }
  return kind;
}

/** ' ’ ʼ ‘ (compared as code units: a `Set` look-up for the space before most words was 3 % of tagging, tagspeed13). */
function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x2018;
}

/** German month names (and Austrian Jänner), lower case: "am 21. Oktober" is a date, not two sentences. */
const ORDINAL_MONTHS = new Set(['januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember']);

/**
 * True when the full stop between two words is that of an ordinal day before a month name
 * (German dates: "am 21. Oktober", "seit dem 4. November"): a one- or two-digit number, ". ",
 * then a month (round 6: the stop split such sentences in two, and a talks sentence lost its
 * parties or terms to the fragment).
 */
function isOrdinalDate(prev: string, text: string, gapStart: number, start: number, end: number): boolean {
  if (prev.length > 2 || !/^\d+$/.test(prev) || text.charCodeAt(gapStart) !== 46 || !/^\s+$/.test(text.slice(gapStart + 1, start))) return false;
  return ORDINAL_MONTHS.has(text.slice(start, end).toLowerCase());
}

/**
 * Round 14 (tagrel14b): true when the full stop between two words is an abbreviation's, not a
 * sentence end: only a stop and white space on one line lie between them, and the next word
 * starts with a lower-case letter of a cased script ("Komisje ds. delimitacji", "the U.S. envoy",
 * "bzw. die Kommission", "т. е. комиссия"). A split there cut a talks sentence in two and left
 * the term and the parties in different fragments. Scripts written without case (Georgian, Arabic)
 * keep every stop.
 */
function isAbbreviationStop(text: string, gapStart: number, start: number): boolean {
  if (text.charCodeAt(gapStart) !== 46) return false;
  for (let i = gapStart + 1; i < start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0) return false;
  }
  const ch = text[start]!;
  // Latin, Greek, Cyrillic and Armenian only: Georgian Mkhedruli has upper-case Mtavruli forms in
  // Unicode but is written without case, so its sentences open with the same letters.
  const code = ch.charCodeAt(0);
  if (code >= 0x590 && (code < 0x1e00 || code > 0x1eff)) return false;
  const lower = ch.toLowerCase();
  return ch === lower && ch.toUpperCase() !== lower;
}

/**
 * Round 17 (tagrel17b): true when the full stop follows a one-letter abbreviation written after a
 * number: the year ("1991 թ.", "1991 г.", "2020 р.") or a unit. The next word may be a name with
 * a capital ("1991 թ. Ալմա-Աթայի հռչակագրին", "в 1991 г. Алма-Атинской декларации"), which
 * `isAbbreviationStop` keeps as a sentence start; a split there cut the parties of the sentence
 * from its term. Reads only the last two words already stored (no scan of the text).
 * @param original the words of the text so far (original spelling)
 * @param n how many words `original` holds so far
 * @param firstWord index in `original` of this text's first word (words of the title are not looked at)
 */
function isUnitStop(original: string[], n: number, firstWord: number): boolean {
  if (n - firstWord < 2) return false;
  const last = original[n - 1]!;
  if (last.length !== 1) return false;
  const num = original[n - 2]!;
  const c = num.charCodeAt(0);
  return c >= 48 && c <= 57 && /^\d+$/.test(num);
}

/**
 * Appends the words of one text to `t`: the title is one sentence, the body is split. Words
 * are maximal runs of letters, marks and digits (`WORD`), found with a per-code-unit table
 * rather than the regular expression (twice as fast, same result).
 */
function scan(lex: CompiledLexicon, t: Tokens, text: string, isTitle: boolean, firstWord: number): number {
  let para = isTitle ? -1 : 0;
  let lastEnd = 0;
  let first = true;
  // Words stored so far (the arrays are sized for every word of the title and the body).
  let n = firstWord;
  const len = text.length;
  let i = 0;
  while (i < len) {
    let k = wordCharAt(text, i);
    if (k === 0) {
      i++;
      continue;
    }
    const start = i;
    i += k;
    while (i < len && (k = wordCharAt(text, i)) !== 0) i += k;
    // Round 15: a dateline mark after one of the first words ("Bruxelles :", "Москва —").
    if (!first && n - firstWord < MARK_WORDS && hasMark(text, lastEnd, start, isTitle)) {
      if (isTitle && t.titleMark < 0) t.titleMark = n - 1;
      else if (!isTitle && t.bodyMark < 0) t.bodyMark = n - 1;
    }
    if (first) {
      t.sentencePara.push(para);
      first = false;
    } else if (!isTitle && (start > lastEnd + 1 || text.charCodeAt(lastEnd) !== 32)) {
      let kind = gapKind(text, lastEnd, start);
      if (kind === 1 && (isOrdinalDate(t.original[n - 1]!, text, lastEnd, start, i) || isAbbreviationStop(text, lastEnd, start) || isUnitStop(t.original, n, firstWord))) kind = 0;
      if (kind === 2) para++;
      if (kind !== 0) t.sentencePara.push(para);
    }
    const w = text.slice(start, i);
    const info = cachedWord(lex, w);
    t.original[n] = w;
    if (typeof info === 'string') {
      t.folded[n] = info;
      t.starts[n] = null;
      t.flags[n] = 0;
    } else {
      t.folded[n] = info.folded;
      t.starts[n] = info.starts;
      t.flags[n] = info.flags ?? 0;
    }
    t.pos[n] = start;
    t.afterApostrophe[n] = start === lastEnd + 1 && start > 0 && isApostrophe(text.charCodeAt(start - 1)) ? 1 : 0;
    t.sentence[n] = t.sentencePara.length - 1;
    n++;
    lastEnd = start + w.length;
  }
  return n;
}

/**
 * How many words `scan` finds in `text`: the same maximal runs of word characters, stepped
 * the same way. The tokenizer sizes its per-word arrays with it: grown word by word, eight
 * arrays made ~3 times their final size in garbage while the page's DOM was alive (issue 17
 * round 20, cost20).
 */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const k = wordCharAt(text, i);
    if (k === 0) {
      inWord = false;
      i++;
    } else {
      if (!inWord) n++;
      inWord = true;
      i += k;
    }
  }
  return n;
}

/** An array of `n` slots, all set by the tokenizer before it returns. */
function sized<T>(n: number): T[] {
  return new Array<T>(n);
}

/**
 * Tokenizes a title and a body into words with sentence and paragraph indexes. Paragraphs are
 * separated by line breaks; sentences by `.`, `!`, `?`, `;`, `…` or the Armenian full stop `։`
 * followed by white space (not the stop of a German ordinal date, nor a stop before a lower-case
 * letter: an abbreviation's, round 14). The title is sentence 0 of
 * paragraph -1 when it has words. Fills `lex.words` (the word cache, lookup.ts); never throws.
 */
export function tokenize(lex: CompiledLexicon, title: string, body: string): Tokens {
  const n = countWords(title) + countWords(body);
  const t: Tokens = {
    folded: sized(n), original: sized(n), starts: sized(n), flags: sized(n), pos: sized(n), afterApostrophe: sized(n), sentence: sized(n),
    sentencePara: [], titleMark: -1, bodyMark: -1,
  };
  scan(lex, t, body, false, scan(lex, t, title, true, 0));
  return t;
}
