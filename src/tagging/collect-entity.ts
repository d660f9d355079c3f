/**
 * The entity part of collect's per-match body (collect.ts): what one match of a state, an actor, a
 * place or a mediator adds to its sentence's facts and to the article's signals. Split from
 * collect.ts (round 17, tagspeed17b: the one loop body took TurboFan 7.5-17 s to optimise, so a new
 * worker ran it unoptimised that long) along its seams: pairings in the sentence, the scene of the
 * name, where it is named with a deal, a mediator candidate, a state's mention, a place. Round 19
 * split the file along the same seams: the run (collect-run.ts), the scene and venue of a name
 * (collect-scene.ts), what a name adds (collect-mention.ts); here the step order and the pairings.
 * The rules cite their source inline (guideline rules, issue 12 rounds); unchanged by the split.
 */
import type { SentenceFacts } from './facts.js';
import type { LexEntry } from './lexicon.js';
import type { Match } from './match.js';
import { joinedPair, isLocative, isOfficial } from './position.js';
import { inPersonName } from './states.js';
import { isMediatorCapable } from './signals.js';
import type { CollectRun } from './collect-run.js';
import { mediatorCandidate, placeMention, stateMention } from './collect-mention.js';
import { sceneOf, venueOf } from './collect-scene.js';

export type { CollectRun } from './collect-run.js';

/**
 * What one match of an entity entry (a state, actor, place, mediator, or any kind collect's cue
 * switch does not take) adds to `f` (its sentence's facts) and to `r.c` (the article's signals).
 * `sIdx` is the sentence of `m.start`. Never throws.
 */
export function entityMatch(r: CollectRun, e: LexEntry, m: Match, f: SentenceFacts, sIdx: number): void {
  const { tok, c, cues } = r;
  // A world state's name inside a person's name ("Michael Jordan", "Chad Smith") is no state;
  // headlines are left out (title case capitalises every word).
  // One sense per article: once a person, every mention of that name is the person ("Chad
  // Smith ... Chad said").
  if (e.gazetteer && tok.sentencePara[sIdx] !== -1 && inPersonName(tok, m.start, m.end)) {
    (r.personNames ??= new Set()).add(e.name);
    return;
  }
  pairEntity(r, e, m, f, sIdx);
  // A short boilerplate line ("Weather in Yerevan, 34°C", "Read also: ...") names nothing in the story.
  if (cues.boilerplate.has(sIdx) && e.kind !== 'actors') return;
  const s = sceneOf(r, e, m, sIdx);
  const { locative, attributed } = s;
  // A building's city is a place where the building is the scene ("at the White House"), not
  // where it stands for a government ("the White House said", "В Кремле заявили").
  if (e.implies && (!e.standIn || !e.building || (locative && !attributed))) for (const pl of e.implies) c.places.add(pl);
  const v = venueOf(r, e, m, sIdx, s);
  // Round 19 (tagmed19b): a third state a route avoids ("without passing through Iran or Russia",
  // "в обход России") hosts nothing, and takes no part in a story about the process (signals.ts
  // `participants`), unless its officials are named there.
  const bypassed = e.kind === 'countries' && !!e.isCountry && !e.party && r.bypassed(m) && !isOfficial(tok, m) && !r.officialNear(m);
  if ((e.mediator || e.country) && !v.onRoute && !v.summitHost && !bypassed) mediatorCandidate(r, e, m, sIdx, s, v);
  if (e.kind === 'countries' && e.isCountry) stateMention(r, e, m, sIdx, s, bypassed);
  else if (e.kind === 'actors') {
    c.actors.add(e.name);
    if (e.country && !r.nonStates.has(e.country)) c.countries.add(e.country);
  // Round 15 (tag15b): a first name stands one space before the surname; a comma between them
  // ("l'incontro di Mosca, Overchuk ha detto") ends the place's phrase.
  } else if (e.kind === 'places' && !e.building && !(!locative && tok.sentence[m.end] === sIdx && r.personAt(m.end) && tok.pos[m.end]! - tok.pos[m.end - 1]! === tok.original[m.end - 1]!.length + 1)) {
    placeMention(r, e, m, f, sIdx, s, v);
  }
}

/**
 * Pairings in the sentence: a party named (its mentions, its officials, next to the other party
 * or a third state), a third state's capital or a third state next to a party, two bystander
 * states as a pair, another dyad's party, an anchor. Updates `f`, `r.c` and the run's last-named
 * positions.
 */
function pairEntity(r: CollectRun, e: LexEntry, m: Match, f: SentenceFacts, sIdx: number): void {
  const { topic, tok, c, pA, pB, pairs, partners, statePos, officialNear } = r;
  if (e.party) {
    const bit = e.party === pA ? 1 : e.party === pB ? 2 : 0;
    if (sIdx !== r.lastSentence) (r.lastA = -100, r.lastB = -100, r.lastThird = -100, r.lastThirdCapital = -100, r.capitalPaired = -100, r.lastSentence = sIdx);
    if (m.start - r.lastThird <= 3) (f.pairedThird = true), pairs.push(m.start), partners.push(r.lastThird);
    else if (m.start - r.lastThirdCapital <= 3) (f.pairedThird || (r.capitalPaired = m.end - 1)), (f.pairedThird = true);
    const partner = bit === 1 ? r.lastB : bit === 2 ? r.lastA : -100;
    const capital = e.kind === 'places';
    if (bit === 1) (f.mentionsA++, c.totalA++, (r.lastA = m.end - 1), (r.capitalA = capital));
    else if (bit === 2) (f.mentionsB++, c.totalB++, (r.lastB = m.end - 1), (r.capitalB = capital));
    if (bit !== 0 && m.start - partner <= 2) {
      f.paired = true;
      if (capital && (bit === 1 ? r.capitalB : r.capitalA)) f.capitalPair = true;
      // Round 18 (tagrel18c): a third capital before a party that the other party then joins
      // ("reunión de Bruselas entre Bakú y Ereván", "Брюссель: Баку та Єреван визнають") is the
      // venue or dateline of the pair, not a partner of the first party: the pair is complete.
      if (partner === r.capitalPaired && r.lastThird < partner && r.lastThirdCapital < partner) (f.pairedThird = false), (r.capitalPaired = -100);
    }
    f.parties |= bit;
    if (sIdx === r.goodsSentence) statePos.push(m.start, 0);
    if (e.kind === 'actors' || (e.kind === 'countries' && officialNear(m))) f.officials |= bit;
    c.allParties |= bit;
    c.paraParties[f.para + 1] = (c.paraParties[f.para + 1] ?? 0) | bit;
  }
  // Round 14 (taglang14): a third state's capital named next to a party or its capital ("Tbilisi and
  // Baku signed the regulation of their border commission", "Moscow and Baku") pairs them as a third
  // state's name does, so a `pairable` anchor is that pair's (relevance only: no signal pairing); not
  // a venue ("Mirzoyan in Tbilisi").
  if (e.kind === 'places' && e.standIn && e.country !== undefined && !e.party && !isLocative(topic, tok, m)) {
    if (sIdx !== r.lastSentence) (r.lastA = -100, r.lastB = -100, r.lastThird = -100, r.lastThirdCapital = -100, r.capitalPaired = -100, r.lastSentence = sIdx);
    if (m.start - Math.max(r.lastA, r.lastB) <= 3) f.pairedThird = true;
    r.lastThirdCapital = m.end - 1;
  }
  // Round 19 (tagsig19): third states (another dyad's too) joined two by two by a conjunction, each
  // state in one pair only ("between Thailand and Cambodia, Serbia and Kosovo").
  if (e.kind === 'countries' && e.isCountry && !e.party && !e.demonym) {
    if (sIdx !== r.joinSentence) (r.joinEnd = -100), (r.joinSentence = sIdx);
    if (joinedPair(topic, tok, r.joinEnd, m.start)) (f.pairJoins++, (r.joinEnd = -100));
    else r.joinEnd = m.end - 1;
  }
  // A third state (not a party, not another dyad's) named next to a party: "Italy and Azerbaijan".
  if (e.kind === 'countries' && e.isCountry && !e.party && !e.other && !e.demonym) {
    if (sIdx !== r.lastSentence) (r.lastA = -100, r.lastB = -100, r.lastThird = -100, r.lastThirdCapital = -100, r.capitalPaired = -100, r.lastSentence = sIdx);
    if (m.start - Math.max(r.lastA, r.lastB) <= 3) (f.pairedThird = true), pairs.push(m.start), partners.push(Math.max(r.lastA, r.lastB));
    r.lastThird = m.end - 1;
    f.thirdStates++;
    if (sIdx === r.goodsSentence) statePos.push(m.start, 1);
    // Two such states named as a pair ("Congo and Rwanda", "Thailand and Cambodia"): a dyad of their own.
    if (!e.mediator) {
      if (sIdx !== r.bystanderSentence) (r.lastBystander = -100, (r.bystanderSentence = sIdx));
      if (m.start - r.lastBystander <= 3 && e.name !== r.lastBystanderName) f.thirdPair = true;
      r.lastBystander = m.end - 1;
      r.lastBystanderName = e.name;
    }
  }
  // An official of a third state ("Vance", "Putin") names that state in the sentence.
  else if (e.kind === 'actors' && e.country !== undefined && !e.party && !e.other) {
    f.thirdStates++;
    // Round 18 (tag18a): a mediator's official announces the pair's step, he is not a side of it.
    if (isMediatorCapable(topic, e.country)) f.mediatorOfficials++;
  }
  if (e.other) {
    f.other = true;
    f.otherMentions++;
    c.otherTotal++;
  }
  if (e.anchor) f.anchor = true;
}
