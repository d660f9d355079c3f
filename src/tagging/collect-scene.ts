/**
 * How one entity match stands in its sentence, for collect's entity steps (collect-entity.ts):
 * its scene (`sceneOf`: a dateline, a locative, a government speaking) and its venue (`venueOf`:
 * a city named with a deal or a meeting, a state crossed by a route, a city hosting another
 * event). Split from collect-entity.ts (round 19); the rules cite their source inline, unchanged.
 */
import { governmentSeat } from './collect-after.js';
import type { LexEntry } from './lexicon.js';
import type { Match } from './match.js';
import { relatedTo } from './partner.js';
import { coordinatedLocative, DATIVES, handedTo, isDateline, isLocative, isOfficial, near } from './position.js';
import { isCapitals } from './route.js';
import type { CollectRun } from './collect-run.js';

/** Round 13: words between a sidelines word and the city of the event it names, either side (verb-final: "... zirvesinin marjında"). */
const SIDELINES_SPAN = 10;

/** How a name stands in its sentence (`sceneOf`), for one entity match. */
export interface NameScene {
  dateline: boolean;
  locative: boolean;
  speechAfter: boolean;
  speaks: boolean;
  attributed: boolean;
}

/** Whether a city is named with a deal or a meeting, on a route, or at another event (`venueOf`). */
export interface NameVenue {
  attached: boolean;
  attachedVenue: boolean;
  onRoute: boolean | undefined;
  summitHost: boolean;
}

/**
 * How the name stands in its sentence: a dateline, a locative (the scene), followed by a speech
 * verb, speaking (the capital is its government), attributed (speaking or possessive).
 */
export function sceneOf(r: CollectRun, e: LexEntry, m: Match, sIdx: number): NameScene {
  const { topic, tok, cues, placeMatches, personAt } = r;
  // Round 13: a city in capitals opening a body sentence is a dateline without its date
  // ("TOKYO — Japan's foreign ministry ...", "BAKU, Azerbaijan": the scene of the report).
  const capsLine = m.end - m.start === 1 && m.start === cues.sentenceStart[sIdx] && sIdx !== 0 && isCapitals(tok.original[m.start]!);
  // Round 15 (tag15b): a third party's city opening the headline before a colon ("Bruxelles :
  // accord de principe", "Moskau: Dreiertreffen", "ბრიუსელი: ..."): the report's scene, as
  // the older sets label it (`Prague:`, `Прага:`, `Mosca:`, `Sochi:`); a party's capital there
  // is its government speaking ("Baku: no signing until ...", "Erywań: ...": no place).
  const titleScene = m.start === 0 && tok.titleMark === m.end - 1 && tok.sentencePara[0] === -1 && e.kind === 'places' && !e.party;
  const dateline = isDateline(tok, m, cues.sentenceStart) || capsLine;
  const locative = titleScene || dateline || isLocative(topic, tok, m) || (e.kind === 'places' && coordinatedLocative(topic, tok, m, placeMatches));
  // "In Baku they insist", "В Баку считают": the capital stands for its government.
  // (as subject, or "in <capital>" opening its sentence, then a speech verb within three words).
  // Round 13: or a stance word ("Londres a salué", "Пекин приветствует", "Madrid apoya").
  // Round 15 (tag15b): not when a person of the lexicon is the speaker between them ("l'incontro
  // di Chisinau, Charles Michel ha annunciato": Michel speaks, Chisinau names the meeting).
  const speechAfter = (near(tok, cues.speech, m.end, m.end + 3, sIdx) || (cues.stance.length > 0 && near(tok, cues.stance, m.end, m.end + 3, sIdx)))
    && !(m.end < tok.folded.length && tok.sentence[m.end] === sIdx && personAt(m.end));
  // In verb-final languages the verb closes the clause ("ერევანში ამას ... უწოდეს", "Երևանում
  // ... համարում են"): a sentence-opening "in <capital>" with a speech verb anywhere after it
  // and no meeting word in the sentence is the government speaking too.
  const opening = m.start - cues.sentenceStart[sIdx]! <= 1;
  // Round 6: an addressee after a speech verb and a dative ("reproche à Paris", "said to
  // Moscow") and an English possessive before a common noun ("at Baku's request") are the government too.
  const addressed = locative && m.start >= 2 && DATIVES.has(tok.folded[m.start - 1]!) && near(tok, cues.speech, m.start - 2, m.start - 1, sIdx);
  // (not before a name: "in Yerevan's Republic Square" is the scene).
  const next = tok.original[m.end + 1];
  const possessive = m.end + 1 < tok.folded.length && tok.afterApostrophe[m.end] === 1 && tok.folded[m.end] === 's' && tok.sentence[m.end + 1] === sIdx && next !== undefined && next === next.toLowerCase();
  // Round 15 (tag15b): a dateline's city is where the report comes from, not a speaker, whatever
  // verb follows it ("موسكو — أعلن الكرملين", "TOKYO — Japan's foreign ministry said").
  const speaks = !dateline && ((speechAfter && (!locative || opening)) || (locative && opening && near(tok, cues.speech, m.end, m.end + 40, sIdx) && !near(tok, cues.meeting, m.start - 2, m.end + 40, sIdx)) || addressed
    || (!!e.standIn && locative && governmentSeat(topic, tok, m, cues.voices, cues.speech, cues.stance, cues.meeting)));
  // Round 19 (tagsig19): the recipient of a handover ("concessions to Baku", "transfert ... à Bakou") is
  // its government too, though it does not act (no state taking part is added for it).
  // Round 20 (tagsig20): so is the other side of a relation ("cooperation with Baku", "support to Baku": partner.ts).
  const attributed = speaks || possessive || (!!e.standIn && (handedTo(topic, tok, m) || relatedTo(topic, tok, m)));
  return { dateline, locative, speechAfter, speaks, attributed };
}

/**
 * A city named with a deal or meeting noun (attached, as the venue), a third state crossed by a
 * route, a city hosting another event (a summit on whose sidelines they met).
 */
export function venueOf(r: CollectRun, e: LexEntry, m: Match, sIdx: number, s: NameScene): NameVenue {
  const { tok, cues, termPos, termStart, crossed, officialNear } = r;
  const { locative, speechAfter } = s;
  // A city or building that names a deal or a meeting ("the White House summit", "Washingtoner
  // Vereinbarungen", "ვაშინგტონის შეთანხმებები", "cumbre de Washington": the noun right
  // after it, or at most one word before it) names the host of that round (round 6).
  // Computed only for third states' cities (the only ones it is used for).
  // A meeting noun right after the city makes it the round's name even after a locative
  // ("pointing to the Washington summit", "at the Washington summit": round 8).
  const nounAfter = near(tok, cues.meeting, m.end, m.end + 1, sIdx);
  const attachable = e.kind === 'places' && (!locative || nounAfter) && !speechAfter && (!!e.mediator || !!e.country) && !e.party;
  const attached = attachable
    && (near(tok, termStart, m.end, m.end + 1, sIdx) || near(tok, cues.meeting, m.end, m.end + 1, sIdx)
      || near(tok, termPos, m.start - 2, m.start, sIdx) || near(tok, cues.meeting, m.start - 2, m.start, sIdx));
  // As a place it is the meeting city (round 7: a meeting city figures as a location), when
  // the noun before it is the word right before it or a meeting word ("cumbre de Washington",
  // "توافق‌های واشنگتن"); a term two words before is mostly a pairing or a counterpart
  // ("exchanges between Moscow and Kyiv", "colloqui con Mosca"), and a mediation word next to
  // it makes it the facilitator ("facilitato da Bruxelles"). A party's capital with a deal
  // noun stands for its government ("Baku and Yerevan agreed"), so it is never attached.
  const attachedVenue = attached && !near(tok, cues.mediation, m.start - 2, m.end + 1, sIdx)
    && (near(tok, termStart, m.end, m.end + 1, sIdx) || near(tok, cues.meeting, m.end, m.end + 1, sIdx)
      || near(tok, termPos, m.start - 1, m.start, sIdx) || near(tok, cues.meeting, m.start - 2, m.start, sIdx));
  // Round 13: a third state crossed by a route, unless its officials act there.
  // (Round 13 measured it for states taking part too: the older sets list the crossed state,
  // heldout-round10 does not; so it only keeps the state from hosting or mediating.)
  const onRoute = e.kind === 'countries' && e.isCountry && !e.party && !e.demonym && crossed(m) && !isOfficial(tok, m) && !officialNear(m) && !near(tok, cues.mediation, m.start - 2, m.end + 2, sIdx);
  // Round 13: a third state's city named with a meeting on the margins of another event
  // ("on the sidelines of the CIS summit in St Petersburg", "BDT'nin Sankt Petersburg'daki
  // zirvesinin marjında") hosts that event, not a round of the two parties.
  const summitHost = cues.sidelines.length > 0 && e.kind === 'places' && !!e.country && !e.party && near(tok, cues.sidelines, m.start - SIDELINES_SPAN, m.end + SIDELINES_SPAN, sIdx);
  return { attached, attachedVenue, onRoute, summitHost };
}
