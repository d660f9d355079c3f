/**
 * Round 15 (tagrel15c): the parties named only in a dated event from before the process began.
 *
 * Guideline rule 1 (../shared/corpus/tagging/README.md): the topic is the process "2020 onward".
 * A retrospective ("Thirty years after Bishkek", "Hace treinta años", "Vor 30 Jahren") tells an
 * older event with its calendar date — "On 5 May 1994 the speakers of the Armenian and Azerbaijani
 * parliaments signed a protocol", "En mayo de 1994 ...", "1994-cü ilin mayında ..." — and names
 * the parties only there. Such a sentence is dated history: a month (cue `dated`) within
 * `WINDOW` words of a year before `scoring.historyBefore`, and no year from it on. When every
 * sentence that names a party is dated history, the parties are history's, not the process's:
 * the article is not about the process, as the retrospectives that name no state already are not. A sentence with a later year ("the truce of May 1994 held until 2020"), a span with no
 * month ("at odds since 1988"), or any other sentence naming a party keeps the parties.
 */
import type { Collected } from './facts.js';
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';

/** Words between a month and its year: "5 May 1994", "mayo de 1994", "1994-cü ilin mayında". */
const WINDOW = 3;
/** A year as a folded word, in ASCII digits (folding keeps Persian and Arabic-Indic digits as written). */
export const YEAR = /^(1[89]|20)\d\d$/;
/**
 * Month names the topic's `dated` cue leaves out because they are also words ("may", "mai",
 * "mars", "mart", Persian "مه"): here they count only within `WINDOW` words of a year. Folded
 * forms (lexicon folding), with the case endings a dated year takes in az, tr, hy, ka.
 */
const YEAR_MONTHS: ReadonlySet<string> = new Set([
  'may', 'mai', 'mars', 'mart', 'marti', 'martin', 'martda', 'mayin', 'mayinda', 'mayda', 'mayis', 'mayisinda',
  'մարտի', 'մարտին', 'მაისი', 'მარტი', 'მარტში', 'مه', 'مارس',
]);

/**
 * Sentences dated to a month of a year before `scoring.historyBefore` and naming no later year.
 * @returns a boolean per sentence (all false when `historyBefore` is 0); pure, never throws
 */
export function datedHistory(topic: Topic, tok: Tokens, matches: Match[], nSent: number): boolean[] {
  const out: boolean[] = new Array(nSent).fill(false);
  const before = topic.scoring.historyBefore;
  if (before <= 0) return out;
  const years = new Map<number, number>();
  const later = new Set<number>();
  for (let i = 0; i < tok.folded.length; i++) {
    const w = tok.folded[i]!;
    if (w.length !== 4 || !YEAR.test(w)) continue;
    const y = Number(w);
    if (y >= before) later.add(tok.sentence[i]!);
    else years.set(i, y);
  }
  if (years.size === 0) return out;
  const months: Array<[number, number]> = [];
  for (const m of matches) if (m.entries.some((e) => topic.lexicon.entries[e]!.kind === 'dated')) months.push([m.start, m.end]);
  for (let i = 0; i < tok.folded.length; i++) if (YEAR_MONTHS.has(tok.folded[i]!)) months.push([i, i + 1]);
  for (const [start, end] of months) {
    const s = tok.sentence[start]!;
    if (later.has(s) || out[s]) continue;
    for (const i of years.keys()) {
      if (tok.sentence[i] === s && i >= start - WINDOW && i < end + WINDOW) out[s] = true;
    }
  }
  return out;
}

/**
 * True when every sentence that names a party is dated history (module comment): the article is
 * then not about the process whatever its score (score.ts `decide`); its signals are computed as
 * for any article that is not. Pure; never throws.
 */
export function partiesOnlyInHistory(topic: Topic, tok: Tokens, matches: Match[], c: Collected): boolean {
  if (c.allParties === 0) return false;
  const history = datedHistory(topic, tok, matches, c.facts.length);
  if (!history.includes(true)) return false;
  // A background cue makes the date the time frame of the sentence's own event ("thirty years after
  // the May 1994 truce, the ministers met"): not history.
  return c.facts.every((f, s) => f.parties === 0 || (history[s] && !f.background));
}
