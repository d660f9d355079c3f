/**
 * Phase 1 of the decision (src/tagging/score.ts): one pass over the lexicon matches of an
 * article that fills the per-sentence facts and the raw signals (`Collected`, facts.ts). Split
 * from src/tagging/facts.ts (round 8 legibility split); the word-position tests it uses are in
 * position.ts, the cue positions in cues.ts; what an entity's match adds is in collect-entity.ts
 * (round 17 split).
 */
import { type CollectRun, entityMatch } from './collect-entity.js';
import { entryKinds, KIND_CAPTIVE, KIND_PLACE, KIND_PLAIN_PLACE, KIND_ROLE, KIND_ROLE_TERM, KIND_TERM, KIND_TRUCE } from './collect-kinds.js';
import { signalCues } from './cues.js';
import { discountOccasions, finishSentences, nonStateNames } from './collect-after.js';
import type { Collected, SentenceFacts } from './facts.js';
import type { LexEntry } from './lexicon.js';
import type { Match } from './match.js';
import { near, nearRole } from './position.js';
import { governmentSource, isPersonAt, routeCrossing, signersThenDeal, thirdListBefore } from './route.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';

function emptyFacts(para: number): SentenceFacts {
  return { para, words: 0, reaction: false, comparison: false, thirdParty: 0, parties: 0, officials: 0, sceneParties: 0, paired: false, pairedThird: false, thirdPair: false, pairOther: false, pairJoins: 0, route: false, mentionsA: 0, mentionsB: 0, otherMentions: 0, other: false, anchor: false, pairableAnchor: false, thirdStates: 0, mediatorOfficials: 0, strongTerm: false, pairTerm: false, capitalTerm: false, capitalPair: false, dyadic: false, unmediated: false, terms: 0, negative: 0, history: false, dated: false, background: false, release: false, captiveNegative: 0, captives: 0 };
}

/**
 * Phase 1: one pass over the matches: per-sentence facts and the raw signals.
 * @param topic the topic (its lexicon entries, parties and scoring parameters)
 * @param tok the article's tokens (tokenize.ts)
 * @param matches the lexicon matches of `tok` (match.ts `findMatches`), in text order
 * @returns one `SentenceFacts` per sentence of `tok` plus the article's raw signals; never throws.
 * The rules cite their source inline (guideline rules, issue 12 rounds).
 */
export function collect(topic: Topic, tok: Tokens, matches: Match[]): Collected {
  const { entries } = topic.lexicon;
  const sc = topic.scoring;
  const [pA, pB] = topic.parties;
  // Round 13: positions of third-party and occasion cues (none in most articles: nothing allocated).
  let occasions: { third: number[]; before: number[]; after: number[] } | null = null;
  const c: Collected = { facts: [], countryMentions: [], countries: new Set(), actors: new Set(), places: new Set(), clubPlaces: new Set(), sportCues: 0, terms: new Set(), mediatorCands: [], mediationCues: [], truceTerms: [], backgroundCues: [], meetingCues: [], speechCues: [], gratitudeCues: [], attemptCues: [], stanceCues: [], allParties: 0, paraParties: [], totalA: 0, totalB: 0, otherTotal: 0 };
  const facts = c.facts;
  for (let s = 0; s < tok.sentencePara.length; s++) facts.push(emptyFacts(tok.sentencePara[s]!));
  // Words of two or more letters: numbers and single letters ("+14 °C", "2025") are not content.
  for (let i = 0; i < tok.sentence.length; i++) {
    const w = tok.folded[i]!;
    if (w.length > 1 && !(w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57)) facts[tok.sentence[i]!]!.words++;
  }
  const nonStates = nonStateNames(topic);
  // One pass over the matches (round 17, tagspeed17b: was five), by the kind bits of their entries.
  const entryBits = entryKinds(entries);
  const matchBits = new Uint8Array(matches.length);
  // Role words ("president", "премьер-министр"): a party named next to one names its official.
  const roles: number[] = [];
  // A term that names officials ("Dışişleri Bakanlığı", "foreign ministers") is a role word for a
  // state right before it ("Türkiye Dışişleri Bakanlığı"), not for states after it (round 5).
  const roleTerms: number[] = [];
  // Positions of talks terms (weight > 0): "signed in Washington" names the venue of a deal.
  const termPos: number[] = [];
  const termStart: number[] = [];
  // Start and end of every plain place (a city, region or site that never stands for a government)
  // for capitals named as one end of a link between cities (round 7).
  const plainPlaces: number[] = [];
  // Round 14: place matches by first and last word, for places joined by "and" (position.ts).
  const placeMatches = { starts: new Map<number, Match>(), ends: new Map<number, Match>() };
  for (let mi = 0; mi < matches.length; mi++) {
    const m = matches[mi]!;
    let bits = 0;
    for (const ei of m.entries) bits |= entryBits[ei]!;
    matchBits[mi] = bits;
    if (bits === 0) continue;
    if (bits & KIND_ROLE) roles.push(m.start);
    if (bits & KIND_ROLE_TERM) roleTerms.push(m.start);
    if (bits & KIND_TERM) (termPos.push(m.end - 1), termStart.push(m.start));
    // Round 10: truce terms (topic term `truce`), for the truce's venue or broker (signals.ts).
    if (bits & KIND_TRUCE) c.truceTerms.push(m.start);
    if (bits & KIND_PLAIN_PLACE) plainPlaces.push(m.start, m.end - 1);
    if (bits & KIND_PLACE) (placeMatches.starts.set(m.start, m), placeMatches.ends.set(m.end - 1, m));
  }
  const officialNear = (m: Match): boolean => nearRole(tok, roles, m, sc.roleWindow)
    || roleTerms.some((r) => r >= m.end && r < m.end + sc.roleWindow && tok.sentence[r] === tok.sentence[m.start]);
  const cues = signalCues(topic, tok, matches, facts);
  c.meetingCues = cues.meeting;
  c.speechCues = cues.speech;
  c.gratitudeCues = cues.gratitude;
  c.attemptCues = cues.attempt;
  c.stanceCues = cues.stance;
  // A word for the next event with a meeting or facility word around it ("the next conference",
  // "il prossimo vertice", "المؤتمر المقبل", "görüşmelerin bir sonraki turu"): round 7.
  // (Most articles have no such word: nothing is allocated for them.)
  const upcomingEvents = cues.upcoming.length === 0 ? [] : cues.upcoming.filter((q) => near(tok, cues.meeting, q - 2, q + 3, tok.sentence[q]!) || near(tok, cues.facility, q - 2, q + 3, tok.sentence[q]!));
  // A state or city named as the scene after it, in its sentence, is that future event's venue.
  const future = (m: Match): boolean => upcomingEvents.length > 0 && upcomingEvents.some((q) => q < m.start && m.start - q <= 8 && tok.sentence[q] === tok.sentence[m.start]);
  // Round 13: first word of every person's name of the lexicon, for a place that is a first name
  // before one ("Vladimir Putin", "Vladimir Poutine": no city of Vladimir); not after a locative
  // ("in Prague Aliyev and Pashinyan met" names the scene).
  const personAt = (pos: number): boolean => isPersonAt(topic, matches, pos);
  // Background cues ("after", "despite", "ahead of") halve the talks terms that follow them.
  let backgroundUntil = -1;
  let backgroundSentence = -1;
  // Round 18 (tag18a): the talks terms of the current sentence (word position, weight added), for
  // a `backgroundAfter` cue that follows them ("հրադադարից ժամեր անց"); cleared at each such cue.
  const recentTerms: number[] = [];
  // Round 13: a third state crossed by a route ("will reach Armenia via Georgia", "через Грузию")
  // hosts and mediates no round; a capital on a route is a place (route.ts).
  const crossed = routeCrossing(topic, tok, matches, cues.transit);
  // Round 19 (tagmed19b): a third state a route avoids ("bypassing Russia", "بدون عبور از ایران").
  const bypassed = cues.bypass.length === 0 ? () => false : routeCrossing(topic, tok, matches, cues.bypass, false);
  const bordered = cues.border.length === 0 ? () => false : thirdListBefore(topic, tok, matches, cues.border);
  const signed = signersThenDeal(topic, tok, matches, termPos); // round 16: venue, signatories, deal
  const sourcedBy = governmentSource(topic, tok); // round 16: "a reply from Baku"
  // Positions of pairings of a party with a third state, and of route terms (round 6).
  const pairs: number[] = [];
  const routes: number[] = [];
  // Round 13: the sentences with a goods term and a route word.
  const transitSentences: number[] = [];
  // Round 13: states named after the goods term in its sentence, as pairs (word position, 1 for a third state, 0 for a party).
  const statePos: number[] = [];
  // Round 13: the state each pairing follows (its last word), by index of `pairs`.
  const partners: number[] = [];
  const r: CollectRun = {
    topic, tok, c, cues, pA, pB, nonStates, termPos, termStart, plainPlaces, placeMatches, pairs, partners, statePos,
    officialNear, future, personAt, crossed, bypassed, bordered, signed, sourcedBy, personNames: null,
    // Last word position of each party's name, per sentence (for `paired`); round 14 (taglang14):
    // the last third state's capital standing in for it ("Tbilisi and Baku"); round 9: end and
    // name of the last state that is neither a party nor a mediator, per sentence (thirdPair).
    lastA: -100, lastB: -100, lastThird: -100, lastThirdCapital: -100, capitalPaired: -100, capitalA: false, capitalB: false, lastSentence: -1,
    lastBystander: -100, lastBystanderName: '', bystanderSentence: -1, joinEnd: -100, joinSentence: -1,
    // Round 13: the last sentence with a goods term.
    goodsSentence: -1,
  };
  for (let mi = 0; mi < matches.length; mi++) {
    const m = matches[mi]!;
    const sIdx = tok.sentence[m.start]!;
    const f = facts[sIdx]!;
    const background = sIdx === backgroundSentence && m.start <= backgroundUntil;
    const captive = (matchBits[mi]! & KIND_CAPTIVE) !== 0;
    for (const ei of m.entries) {
      const e: LexEntry = entries[ei]!;
      switch (e.kind) {
        case 'negative':
          f.negative += sc.negativeWeight;
          if (captive) f.captiveNegative += sc.negativeWeight;
          continue;
        case 'release':
          f.release = true;
          continue;
        case 'captive':
          f.captives++;
          continue;
        case 'reaction':
          f.reaction = true;
          continue;
        case 'sport':
          c.sportCues++;
          continue;
        case 'comparison':
          f.comparison = true;
          continue;
        case 'role':
          continue;
        case 'thirdParty':
          f.thirdParty += sc.thirdPartyWeight;
          if (sc.occasionWindow > 0) (occasions ??= { third: [], before: [], after: [] }).third.push(m.start);
          continue;
        case 'occasion':
          if (sc.occasionWindow > 0) (occasions ??= { third: [], before: [], after: [] }).before.push(m.end - 1);
          continue;
        case 'occasionAfter':
          if (sc.occasionWindow > 0) (occasions ??= { third: [], before: [], after: [] }).after.push(m.start);
          continue;
        case 'mediation':
          c.mediationCues.push(m.start);
          continue;
        case 'history':
          f.history = true;
          continue;
        case 'dated':
          // A month alone ("in August", "seit November"), not a day's date ("on 11 August",
          // "8 августа"): the reported event is often dated to its day (round 9).
          if (!/^\d/.test(tok.folded[m.start - 1] ?? '') && !/^\d/.test(tok.folded[m.end] ?? '')) f.dated = true;
          continue;
        case 'background':
          f.background = true;
          c.backgroundCues.push(m.start);
          backgroundSentence = sIdx;
          backgroundUntil = m.end + sc.backgroundWindow;
          continue;
        case 'backgroundAfter': {
          // Halves the one term the postposition governs: the last one of this sentence, at most
          // `backgroundWindow` words before it ("հրադադարից ժամեր անց"), not the whole clause
          // ("agreed on a truce, after the talks" keeps its truce).
          const k = recentTerms.length - 2;
          if (k >= 0 && tok.sentence[recentTerms[k]!] === sIdx && m.start - recentTerms[k]! <= sc.backgroundWindow) {
            f.terms -= recentTerms[k + 1]! / 2;
            f.background = true;
          }
          recentTerms.length = 0;
          continue;
        }
        case 'term':
          f.terms += (e.weight ?? 0) * (background ? 0.5 : 1);
          recentTerms.push(m.start, (e.weight ?? 0) * (background ? 0.5 : 1));
          if ((e.weight ?? 0) * (background ? 0.5 : 1) >= sc.sentenceTermWeight) f.strongTerm = true;
          if (e.anchor) e.pairable ? (f.pairableAnchor = true) : (f.anchor = true);
          if (e.pairTerm) f.pairTerm = true;
          if (e.capitalPairTerm) f.capitalTerm = true;
          if (e.dyadic) f.dyadic = true;
          if (e.unmediated) f.unmediated = true;
          if (e.handover) f.captives++;
          if (e.route) (f.route = true), routes.push(m.start);
          if (e.goods && r.goodsSentence !== sIdx) (r.goodsSentence = sIdx), transitSentences.push(sIdx);
          // Round 12: a deal named after its venue names its host, as the city next to a deal
          // noun would ("Washingtoner Vereinbarungen": an attached venue); the document's name is
          // not the scene, so no place is listed (the `expect` convention).
          if (e.scene) c.places.add(e.venue!);
          if (e.venueCountry !== undefined) c.mediatorCands.push({ name: e.venueCountry, pos: m.start, always: false, venue: false, official: false, afterDeal: false, attached: true, demonym: false });
          if ((e.weight ?? 0) > 0) c.terms.add(e.name);
          continue;
        default:
      }
      entityMatch(r, e, m, f, sIdx);
    }
  }
  if (occasions) discountOccasions(tok, facts, occasions, sc.occasionWindow, sc.thirdPartyWeight);
  finishSentences(topic, tok, c, { pairs, partners, routes, transitSentences, statePos });
  const personNames = r.personNames;
  if (personNames) c.countryMentions = c.countryMentions.filter((m) => !personNames.has(m.name));
  return c;
}
