/**
 * Round 16 (tag16c): a truce over the dyad's own conflict region, mediated, names the dyad.
 *
 * Reports of the 10 November 2020 statement (guideline rule 2: "ceasefire and trilateral
 * statements") often name neither state: "A ceasefire statement on Karabakh was signed through
 * Moscow's mediation", "ყარაბაღში ცეცხლი შეწყდა ... მოსკოვის შუამავლობით". The conflict region
 * (topic `scoring.conflictPlaces`: Karabakh) is not evidence on its own (rule 8), nor is a truce; a
 * truce term and a mediation cue (topic `cues.mediation`) in a paragraph that names the region are
 * a mediated settlement of that conflict, whose parties are the dyad. Such a paragraph then names
 * both parties. Not applied when a party of another dyad is named anywhere in the article
 * ("Karabakh Armenians", separatists: the 2023 Baku–Stepanakert truce is rule 6's) or when the
 * article already names both parties. A paragraph naming a year before the article's own (any
 * year when the publication date is unknown) recalls an earlier truce as background ("the
 * peacekeepers deployed under the November 2020 statement signed through Moscow's mediation are
 * leaving", a 2024 story: rule 5; "the protocol signed in May 1994 with Russian mediation stopped
 * the Karabakh war", an anniversary piece) and does not count.
 */
import { BOTH, type Collected } from './facts.js';
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';
import { YEAR } from './history.js';

/** The word with Persian (U+06F0–9) and Arabic-Indic (U+0660–9) digits written as ASCII digits. */
function asciiDigits(w: string): string {
  return w.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/**
 * Marks the sentences of a mediated-truce paragraph over the conflict region as naming both
 * parties (see the module comment). Mutates `c` (`facts[].parties`, `allParties`, `paraParties`).
 * @param matches the article's lexicon matches (the conflict region is found among them by name)
 * @param publishedYear the article's publication year, 0 when unknown
 */
export function applyConflictTruce(topic: Topic, tok: Tokens, matches: Match[], c: Collected, publishedYear: number): void {
  const regions = topic.scoring.conflictPlaces;
  if (regions.length === 0 || c.allParties === BOTH || c.otherTotal > 0 || c.truceTerms.length === 0 || c.mediationCues.length === 0) return;
  const paraOf = (word: number): number => tok.sentencePara[tok.sentence[word]!]!;
  const regionParas = new Set<number>();
  for (const m of matches) {
    const e = topic.lexicon.entries[m.entries[0]!]!;
    if (e.kind === 'places' && regions.includes(e.name)) regionParas.add(paraOf(m.start));
  }
  if (regionParas.size === 0) return;
  const pastYear = new Set<number>();
  for (let i = 0; i < tok.folded.length; i++) {
    const w = asciiDigits(tok.folded[i]!);
    if (w.length === 4 && YEAR.test(w) && (publishedYear === 0 || Number(w) < publishedYear)) pastYear.add(paraOf(i));
  }
  const truceParas = new Set(c.truceTerms.map(paraOf).filter((p) => !pastYear.has(p)));
  const mediatedParas = new Set(c.mediationCues.map(paraOf));
  for (const para of regionParas) {
    if (!truceParas.has(para) || !mediatedParas.has(para)) continue;
    for (const f of c.facts) {
      if (f.para !== para || f.other || f.pairOther || f.pairedThird) continue;
      f.parties = BOTH;
    }
    c.allParties = BOTH;
    c.paraParties[para + 1] = BOTH;
  }
}
