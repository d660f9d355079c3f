/**
 * Round 16 (tag16a), phase 3c of the decision (score.ts `decide`): the sides left unnamed; and
 * the live page of one event (`oneScene`, `liveScene`, below).
 *
 * Real coverage often names the process through its sides as a pair and one side or none:
 * "The Almaty round ended ...; both delegations narrowed the gaps on the draft" (one party named
 * through its minister), "Michel said the two leaders again confirmed each other's territorial
 * integrity; the border commissions meet next month" (neither named: the reader knows whose
 * talks Michel chairs). Before, an article needed both parties named somewhere.
 *
 * Rule (`scoring.impliedSides`, 0 = off): an article naming at most one party is framed by both
 * when
 * - a sentence refers to the two sides as a pair (a `dyadic` term: "the two leaders", "both
 *   delegations", "стороны") and carries `framedTermFactor` of the talks weight
 *   (`sentenceTermWeight`: "the leaders agreed") above its negative cues, and the article holds
 *   at least `impliedSides` sentences with the full talks weight;
 * - a settlement term of the topic (`settlementTerms`: peace treaty, delimitation, territorial
 *   integrity, ...) is named: "the two sides agreed to continue negotiations" may be a government
 *   and its church;
 * - nothing names another side: no party of another dyad, no pair of other states, no party
 *   paired with a third state, no third-party process (visa, accession), no comparison, and no
 *   state other than the parties is named except as the venue (a city as the scene) or as the
 *   host or mediator (next to a mediation word: "hosted by Kazakhstan"), and only a state that
 *   could host or mediate them (`mediator: true`); no demonym of one either ("his Kazakh
 *   counterpart" is a side); no place but the parties' and those states' ("the truce in Gaza");
 * - a talks sentence naming the sides as a pair, or, with one party named, a sentence naming it
 *   with a strong talks term ("the Armenian minister spoke of progress on the peace treaty"), and
 *   at least `impliedSides` × `sentenceTermWeight` of talks weight in the whole article;
 * - with no party named, exactly one mediator-capable entity of the topic (`mediator: true`:
 *   the EU through Michel) is named as an actor, and no other state: the two sides are its
 *   process's. With one party named, no other entity is named as an actor.
 * The caller then treats the article as naming both parties (as `impliedParty` does for a home
 * language). Plain data in, `c` and `fr` mutated.
 */
import { BOTH, type Collected, type Frame } from './facts.js';
import { isMediatorCapable } from './signals.js';
import type { Topic } from './topic.js';

const placeCache = new WeakMap<Topic, Map<string, string>>();

/** Place name → the party or state it belongs to (places of no state are left out); cached per topic. */
export function placeStates(topic: Topic): Map<string, string> {
  let map = placeCache.get(topic);
  if (!map) {
    map = new Map();
    for (const e of topic.lexicon.entries) if (e.kind === 'places' && (e.party ?? e.country)) map.set(e.name, (e.party ?? e.country)!);
    placeCache.set(topic, map);
  }
  return map;
}

/**
 * Applies the rule above.
 * @returns true when the article was framed by both parties here
 */
export function impliedSides(topic: Topic, c: Collected, fr: Frame): boolean {
  const sc = topic.scoring;
  if (sc.impliedSides === 0 || c.allParties === BOTH || c.otherTotal > 0) return false;
  if (![...c.terms].some((t) => topic.settlementTerms.has(t))) return false;
  let talks = 0;
  let dyadicTalk = false;
  let partyTalk = false;
  let third = 0;
  for (const f of c.facts) {
    if (f.other || f.pairOther || f.pairedThird || f.thirdPair || f.thirdParty > 0 || f.comparison) return false;
    third += f.thirdStates;
    if (f.terms <= f.negative) continue;
    if (f.dyadic && f.terms >= sc.sentenceTermWeight * sc.framedTermFactor) dyadicTalk = true;
    if (f.strongTerm && f.parties !== 0) partyTalk = true;
    talks += f.terms;
  }
  if (!(dyadicTalk || (partyTalk && c.allParties !== 0)) || talks < sc.impliedSides * sc.sentenceTermWeight) return false;
  const [pA, pB] = topic.parties;
  // States named other than as the venue or the host/mediator are candidate sides; so is a
  // state, or a place of no state, that could not host the parties' talks ("the ceasefire in Gaza").
  // Round 18 (tagrel18b): with no party named, the mediator's own adjective or title next to its
  // mediation ("under Russian mediation"), or the title of the mediator named as the actor ("the
  // Russian president Putin hosted"), is that mediator, not another side; "his Kazakh
  // counterpart" (no mediation word, one party named) still is one.
  const byActor = c.mediatorCands.filter((m) => m.official && !m.demonym && m.name !== pA && m.name !== pB);
  const actors = new Set(byActor.map((m) => m.name));
  const hostOnly = c.allParties === 0;
  let allowed = 0;
  for (const m of c.countryMentions) {
    if (m.name === pA || m.name === pB) continue;
    if (!isMediatorCapable(topic, m.name)) return false;
    if (m.city) continue;
    const host = hostOnly && (m.mediating || m.byMediation === true || (m.official && actors.has(m.name)));
    if (host) {
      allowed++;
      continue;
    }
    if (m.demonym || m.official || !(m.mediating || m.locative)) return false;
    allowed++;
  }
  const places = placeStates(topic);
  for (const name of c.places) {
    const state = places.get(name);
    if (state === undefined || (state !== pA && state !== pB && !isMediatorCapable(topic, state))) return false;
  }
  if (c.allParties === 0) {
    // The one mediator named as an actor stands for its own process; round 18 (tagrel18b): so
    // does one named as the mediator ("under Russian mediation both sides handed over prisoners").
    const mediating = new Set(actors);
    for (const m of c.countryMentions) if (m.name !== pA && m.name !== pB && (m.mediating || m.byMediation === true)) mediating.add(m.name);
    const [only] = [...mediating];
    if (mediating.size !== 1 || !isMediatorCapable(topic, only!)) return false;
    if (third > allowed + byActor.length) return false;
  } else if (actors.size > 0 || third > allowed) return false;
  c.allParties = BOTH;
  fr.framing = BOTH;
  return true;
}

/**
 * Round 16 (tag16a): a live page (clock-time entries, dialogue.ts `liveEntries`) is one event
 * told in entries, like an interview's turns, when it names no other side: no party of another
 * dyad, no pair of other states, no third-party process, and at most one entity besides the
 * parties (states, their officials and places), a mediator-capable one (the host: "the White
 * House", Trump). A summit's live page (the CIS in Dushanbe with Tokayev and Putin, the European
 * Political Community) names several, and its entries are not one conversation of the parties.
 * @returns true when the page may be read in dialogue mode
 */
export function oneScene(topic: Topic, c: Collected): boolean {
  if (c.otherTotal > 0 || c.allParties !== BOTH) return false;
  for (const f of c.facts) if (f.other || f.pairOther || f.thirdPair || f.thirdParty > 0) return false;
  const [pA, pB] = topic.parties;
  const others = new Set<string>();
  for (const m of c.countryMentions) if (m.name !== pA && m.name !== pB) others.add(m.name);
  for (const m of c.mediatorCands) if (m.name !== pA && m.name !== pB) others.add(m.name);
  const places = placeStates(topic);
  for (const name of c.places) {
    const state = places.get(name);
    if (state === undefined) return false;
    if (state !== pA && state !== pB) others.add(state);
  }
  if (others.size > 1) return false;
  for (const name of others) if (!isMediatorCapable(topic, name)) return false;
  return true;
}

/**
 * Round 16 (tag16a): on a live page of one event (`oneScene` above) that has a process
 * entry, an entry naming both sides ("15:05 Aliyev and Pashinyan have entered the room") is the
 * scene of that event, unless it is a war line (negative cues above its talks terms) or names
 * another dyad or a third-party process. Marks `process` in place.
 */
export function liveScene(c: Collected, process: boolean[]): void {
  if (!process.includes(true)) return;
  c.facts.forEach((f, s) => {
    if (!process[s] && f.parties === BOTH && f.negative <= f.terms && !f.other && !f.pairOther && f.thirdParty === 0) process[s] = true;
  });
}

/**
 * Round 16 (tagrel16d), phase 3c: the border commissions "of the two countries" stand for the two
 * parties. Delimitation coverage names the process through its bodies and names neither state, or
 * one through a village: "the vice-premiers of the two countries met for the commissions'
 * session", "villagers of Tavush protest the deal of the two countries' border commissions".
 * Any two states have border commissions (the term is `pairable`), so the rule needs, in one
 * sentence, a `pairable` anchor (border commission, joint bodies) and a `dyadic` term ("the two
 * countries", "both sides") with more talks weight than negative cues; and, in the whole
 * article, no other side: no party of another dyad, no pair of other states, no party paired
 * with a third state, no third-party process, no comparison, no state other than the parties
 * named except a mediator-capable one as the venue city, no official of another state, and no
 * place of a state other than the parties (places of no state known are let through: a road).
 * A topic without `pairable` or `dyadic` terms is unaffected. Plain data in, `c` and `fr` mutated.
 * @returns true when the article was framed by both parties here
 */
export function dyadicBody(topic: Topic, c: Collected, fr: Frame): boolean {
  if (c.allParties === BOTH || c.otherTotal > 0) return false;
  let body = false;
  for (const f of c.facts) {
    if (f.other || f.pairOther || f.pairedThird || f.thirdPair || f.thirdParty > 0 || f.comparison) return false;
    if (f.pairableAnchor && f.dyadic && f.terms > f.negative) body = true;
  }
  if (!body) return false;
  const [pA, pB] = topic.parties;
  if (!onlyPartiesOrHosts(topic, c)) return false;
  if (c.mediatorCands.some((m) => m.official && m.name !== pA && m.name !== pB)) return false;
  if (!placesOfPartiesOrHosts(topic, c)) return false;
  c.allParties = BOTH;
  fr.framing = BOTH;
  return true;
}

/**
 * Round 18 (tag18a), phase 3c: a mediator's one-line announcement naming neither party
 * ("Brussels – Michel: border commissions to meet soon", "Բրյուսել. Միշելը՝ սահմանային
 * հանձնաժողովների մասին"). Real wire pages carry such lines alone; the reader knows whose
 * commissions the mediator convenes. `impliedSides` needs a dyadic term ("the two leaders") and
 * `dyadicBody` one too; here the mediator stands for its process, as `impliedSides` reads it with
 * no party named. Needs, in one sentence, a `pairable` anchor (border commission, joint bodies)
 * with more talks weight than negative cues; in the whole article no party named, exactly one
 * mediator-capable entity named through its official (signals.ts `isMediatorCapable`) and no other
 * official of a state; no other side (another dyad's party, a pair of other states, a party
 * paired with a third state, a third-party process, a comparison); no state named but a
 * mediator-capable one as the venue city; no place of a state that could not host the talks.
 * Any two states have border commissions: a third pair named ("Kyrgyz and Tajik commissions")
 * is a side, and the rule does not apply. Plain data in, `c` and `fr` mutated.
 * @returns true when the article was framed by both parties here
 */
export function mediatorBody(topic: Topic, c: Collected, fr: Frame): boolean {
  if (c.allParties !== 0 || c.otherTotal > 0) return false;
  let body = false;
  for (const f of c.facts) {
    if (f.other || f.pairOther || f.pairedThird || f.thirdPair || f.thirdParty > 0 || f.comparison) return false;
    if (f.thirdStates > f.mediatorOfficials) return false;
    if (f.pairableAnchor && f.terms > f.negative) body = true;
  }
  if (!body) return false;
  if (!onlyPartiesOrHosts(topic, c)) return false;
  const actors = new Set<string>();
  for (const m of c.mediatorCands) if (m.official && !m.demonym) actors.add(m.name);
  const [only] = [...actors];
  if (actors.size !== 1 || !isMediatorCapable(topic, only!)) return false;
  if (!placesOfPartiesOrHosts(topic, c)) return false;
  c.allParties = BOTH;
  fr.framing = BOTH;
  return true;
}

/**
 * Shared by `dyadicBody` and `mediatorBody`: every state named in the article is one of the two
 * parties, or a mediator-capable state named only as a venue city (signals.ts `isMediatorCapable`).
 * Plain data in, nothing mutated.
 * @returns false when another state is named
 */
function onlyPartiesOrHosts(topic: Topic, c: Collected): boolean {
  const [pA, pB] = topic.parties;
  for (const m of c.countryMentions) {
    if (m.name === pA || m.name === pB) continue;
    if (!(m.city && isMediatorCapable(topic, m.name))) return false;
  }
  return true;
}

/**
 * Shared by `dyadicBody` and `mediatorBody`: every place of a known state (`placeStates`) lies in
 * one of the parties or in a mediator-capable state; places of no known state (a road) pass.
 * Plain data in, nothing mutated.
 * @returns false when a place of another state is named
 */
function placesOfPartiesOrHosts(topic: Topic, c: Collected): boolean {
  const [pA, pB] = topic.parties;
  const places = placeStates(topic);
  for (const name of c.places) {
    const state = places.get(name);
    if (state !== undefined && state !== pA && state !== pB && !isMediatorCapable(topic, state)) return false;
  }
  return true;
}
