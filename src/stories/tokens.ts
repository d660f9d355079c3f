/**
 * Tokenization, the first phase of an article's features: word tokens of a text, folded like the
 * tagger folds words (lower case, NFKD, combining marks dropped), with their spelling as written
 * and whether each starts a sentence. Used by the copy fingerprint (./fingerprint.ts) and the
 * event keys (./event-keys.ts).
 */
import { foldWord, wordCharAt } from '../tagging/fold.js';

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
 * Number of words of a text as `words` counts them (maximal runs of letters, marks and digits),
 * without slicing or folding them (round 12: the lede's word count, `leadShingles`, tokenized the
 * first paragraph a second time for its length alone).
 */
export function countWords(text: string): number {
  const len = text.length;
  let n = 0;
  let i = 0;
  while (i < len) {
    let k = wordCharAt(text, i);
    if (k === 0) {
      i++;
      continue;
    }
    n++;
    i += k;
    while (i < len && (k = wordCharAt(text, i)) !== 0) i += k;
  }
  return n;
}
