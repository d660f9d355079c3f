/**
 * Matching compiled forms (lexicon.ts) against tokenized text (tokenize.ts): at each word the
 * longest form that matches in full wins, left to right, without overlaps. Split from
 * src/tagging/lexicon.ts (round 8 legibility split).
 */
import type { Pattern, WordPattern } from './lexicon.js';
import type { Tokens } from './tokenize.js';

/** One match: the pattern's entries at words [start, end). */
export interface Match {
  start: number;
  end: number;
  entries: number[];
}

/**
 * Whether one word of text matches one word of a form: `folded` is the word as `foldWord` gives
 * it, `original` as written. A `^word` needs an upper-case first letter, a cased word (`=`) the
 * exact letters (NFC), a plain word the folded word, a stem (`*`) any continuation, an inflected
 * stem (`~`) nothing more or one of its endings. Pure; never throws.
 */
export function wordMatches(w: WordPattern, folded: string, original: string): boolean {
  if (w.capital && original.charAt(0) === original.charAt(0).toLowerCase()) return false;
  if (w.cased) return original === w.text || original.normalize('NFC') === w.text;
  if (!w.prefix) return folded === w.text;
  if (!folded.startsWith(w.text)) return false;
  return w.endings === null || folded.length === w.text.length || w.endings.has(folded.slice(w.text.length));
}

function tryPattern(p: Pattern, tok: Tokens, i: number): boolean {
  const n = p.words.length;
  if (i + n > tok.folded.length) return false;
  const s = tok.sentence[i];
  // The first word matched when the word was looked up (possibly without a proclitic).
  for (let j = 1; j < n; j++) {
    if (tok.sentence[i + j] !== s) return false;
    if (!wordMatches(p.words[j]!, tok.folded[i + j]!, tok.original[i + j]!)) return false;
  }
  return true;
}

/**
 * Finds the longest form at each position, left to right, without overlaps. The candidates
 * at a word are sorted longest first, so the first that matches in full wins. A form matches
 * only within one sentence. Returns the matches in text order (word indexes into `tok`); never throws.
 */
export function findMatches(tok: Tokens): Match[] {
  const out: Match[] = [];
  const n = tok.folded.length;
  let i = 0;
  while (i < n) {
    const starts = tok.starts[i];
    let best: Pattern | null = null;
    if (starts) {
      for (const p of starts) {
        if (p.words.length === 1 || tryPattern(p, tok, i)) {
          best = p;
          break;
        }
      }
    }
    if (best) {
      out.push({ start: i, end: i + best.words.length, entries: best.entries });
      i += best.words.length;
    } else i++;
  }
  return out;
}
