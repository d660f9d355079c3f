/**
 * Round 18 (tagrel18b), phase 2c of the decision (score.ts `decide`): a body of the dyad's own
 * process, in the headline, names the dyad.
 *
 * Wire items on the closing of the OSCE Minsk Group (guideline rule 2: "closing the OSCE Minsk
 * Group") often name neither state: "OSCE dissolves the Minsk Group. The body set up in 1992 to
 * mediate the Karabakh conflict is history; both capitals had asked for it." Phase 2b
 * (`applyAnchors`) lets an anchor name the dyad only when the article names a party. Some anchors
 * belong to this dyad alone (topic `ownAnchors`: a mediating body no other pair has), so when one
 * is the subject of the headline (of the first paragraph in a headline-less text), the article is
 * about their process, and that sentence names both parties, unless the article says otherwise:
 * - no party of another dyad is named anywhere, and no sentence names another pair of states, a
 *   party paired with a third state, a third-party process (visa, accession) or a comparison;
 * - every state named besides the parties could host or mediate their talks (`mediator: true`:
 *   "the joint appeal signed in Washington"), and no place of another state is named;
 * - the anchor's sentence carries more talks weight than negative cues (a war line that blames
 *   the Minsk Group stays a war line).
 * A passing mention further down (a war report's "the Minsk Group had failed for decades") is not
 * the headline's subject and is left to phase 2b. A topic without `ownAnchors` is unaffected.
 */
import { BOTH, type Collected } from './facts.js';
import { placeStates } from './implied.js';
import type { Match } from './match.js';
import { isMediatorCapable } from './signals.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';

/**
 * Applies the rule above. Mutates `c`: the anchor's sentences name both parties
 * (`facts[].parties`), as do `allParties` and their paragraphs (`paraParties`).
 * @param matches the article's lexicon matches (the anchor terms are found among them by name)
 * @returns true when the article was framed by both parties here
 */
export function applyOwnAnchor(topic: Topic, tok: Tokens, matches: Match[], c: Collected): boolean {
  const own = topic.ownAnchors;
  if (own.size === 0 || c.allParties !== 0 || c.otherTotal > 0) return false;
  // Most articles name no anchor: one look at the term names found before any pass over the matches.
  let named = false;
  for (const t of own) if (c.terms.has(t)) named = true;
  if (!named) return false;
  // The headline (paragraph -1), or without one the first paragraph, which stands in for it.
  const head = tok.sentencePara[0] === -1 ? -1 : 0;
  const sentences = new Set<number>();
  for (const m of matches) {
    if (!m.entries.some((i) => { const e = topic.lexicon.entries[i]!; return e.kind === 'term' && own.has(e.name); })) continue;
    const s = tok.sentence[m.start]!;
    if (tok.sentencePara[s]! === head) sentences.add(s);
  }
  if (sentences.size === 0) return false;
  for (const f of c.facts) {
    if (f.other || f.pairOther || f.pairedThird || f.thirdPair || f.thirdParty > 0 || f.comparison) return false;
  }
  const [pA, pB] = topic.parties;
  for (const m of c.countryMentions) if (m.name !== pA && m.name !== pB && !isMediatorCapable(topic, m.name)) return false;
  const places = placeStates(topic);
  for (const name of c.places) {
    const state = places.get(name);
    if (state !== undefined && state !== pA && state !== pB && !isMediatorCapable(topic, state)) return false;
  }
  for (const s of sentences) if (c.facts[s]!.terms <= c.facts[s]!.negative) return false;
  for (const s of sentences) {
    const f = c.facts[s]!;
    f.parties = BOTH;
    c.paraParties[f.para + 1] = BOTH;
  }
  c.allParties = BOTH;
  return true;
}
