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
 * stem (`~`) nothing more (unless its endings hold NEEDS_ENDING) or one of its endings. Pure; never throws.
 */
export function wordMatches(w: WordPattern, folded: string, original: string): boolean {
  if (w.capital && original.charAt(0) === original.charAt(0).toLowerCase()) return false;
  if (w.cased) return original === w.text || original.normalize('NFC') === w.text;
  if (!w.prefix) return folded === w.text;
  if (!folded.startsWith(w.text)) return false;
  if (w.endings === null) return true;
  return folded.length === w.text.length ? !w.endings.has(NEEDS_ENDING) : w.endings.has(folded.slice(w.text.length));
}

/**
 * Round 18 (sigfix18c): in the endings set of a `stem~` word, "the stem alone is no word": the
 * stem left when a nominative's ending was replaced (states.ts: Polish Liberia → liberi-i,
 * liberi-ę; Włochy → włoch-ów) is never the name as written, but often a word of its own (Italian
 * "Liberi" = freed, Polish "Włoch" = an Italian man, Russian "Иордан" = the river).
 */
export const NEEDS_ENDING = '+';

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
 * What the next word must be for a word's longer forms to be worth trying (tagspeed13): `seconds`
 * holds the second word of every form of two or more words that comes before the first
 * single-word form (`single`, -1 when none), when each such second word is a plain word (matched
 * by its folded form alone); null when one of them is a stem, a cased or a capital word. When the
 * next word's folded form is not in `seconds`, none of those longer forms can match and the search
 * starts at `single`. English "the" starts eleven longer forms ("the two sides", "the Hague"...).
 */
interface StartPlan {
  seconds: Set<string> | null;
  single: number;
}

const plans = new WeakMap<Pattern[], StartPlan>();

function planOf(starts: Pattern[]): StartPlan {
  let plan = plans.get(starts);
  if (plan) return plan;
  let seconds: Set<string> | null = new Set();
  let single = -1;
  for (let k = 0; k < starts.length; k++) {
    const p = starts[k]!;
    if (p.words.length === 1) {
      single = k;
      break;
    }
    const w = p.words[1]!;
    if (seconds !== null && !w.prefix && !w.cased && !w.capital) seconds.add(w.text);
    else seconds = null;
  }
  plan = { seconds, single };
  plans.set(starts, plan);
  return plan;
}

/**
 * Finds the longest form at each position, left to right, without overlaps. The candidates
 * at a word are sorted longest first, so the first that matches in full wins. A form matches
 * only within one sentence. Returns the matches in text order (word indexes into `tok`); never throws.
 * Longer forms whose second word cannot be the next word are skipped (`StartPlan`): the same
 * result without trying them.
 */
export function findMatches(tok: Tokens): Match[] {
  const out: Match[] = [];
  const n = tok.folded.length;
  let i = 0;
  while (i < n) {
    const starts = tok.starts[i];
    let best: Pattern | null = null;
    if (starts) {
      let k = 0;
      // Two or more longer forms before the first single-word one: skip them when the next word rules them out.
      if (starts.length > 2 && starts[1]!.words.length > 1) {
        const plan = planOf(starts);
        if (plan.seconds !== null && !plan.seconds.has(tok.folded[i + 1]!)) k = plan.single < 0 ? starts.length : plan.single;
      }
      for (; k < starts.length; k++) {
        const p = starts[k]!;
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
