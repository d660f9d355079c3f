/**
 * The first phases of the decision (src/tagging/score.ts): the shapes they share
 * (`SentenceFacts`, `Collected`, `Frame`), and the two phases that work on the collected facts
 * alone: prisoner releases (`applyReleases`) and the article's frame (`frameOf`: title, lead,
 * framing). Phase 1, the pass over the lexicon matches that fills them (`collect`), is in
 * collect.ts. Plain data in and out.
 */
import type { Topic } from './topic.js';

/** Per-sentence facts. */
export interface SentenceFacts {
  para: number;
  /** Words in the sentence (short lines are boilerplate unless about the process). */
  words: number;
  /** A reaction cue (protest, rally, vote) is in the sentence. */
  reaction: boolean;
  /** A comparison cue ("unlike", "на відміну від") is in the sentence. */
  comparison: boolean;
  /** Weight of third-party process cues (visa, accession) in the sentence. */
  thirdParty: number;
  /** Parties named: bit 1 = first party, bit 2 = second party. */
  parties: number;
  /** Parties whose officials (actors) are named, same bits. */
  officials: number;
  /** Parties whose capital is named as a scene ("in Baku", "در ایروان"), same bits. */
  sceneParties: number;
  other: boolean;
  /** The two parties named as a pair, at most two words apart ("Armenia and Azerbaijan", "Ադրբեջանի և Հայաստանի միջև"). */
  paired: boolean;
  /**
   * A party named as a pair with a third state ("L'Italia e l'Azerbaigian hanno firmato"): a
   * bilateral process with that state. Not in a sentence with a route term (`route`): "through
   * Azerbaijan and Georgia" names the way goods travel (round 6).
   */
  pairedThird: boolean;
  /** Round 9: two states that are neither parties nor mediators named as a pair, at most three words apart ("Congo and Rwanda"). */
  thirdPair: boolean;
  /** Round 9: `thirdPair` in a sentence naming no party: another dyad's sentence for relevance only (not for signals). */
  pairOther: boolean;
  /**
   * Round 19 (tagsig19): third states joined two by two by a conjunction in this sentence ("between
   * Thailand and Cambodia, Israel and Iran, Serbia and Kosovo", "między Tajlandią a Kambodżą,
   * Izraelem a Iranem"): how many such pairs. Two or more make a list of other conflicts, named as
   * comparison (signals.ts `participants`).
   */
  pairJoins: number;
  /** A route term ("via", "through the territory of", "გავლით") is in the sentence (round 6). */
  route: boolean;
  /** Mentions of each party, and of parties of other dyads. */
  mentionsA: number;
  mentionsB: number;
  otherMentions: number;
  anchor: boolean;
  /** Round 10: a `pairable` anchor (border commission) is in the sentence: an anchor unless `pairedThird`. */
  pairableAnchor: boolean;
  /** Round 10: mentions of states (or their officials) that are neither parties nor another dyad's, demonyms left out. */
  thirdStates: number;
  /**
   * Round 18 (tag18a): of `thirdStates`, the officials of a mediator-capable state or body
   * (signals.ts `isMediatorCapable`: Michel for the EU, Putin for Russia) — the announcer of the
   * pair's step ("Michel said Baku and Yerevan confirmed ..."), not a side of it.
   */
  mediatorOfficials: number;
  /** Round 10: one talks term alone reaches `scoring.sentenceTermWeight` (delimitation, talks, initialling), not a sum of weak ones. */
  strongTerm: boolean;
  /** Round 17 (tag17a): a `pairedTerms` term (peace) is in the sentence: with both parties named as a pair it is their process. */
  pairTerm: boolean;
  /** Round 18 (tagrel18c): a `capitalPairTerms` term (meeting) is in the sentence. */
  capitalTerm: boolean;
  /** Round 18 (tagrel18c): both parties are named as a pair by their capitals ("entre Bakú y Ereván"). */
  capitalPair: boolean;
  dyadic: boolean;
  /** Round 15 (tagsig15c): a `unmediated` term ("without mediators"): a bilateral meeting, nobody named in the sentence mediated it. */
  unmediated: boolean;
  terms: number;
  negative: number;
  /** A history cue ("historically") is in the sentence. */
  history: boolean;
  /** Round 9: a month name (cue `dated`: "in August", "в августе", "en août"): an event placed in the calendar, like a year. */
  dated: boolean;
  /** A background cue ("after", "despite") is in the sentence. */
  background: boolean;
  /** A release cue ("released", "returned", "freed") is in the sentence. */
  release: boolean;
  /** Negative weight contributed by captive words (servicemen, soldiers). */
  captiveNegative: number;
  /** Captive words in the sentence; round 10: and `handover` terms (mine maps handed over). */
  captives: number;
}

/** Both parties (bit 1 | bit 2). */
export const BOTH = 3;

/** What the first pass over the matches collects, besides the per-sentence facts. */
export interface Collected {
  facts: SentenceFacts[];
  /** Names and demonyms of states, by sentence: listed only when the state takes part. */
  countryMentions: { name: string; sentence: number; pos: number; locative: boolean; official: boolean; demonym: boolean; mediating?: boolean; city?: boolean; byMediation?: boolean; bypassed?: boolean }[];
  countries: Set<string>;
  actors: Set<string>;
  places: Set<string>;
  /** Places that also name a sports club (topic `club`), and the sport cues of the article. */
  clubPlaces: Set<string>;
  sportCues: number;
  terms: Set<string>;
  /**
   * Mediator-capable entities named; `venue`: a city named as the scene; `afterDeal`: a talks
   * term or meeting word within three words before it ("signed in Washington"); `demonym`: named
   * by an adjective of nationality that names no official ("Kazakh wheat", not "the President of
   * the Russian Federation"); `attached`: a city or building named with a deal or meeting noun
   * right next to it, without a locative ("the White House summit", "Washingtoner
   * Vereinbarungen", "cumbre de Washington", "вашингтонських домовленостей": round 6).
   */
  /** Round 15: `dateline` marks a city of a dateline (position.ts `isDateline`), the scene of the sentence after its own line. */
  mediatorCands: { name: string; pos: number; always: boolean; venue: boolean; official: boolean; afterDeal: boolean; attached: boolean; demonym: boolean; dateline?: boolean }[];
  mediationCues: number[];
  /** Word positions of truce terms (topic term `truce`: ceasefire, перемирие, atəşkəs; round 10). */
  truceTerms: number[];
  /** Word positions of background cues ("after", "dopo", "پس از"). */
  backgroundCues: number[];
  /** Word positions of meeting words (summit, встреча, rencontre: topic `cues.meeting`). */
  meetingCues: number[];
  /** Word positions of speech cues (said, welcomed, ողջունել): round 8. */
  speechCues: number[];
  /** Word positions of words of thanks (topic `cues.gratitude`): round 10. */
  gratitudeCues: number[];
  /** Round 19 (tagmed19b): word positions of words of an attempt or failure to settle (topic `cues.attempt`). */
  attemptCues: number[];
  /** Round 13: word positions of stance words (topic `cues.stance`) and speech words, for titles. */
  stanceCues: number[];
  /** Parties named anywhere (bits). */
  allParties: number;
  /** Parties named per paragraph (index para + 1: the title is paragraph -1). */
  paraParties: number[];
  totalA: number;
  totalB: number;
  otherTotal: number;
}

/**
 * What the decision knows of the article's text besides its words, measured by the caller
 * (src/tagging/index.ts): one object, so a new measure is a field, not another positional
 * argument of `decide` (round 12, review13).
 */
export interface ArticleFacts {
  /** False for a text without its headline (the first content sentence stands in). */
  hasTitle: boolean;
  /** Body paragraphs opening with a rubric label (section.ts `rubricLabels`); 0 when unknown: no digest section is then found. */
  rubricLabels: number;
  /**
   * Lines of the body that are turns of a dialogue (dialogue.ts `dialogueTurns`, round 12
   * tagrel12); 0 or absent when unknown: the body is then not read as an interview.
   */
  dialogueTurns?: number;
  /**
   * Round 15 (tag15a): the party implied by the text's language (`Topic.homeLanguages`: 1 or 2),
   * 0 or absent when none.
   */
  impliedParty?: number;
  /**
   * Round 16 (tag16a): lines of the body opening with a clock time, the entries of a live page
   * (dialogue.ts `liveEntries`); 0 or absent when unknown.
   */
  liveEntries?: number;
  /**
   * Round 16 (tag16c): the article's publication year (tag.ts `publicationYear`), 0 or absent
   * when unknown. Before `scoring.historyBefore` the article is not relevant (guideline rule 1).
   */
  publishedYear?: number;
  /**
   * Round 19 (tagrel19): for a text without its headline, a bit mask of the body's first lines
   * that end without a sentence-final stop (dialogue.ts `openLines`), 0 or absent when unknown.
   */
  openLines?: number;
  /**
   * Round 19 (tagrel19b): for a text without its headline, how many leading body paragraphs are
   * the page's header (a list of other stories' headlines: dialogue.ts `headerLines`), 0 or absent for none.
   */
  headerLines?: number;
}

/** The article's frame: where the title, the body and the lead are, and the parties they name. */
export interface Frame {
  /** Index of the title sentence, -1 without a title. */
  titleIdx: number;
  firstBody: number;
  /** First sentence of the lead (the first content sentence of the body). */
  leadStart: number;
  /** End (exclusive) of the lead: the first paragraph, or the first two sentences. */
  leadEnd: number;
  leadParties: number;
  /** Parties named in the title and lead, 0 when another dyad dominates there. */
  framing: number;
}

/**
 * Phase 2: captives released or returned ("Azerbaijan returned 32 Armenian servicemen"): the
 * sentence reports a prisoner release (guideline rule 3), so its captive words weigh as that
 * talks term and stop counting as war cues. Mutates `c.facts` and `c.terms`; never throws.
 */
export function applyReleases(topic: Topic, c: Collected): void {
  for (const f of c.facts) {
    if (!f.release || f.captives === 0) continue;
    f.negative = Math.max(0, f.negative - f.captiveNegative);
    f.terms += topic.scoring.releaseWeight;
    c.terms.add('prisoner release');
  }
}

/**
 * Phase 3: the title, the lead and the parties they name (the article's framing).
 * @param facts per-sentence facts from `collect` (title first when there is one: para -1)
 * @param hasTitle the article has a title
 * @param minWords a sentence with fewer content words is skipped as boilerplate before the lead
 * @param openLines a text without its headline: bit i set when body line i ends without a stop (dialogue.ts `openLines`)
 * @param headerLines a text without its headline: leading body paragraphs that are the page's header (dialogue.ts `headerLines`)
 * @returns sentence indexes of title, body and lead, and the parties (bits) they name; never throws
 */
export function frameOf(facts: SentenceFacts[], hasTitle: boolean, minWords: number, openLines = 0, headerLines = 0): Frame {
  const nSent = facts.length;
  const titleIdx = hasTitle && nSent > 0 && facts[0]!.para === -1 ? 0 : -1;
  const firstBody = titleIdx === 0 ? 1 : 0;
  // Lead: the first paragraph with a content sentence (boilerplate lines such as "Share" or a
  // date before it are skipped), or its first two sentences when it is the last paragraph.
  // Round 19 (tagrel19b): a page header's link list (`headerLines` paragraphs) is skipped too.
  const header = titleIdx < 0 ? headerLines : 0;
  let leadStart = firstBody;
  while (leadStart < nSent && (facts[leadStart]!.words < minWords || facts[leadStart]!.para < header)) leadStart++;
  if (leadStart === nSent) leadStart = firstBody;
  const leadPara = leadStart < nSent ? facts[leadStart]!.para : 0;
  const lastPara = nSent > firstBody ? facts[nSent - 1]!.para : 0;
  let leadEnd = Math.min(nSent, leadStart + 2);
  if (lastPara > leadPara) for (leadEnd = leadStart; leadEnd < nSent && facts[leadEnd]!.para === leadPara; leadEnd++);
  // Round 19 (tagrel19): a text cut from its page without the headline often starts with the
  // headline's own line: one sentence without a final stop (`openLines`) naming neither party
  // ("Kremlin talks produce a transport working group" over "Putin hosted the Azerbaijani president
  // and the Armenian prime minister"): that line stands for the headline, so the paragraph after it
  // is the lead. A first line ending with a stop is a sentence of the body ("Leaders of the CIS
  // gather in Dushanbe."): the lead stays that line.
  const leadLine = leadStart < nSent ? facts[leadStart]!.para : -1;
  if (titleIdx < 0 && leadEnd === leadStart + 1 && leadEnd < nSent && facts[leadStart]!.parties === 0 && leadLine >= 0 && ((leadLine < 31 && ((openLines >> leadLine) & 1) === 1) || (header > 0 && leadLine === header))) {
    const next = facts[leadEnd]!.para;
    while (leadEnd < nSent && facts[leadEnd]!.para === next) leadEnd++;
  }
  // Parties named in a sentence about a process with a third party ("the Council authorised visa
  // talks with Armenia and Azerbaijan") do not frame the article as this dyad's (guideline rule 6).
  const framed = (f: SentenceFacts): number => (f.thirdParty > 0 ? 0 : f.parties);
  let leadParties = 0;
  for (let s = leadStart; s < leadEnd; s++) leadParties |= framed(facts[s]!);
  const titleParties = titleIdx === 0 ? framed(facts[0]!) : 0;
  // Another dyad's party voids the framing only when it is named at least as often as the
  // less-named party of this dyad there (the sentence rule of `markProcess`, applied to title + lead).
  let frameA = 0;
  let frameB = 0;
  let frameOther = 0;
  for (let s = 0; s < leadEnd; s++) (frameA += facts[s]!.mentionsA, frameB += facts[s]!.mentionsB, frameOther += facts[s]!.otherMentions);
  const framingOther = frameOther > 0 && frameOther > Math.min(frameA, frameB);
  return { titleIdx, firstBody, leadStart, leadEnd, leadParties, framing: framingOther ? 0 : titleParties | leadParties };
}
