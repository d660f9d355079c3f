/**
 * Phase 1 of the decision, after the pass over the matches (split from src/tagging/collect.ts,
 * round 14: a pure move): route pairings, the transit step, border commissions of other pairs and
 * sentences of another dyad, plus the small helpers of `collect`.
 */
import { BOTH, type Collected, type SentenceFacts } from './facts.js';
import type { Match } from './match.js';
import { near } from './position.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';

/** Word positions gathered by `collect`'s pass over the matches, for `finishSentences`. */
export interface PassPositions {
  /** Pairings of a party with a third state (word position of the later state). */
  pairs: number[];
  /** The state each pairing follows (its last word), by index of `pairs`. */
  partners: number[];
  /** Route words and terms. */
  routes: number[];
  /** Sentences with a goods term (each once). */
  transitSentences: number[];
  /** States named after the goods term in its sentence, as pairs (word position, 1 third state / 0 party). */
  statePos: number[];
}

/**
 * Sentence facts that need the whole pass: pairings along a route, goods carried between the
 * parties (the transit step), anchors of border commissions not paired with a third state, and
 * sentences whose subject is another pair of states. Mutates `c.facts` and `c.otherTotal`.
 * @param topic the topic (scoring parameters)
 * @param tok the article's tokens
 * @param c what `collect` gathered so far
 * @param pos positions gathered in the pass (`PassPositions`)
 */
export function finishSentences(topic: Topic, tok: Tokens, c: Collected, pos: PassPositions): void {
  const sc = topic.scoring;
  const facts = c.facts;
  const { pairs, partners, routes, transitSentences, statePos } = pos;
  // A party named with a third state along a route ("via Azerbaijan and Georgia", "აზერბაიჯანისა
  // და საქართველოს გავლით", "Ադրբեջանի և Վրաստանի տարածքով") is no pair of states in a process of
  // their own (round 6): every pairing of the sentence is at most 4 words after a route word or
  // 3 before one ("gas through the pipeline" far from "Italy and Azerbaijan signed" keeps the pair).
  // Round 13 (tagrel13): a pairing whose first state is on the route, or at most 4 words after a
  // pairing on the route, continues the list of states the route crosses ("attraverseranno
  // l'Azerbaigian e la Georgia", "la Russia, l'Azerbaigian e la Georgia": articles push the last
  // state past 4 words).
  const nearRoute = (p: number): boolean => routes.some((r) => tok.sentence[r] === tok.sentence[p] && r - p <= 3 && p - r <= 4);
  const routeOf = new Set<number>();
  let lastOnRoute = -100;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i]!;
    // The pairing, or the state it follows, is right after the route word; or the list goes on.
    if (nearRoute(p) || nearRoute(partners[i]!) || (p - lastOnRoute <= 4 && tok.sentence[lastOnRoute] === tok.sentence[p])) (routeOf.add(p), (lastOnRoute = p));
  }
  // Round 13 (tagrel13): goods carried between the parties along a route is the transit step.
  if (sc.transitWeight > 0) for (const s of transitSentences) if (facts[s]!.route && facts[s]!.parties === BOTH && carriedBetweenParties(tok, s, statePos, routes)) facts[s]!.terms += sc.transitWeight;
  for (let s = 0; s < facts.length; s++) {
    const f = facts[s]!;
    if (f.route && f.pairedThird && pairs.every((p) => tok.sentence[p] !== s || routeOf.has(p))) f.pairedThird = false;
    // Round 10: a border commission of a party and a third state is that pair's ("the commissions
    // of Georgia and Azerbaijan on the delimitation"), not this dyad's.
    // Round 18 (tag18a): nor is one of two other states named as a pair in the sentence ("the
    // border commissions of Kyrgyzstan and Tajikistan will meet", then "Armenia and Azerbaijan are
    // not part of this format").
    if (f.pairableAnchor && !f.pairedThird && !f.thirdPair) f.anchor = true;
  }
  // Round 9 (guideline rule 6): a sentence naming no party whose subject is a pair of other states
  // ("The presidents of Congo and Rwanda signed a peace agreement in Washington") is another dyad's
  // process: for relevance it names another dyad's parties (`pairOther`), so it neither continues
  // this dyad's process nor lets the framing stand for it, and counts toward that dyad dominating
  // the article. Signals are left as they were (`other` is unchanged: a weather line naming
  // Switzerland and Austria lists no states).
  const k = topic.scoring.thirdPairMentions;
  if (k > 0) {
    for (const f of facts) {
      if (!f.thirdPair || f.parties !== 0 || f.anchor || f.route) continue;
      f.pairOther = true;
      f.otherMentions += k;
      c.otherTotal += k;
    }
  }
}

const nonStateCache = new WeakMap<Topic, Set<string>>();

/** Names of country entities that are not states (`country: false`: the European Union). */
export function nonStateNames(topic: Topic): Set<string> {
  let set = nonStateCache.get(topic);
  if (!set) {
    set = new Set(topic.lexicon.entries.filter((e) => e.kind === 'countries' && e.isCountry === false).map((e) => e.name));
    nonStateCache.set(topic, set);
  }
  return set;
}

/**
 * Round 13 (tagrel13): a third-party cue that names the occasion or deadline of a step ("before
 * the climate conference", "on the sidelines of the regional forum", "iklim konferansından
 * önce") does not weigh: it is at most `window` words after an `occasion` cue or before an
 * `occasionAfter` cue, in the same sentence. Lowers `facts[s].thirdParty` by `weight` per such
 * cue (never below 0). Positions are word indexes of `tok` (cue ends for `before`, starts for the others).
 */
export function discountOccasions(tok: Tokens, facts: SentenceFacts[], occ: { third: number[]; before: number[]; after: number[] }, window: number, weight: number): void {
  for (const q of occ.third) {
    const s = tok.sentence[q]!;
    const byOccasion = occ.before.some((p) => q > p && q - p <= window && tok.sentence[p] === s) || occ.after.some((p) => p > q && p - q <= window && tok.sentence[p] === s);
    if (byOccasion) facts[s]!.thirdParty = Math.max(0, facts[s]!.thirdParty - weight);
  }
}

/**
 * Round 13 (tagrel13): goods carried between the parties along a route in sentence `s`: every
 * third state named after its goods term is on the route (after a route word, at most 4 words on,
 * or continuing the list: "przez nasze terytorium i Gruzję") and some party is named off the route
 * (the origin or destination: "do Armenii", "para Armenia"). "Wheat for Georgia travels through
 * Azerbaijan" names a third state as the destination: not this dyad's transit.
 * Only states after the route word count as on it: in Turkish, Azerbaijani, Armenian and Georgian,
 * whose route words follow the states ("Gürcistan'dan geçerek"), the rule does not apply.
 * @param statePos pairs (word position, 1 third state / 0 party) of states named after a goods term
 * @param routes word positions of the route words and terms
 */
function carriedBetweenParties(tok: Tokens, s: number, statePos: number[], routes: number[]): boolean {
  const afterRoute = (p: number): boolean => routes.some((r) => tok.sentence[r] === s && p > r && p - r <= 4);
  let last = -100;
  let partyOff = false;
  for (let i = 0; i < statePos.length; i += 2) {
    const p = statePos[i]!;
    if (tok.sentence[p] !== s) continue;
    const on = afterRoute(p) || (p - last <= 4 && last >= 0);
    if (on) last = p;
    if (statePos[i + 1] === 1 && !on) return false;
    if (statePos[i + 1] === 0 && !on) partyOff = true;
  }
  return partyOff;
}

/** Round 14: words around the capital in which a meeting word makes it the scene after all. */
const SEAT_MEETING_SPAN = 6;
/** Round 14: words after the capital within which the voice's speech verb must come ("The government in Yerevan called"). */
const SEAT_SPEECH_SPAN = 12;
/** Round 14: words before the voice noun within which a verb-first sentence puts the speech verb ("قالت السلطات في باكو", "ورحب المسؤولون في يريفان"). */
const SEAT_VERB_BEFORE = 2;

/**
 * Round 14 (tagsig14): a capital after a preposition whose noun before it is a government or one
 * of its offices ("The government in Yerevan called the shipment...", "Die Regierung in Eriwan
 * wertete", "Władze w Baku oświadczyły", "власти в Баку", "السلطات في باكو"; people there,
 * "officials in Yerevan said", stay a place: round 2's rule) is its government's seat:
 * the capital stands for its government (tagging README, places: "a capital used only as a
 * stand-in for its government ... is not a place"). Not when a meeting word is within
 * `SEAT_MEETING_SPAN` words ("the delegations in Baku met"): then it is the scene; and only when a
 * speech or stance word follows within `SEAT_SPEECH_SPAN` words: the older sets list the capital
 * where the voice acts otherwise ("Beobachter in Berlin sehen darin", "officials in Brussels
 * reviewing passports", "im Außenministerium in Washington vorstellten": measured, kept places).
 * @param speech first word positions of `cues.speech` matches
 * @param stance first word positions of `cues.stance` matches
 * @param voices last word positions of `cues.voices` matches
 * @param meeting first word positions of `cues.meeting` matches
 * @returns true for a government seat; `m` must already be a locative (isLocative).
 */
export function governmentSeat(topic: Topic, tok: Tokens, m: Match, voices: number[], speech: number[], stance: number[], meeting: number[]): boolean {
  if (voices.length === 0 || m.start < 2) return false;
  const s = tok.sentence[m.start]!;
  if (!(topic.locatives.has(tok.folded[m.start - 1]!) || topic.locativesExact.has(tok.original[m.start - 1]!)) || tok.sentence[m.start - 2] !== s) return false;
  const v = m.start - 2;
  if (!voices.includes(v)) return false;
  // The verb after the capital, or right before the noun in verb-first order ("قالت السلطات في باكو").
  const verb = (q: number[]): boolean => near(tok, q, m.end, m.end + SEAT_SPEECH_SPAN, s) || near(tok, q, v - SEAT_VERB_BEFORE, v, s);
  if (!verb(speech) && !verb(stance)) return false;
  return !near(tok, meeting, m.start - SEAT_MEETING_SPAN, m.end + SEAT_MEETING_SPAN, s);
}

