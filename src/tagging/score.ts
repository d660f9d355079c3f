/**
 * The decision: from the matches of one article to signals, features and a relevance score.
 *
 * Rules (docs/tagging.md "Decision"):
 * - a sentence is about the process when its talks-term weight reaches
 *   `scoring.sentenceTermWeight`, exceeds its negative-cue weight, and it is about the dyad:
 *   both parties named in it (at least as often as another dyad's parties); or "the two
 *   sides" with no party of another dyad and both parties in the framing; or one party (or a topic anchor such as the Minsk
 *   Group) with no party of another dyad and the other party in the same paragraph or the
 *   article's framing (title + lead); or no party at all, continuing a process sentence or in
 *   a paragraph (or framing) naming both parties;
 * - score = title·[title is about the process] + lead·(share of lead sentences about it)
 *   + body·min(1, share of body sentences about it / bodyShareFull)
 *   − negativePenalty·(share of negative sentences) − otherDyadPenalty·[other dyad dominates],
 *   in 0..1, × `scoring.missingPartyFactor` when a party is missing;
 * - `relevant` = both parties present anywhere and score ≥ threshold (guideline rules 6–7:
 *   the headline or about a third of the body).
 */
import type { TopicSignals } from '../types.js';
import type { LexEntry, Match, Tokens } from './lexicon.js';
import { isRoleWord } from './names.js';
import type { Topic } from './topic.js';

/** Per-sentence facts. */
interface SentenceFacts {
  para: number;
  /** Words in the sentence (short lines are boilerplate unless about the process). */
  words: number;
  /** A reaction cue (protest, rally, vote) is in the sentence. */
  reaction: boolean;
  /** Weight of third-party process cues (visa, accession) in the sentence. */
  thirdParty: number;
  /** Parties named: bit 1 = first party, bit 2 = second party. */
  parties: number;
  /** Parties whose officials (actors) are named, same bits. */
  officials: number;
  other: boolean;
  /** Mentions of each party, and of parties of other dyads. */
  mentionsA: number;
  mentionsB: number;
  otherMentions: number;
  anchor: boolean;
  dyadic: boolean;
  terms: number;
  negative: number;
  /** A history cue ("historically") is in the sentence. */
  history: boolean;
  /** A background cue ("after", "despite") is in the sentence. */
  background: boolean;
  /** A release cue ("released", "returned", "freed") is in the sentence. */
  release: boolean;
  /** Negative weight contributed by captive words (servicemen, soldiers). */
  captiveNegative: number;
  /** Captive words in the sentence. */
  captives: number;
}

/** Features behind a decision (for explanations and the evaluation script). */
export interface Features {
  bothParties: boolean;
  titleProcess: boolean;
  leadShare: number;
  bodyShare: number;
  /** Share of body sentences whose negative cues (war, court, sport, ...) outweigh talks terms. */
  negativeShare: number;
  /** Parties of another dyad are named more than twice as often as the less-named party. */
  otherDominant: boolean;
  /** Body sentences counted: about the process, or at least `scoring.minSentenceWords` long. */
  bodySentences: number;
}

/** The result of scoring one article. */
export interface Decision {
  relevant: boolean;
  score: number;
  signals: TopicSignals;
  features: Features;
}

const BOTH = 3;

/** A stand-in capital is a place after a locative word ("in Baku") or with a locative ending (Bakıda). */
function isLocative(topic: Topic, tok: Tokens, m: Match): boolean {
  let before = m.start - 1;
  // "in the White House", "à la Maison Blanche": look past one article.
  if (before > 0 && topic.articles.has(tok.folded[before]!) && tok.sentence[before] === tok.sentence[m.start]) before--;
  if (before >= 0 && tok.sentence[before] === tok.sentence[m.start]) {
    if (topic.locatives.has(tok.folded[before]!) || topic.locativesExact.has(tok.original[before]!)) return true;
  }
  const w = tok.folded[m.end - 1]!;
  for (const suf of topic.locativeSuffixes) if (w.length > suf.length + 2 && w.endsWith(suf)) return true;
  // Turkish "Washington'da": the ending is split off at the apostrophe.
  return m.end < tok.folded.length && tok.afterApostrophe[m.end] === 1 && topic.locativeClitics.has(tok.folded[m.end]!);
}

/** True when a role word starts within `window` words of the match, in its sentence. */
function nearRole(tok: Tokens, roles: number[], m: Match, window: number): boolean {
  const s = tok.sentence[m.start];
  for (const r of roles) {
    if (r >= m.start - window && r < m.end + window && tok.sentence[r] === s) return true;
  }
  return false;
}

/** True when a role word follows a state's name within three words ("Finnish Foreign Minister"). */
function isOfficial(tok: Tokens, m: Match): boolean {
  const s = tok.sentence[m.start];
  for (let i = m.end; i < m.end + 3 && i < tok.original.length && tok.sentence[i] === s; i++) if (isRoleWord(tok.original[i]!)) return true;
  return false;
}

const YEAR = /^(1[89]|20)\d\d$/;

/** True when a sentence names a year (a background sentence in news style). */
function hasYear(tok: Tokens, sentence: number): boolean {
  for (let i = 0; i < tok.sentence.length; i++) {
    if (tok.sentence[i] === sentence && tok.folded[i]!.length === 4 && YEAR.test(tok.folded[i]!)) return true;
  }
  return false;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}


/** What the first pass over the matches collects, besides the per-sentence facts. */
interface Collected {
  facts: SentenceFacts[];
  /** Names and demonyms of states, by sentence: listed only when the state takes part. */
  countryMentions: { name: string; sentence: number; locative: boolean; official: boolean; demonym: boolean }[];
  countries: Set<string>;
  actors: Set<string>;
  places: Set<string>;
  terms: Set<string>;
  mediatorCands: { name: string; pos: number; always: boolean; venue: boolean; official: boolean }[];
  mediationCues: number[];
  /** Parties named anywhere (bits). */
  allParties: number;
  /** Parties named per paragraph (index para + 1: the title is paragraph -1). */
  paraParties: number[];
  totalA: number;
  totalB: number;
  otherTotal: number;
}

/** The article's frame: where the title, the body and the lead are, and the parties they name. */
interface Frame {
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

function emptyFacts(para: number): SentenceFacts {
  return { para, words: 0, reaction: false, thirdParty: 0, parties: 0, officials: 0, mentionsA: 0, mentionsB: 0, otherMentions: 0, other: false, anchor: false, dyadic: false, terms: 0, negative: 0, history: false, background: false, release: false, captiveNegative: 0, captives: 0 };
}

/** Phase 1: one pass over the matches: per-sentence facts and the raw signals. */
function collect(topic: Topic, tok: Tokens, matches: Match[]): Collected {
  const { entries } = topic.lexicon;
  const sc = topic.scoring;
  const [pA, pB] = topic.parties;
  const c: Collected = { facts: [], countryMentions: [], countries: new Set(), actors: new Set(), places: new Set(), terms: new Set(), mediatorCands: [], mediationCues: [], allParties: 0, paraParties: [], totalA: 0, totalB: 0, otherTotal: 0 };
  const facts = c.facts;
  for (let s = 0; s < tok.sentencePara.length; s++) facts.push(emptyFacts(tok.sentencePara[s]!));
  // Words of two or more letters: numbers and single letters ("+14 °C", "2025") are not content.
  for (let i = 0; i < tok.sentence.length; i++) {
    const w = tok.folded[i]!;
    if (w.length > 1 && !(w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57)) facts[tok.sentence[i]!]!.words++;
  }
  const nonStates = nonStateNames(topic);
  // Role words ("president", "премьер-министр"): a party named next to one names its official.
  const roles: number[] = [];
  for (const m of matches) if (m.entries.some((ei) => entries[ei]!.kind === 'role')) roles.push(m.start);
  // Background cues ("after", "despite", "ahead of") halve the talks terms that follow them.
  let backgroundUntil = -1;
  let backgroundSentence = -1;
  for (const m of matches) {
    const sIdx = tok.sentence[m.start]!;
    const f = facts[sIdx]!;
    const background = sIdx === backgroundSentence && m.start <= backgroundUntil;
    const captive = m.entries.some((ei) => entries[ei]!.kind === 'captive');
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
        case 'role':
          continue;
        case 'thirdParty':
          f.thirdParty += sc.thirdPartyWeight;
          continue;
        case 'mediation':
          c.mediationCues.push(m.start);
          continue;
        case 'history':
          f.history = true;
          continue;
        case 'background':
          f.background = true;
          backgroundSentence = sIdx;
          backgroundUntil = m.end + sc.backgroundWindow;
          continue;
        case 'term':
          f.terms += (e.weight ?? 0) * (background ? 0.5 : 1);
          if (e.anchor) f.anchor = true;
          if (e.dyadic) f.dyadic = true;
          if ((e.weight ?? 0) > 0) c.terms.add(e.name);
          continue;
        default:
      }
      if (e.party) {
        const bit = e.party === pA ? 1 : e.party === pB ? 2 : 0;
        if (bit === 1) (f.mentionsA++, c.totalA++);
        else if (bit === 2) (f.mentionsB++, c.totalB++);
        f.parties |= bit;
        if (e.kind === 'actors' || (e.kind === 'countries' && nearRole(tok, roles, m, sc.roleWindow))) f.officials |= bit;
        c.allParties |= bit;
        c.paraParties[f.para + 1] = (c.paraParties[f.para + 1] ?? 0) | bit;
      }
      // A building's city is a place where the building is the scene ("at the White House"), not
      // where it stands for a government ("the White House said").
      if (e.implies && (!e.standIn || !e.building || isLocative(topic, tok, m))) for (const pl of e.implies) c.places.add(pl);
      if (e.other) {
        f.other = true;
        f.otherMentions++;
        c.otherTotal++;
      }
      if (e.anchor) f.anchor = true;
      if (e.mediator || e.country) {
        // A city of a mediator-capable state named as the scene ("in Washington", "Bakıda"-style endings) may be the venue of a round.
        const venue = e.kind === 'places' && isLocative(topic, tok, m);
        c.mediatorCands.push({ name: e.kind === 'countries' || e.kind === 'mediators' ? e.name : e.country!, pos: m.start, always: !!e.always, venue, official: e.kind === 'actors' });
      }
      if (e.kind === 'countries' && e.isCountry) {
        c.countryMentions.push({ name: e.name, sentence: sIdx, locative: isLocative(topic, tok, m), official: isOfficial(tok, m) || nearRole(tok, roles, m, sc.roleWindow), demonym: !!e.demonym });
      } else if (e.kind === 'actors') {
        c.actors.add(e.name);
        if (e.country && !nonStates.has(e.country)) c.countries.add(e.country);
      } else if (e.kind === 'places' && !e.building) {
        if (!e.standIn || isLocative(topic, tok, m)) c.places.add(e.name);
      }
    }
  }
  return c;
}

/**
 * Phase 2: captives released or returned ("Azerbaijan returned 32 Armenian servicemen"): the
 * sentence reports a prisoner release (guideline rule 3), so its captive words weigh as that
 * talks term and stop counting as war cues.
 */
function applyReleases(topic: Topic, c: Collected): void {
  for (const f of c.facts) {
    if (!f.release || f.captives === 0) continue;
    f.negative = Math.max(0, f.negative - f.captiveNegative);
    f.terms += topic.scoring.releaseWeight;
    c.terms.add('prisoner release');
  }
}

/** Phase 3: the title, the lead and the parties they name (the article's framing). */
function frameOf(facts: SentenceFacts[], hasTitle: boolean, minWords: number): Frame {
  const nSent = facts.length;
  const titleIdx = hasTitle && nSent > 0 && facts[0]!.para === -1 ? 0 : -1;
  const firstBody = titleIdx === 0 ? 1 : 0;
  // Lead: the first paragraph with a content sentence (boilerplate lines such as "Share" or a
  // date before it are skipped), or its first two sentences when it is the last paragraph.
  let leadStart = firstBody;
  while (leadStart < nSent && facts[leadStart]!.words < minWords) leadStart++;
  if (leadStart === nSent) leadStart = firstBody;
  const leadPara = leadStart < nSent ? facts[leadStart]!.para : 0;
  const lastPara = nSent > firstBody ? facts[nSent - 1]!.para : 0;
  let leadEnd = Math.min(nSent, leadStart + 2);
  if (lastPara > leadPara) for (leadEnd = leadStart; leadEnd < nSent && facts[leadEnd]!.para === leadPara; leadEnd++);
  let leadParties = 0;
  for (let s = leadStart; s < leadEnd; s++) leadParties |= facts[s]!.parties;
  const titleParties = titleIdx === 0 ? facts[0]!.parties : 0;
  // Another dyad's party voids the framing only when it is named at least as often as the
  // less-named party of this dyad there (the sentence rule of `markProcess`, applied to title + lead).
  let frameA = 0;
  let frameB = 0;
  let frameOther = 0;
  for (let s = 0; s < leadEnd; s++) (frameA += facts[s]!.mentionsA, frameB += facts[s]!.mentionsB, frameOther += facts[s]!.otherMentions);
  const framingOther = frameOther > 0 && frameOther > Math.min(frameA, frameB);
  return { titleIdx, firstBody, leadStart, leadEnd, leadParties, framing: framingOther ? 0 : titleParties | leadParties };
}

/**
 * Phase 4: which sentences are about the process (see the module comment). A reaction
 * sentence (protest, rally, vote) with no other dyad's party continues the process sentence
 * it follows in the same or the previous paragraph (guideline rule 4).
 */
function markProcess(topic: Topic, c: Collected, fr: Frame): boolean[] {
  const sc = topic.scoring;
  const facts = c.facts;
  const nSent = facts.length;
  const process: boolean[] = new Array(nSent).fill(false);
  let lastProcessPara = -100; // paragraph of the last process sentence (none yet)
  for (let s = 0; s < nSent; s++) {
    const f = facts[s]!;
    // Officials of both sides in one sentence ("Aliyev and Pashinyan to meet") need half the
    // weight; so does a body sentence under a title about the process.
    let need = f.officials === BOTH ? sc.sentenceTermWeight / 2 : sc.sentenceTermWeight;
    if (s !== fr.titleIdx && fr.titleIdx === 0 && process[0] === true && fr.framing === BOTH) need *= sc.framedTermFactor;
    // Talks with a third party (visa liberalisation, accession) are not this dyad's process.
    const talk = f.anchor ? f.terms : f.terms - f.thirdParty;
    let ok = false;
    if (talk >= need && talk > f.negative) {
      const para = c.paraParties[f.para + 1] ?? 0;
      if (f.parties === BOTH) {
        // With a party of another dyad in the sentence, the dyad named more often is the subject.
        ok = Math.min(f.mentionsA, f.mentionsB) >= f.otherMentions;
      } else if (f.other) ok = false;
      else if (f.dyadic && fr.framing === BOTH) ok = true;
      else if (f.parties !== 0 || f.anchor) {
        // A title naming one party needs the other in the lead; a topic anchor (Minsk Group,
        // TRIPP) in the title needs both parties anywhere in the article.
        ok = (para | fr.framing | (s === fr.titleIdx && f.anchor ? c.allParties : 0)) === BOTH;
      } else {
        const ctx = s === fr.titleIdx ? fr.leadParties : para | fr.framing;
        ok = (s > fr.firstBody && process[s - 1] === true && facts[s - 1]!.para === f.para) || ctx === BOTH;
      }
    }
    if (!ok && f.reaction && !f.other && f.thirdParty === 0 && lastProcessPara >= f.para - 1 && c.allParties === BOTH) ok = true;
    process[s] = ok;
    if (ok) lastProcessPara = f.para;
  }
  return process;
}

/** Phase 5: the score from the process sentences (see the module comment). */
function scoreOf(topic: Topic, c: Collected, fr: Frame, process: boolean[]): { score: number; features: Features } {
  const sc = topic.scoring;
  const facts = c.facts;
  const nSent = facts.length;
  // Body sentences that count: about the process, or long enough to be content (a short line
  // that is not about the process is boilerplate: "Share", a date, a weather line).
  let bodyCount = 0;
  let bodyN = 0;
  let negN = 0;
  let firstContent = -1;
  for (let s = fr.firstBody; s < nSent; s++) {
    const f = facts[s]!;
    if (!process[s] && f.words < sc.minSentenceWords) continue;
    bodyCount++;
    if (firstContent < 0) firstContent = s;
    if (process[s]) bodyN++;
    else if (f.negative > f.terms) negN++;
  }
  let leadN = 0;
  let leadCount = 0;
  for (let s = fr.leadStart; s < fr.leadEnd; s++) {
    if (!process[s] && facts[s]!.words < sc.minSentenceWords) continue;
    leadCount++;
    if (process[s]) leadN++;
  }
  // Without a headline, the first content sentence stands in for it (a teaser, a text cut from
  // its page without the title).
  const titleProcess = fr.titleIdx === 0 ? process[0] === true : firstContent >= 0 && process[firstContent] === true;
  const negShare = bodyCount > 0 ? negN / bodyCount : 0;
  const leadShare = leadCount > 0 ? leadN / leadCount : 0;
  const bodyShare = bodyCount > 0 ? bodyN / bodyCount : 0;
  let score = (titleProcess ? sc.title : 0) + sc.lead * leadShare + sc.body * Math.min(1, bodyShare / sc.bodyShareFull);
  // Only a title (a feed item without text): the title stands for the whole article.
  if (bodyCount === 0 && titleProcess) score = 1;
  score -= sc.negativePenalty * negShare;
  // Another dyad dominates the article when its parties are named more than twice as often as
  // the less-named party of this one (Armenia–Turkey stories that mention Azerbaijan).
  const otherDominant = c.otherTotal > 2 * Math.min(c.totalA, c.totalB);
  if (otherDominant) score -= sc.otherDyadPenalty;
  const bothParties = c.allParties === BOTH;
  if (!bothParties) score *= sc.missingPartyFactor;
  score = round3(Math.max(0, Math.min(1, score)));
  return { score, features: { bothParties, titleProcess, leadShare: round3(leadShare), bodyShare: round3(bodyShare), negativeShare: round3(negShare), otherDominant, bodySentences: bodyCount } };
}

/**
 * Phase 6: a state takes part (the `countries` convention) when one of its officials is named
 * (a lexicon actor, added in `collect`, or "Italian Prime Minister ..."), when it is named in
 * the title or lead, as the scene ("in Russia"), or in a sentence about the process that is not
 * background (no year, no "historically").
 */
function participants(tok: Tokens, c: Collected, fr: Frame, process: boolean[]): Set<string> {
  const countries = new Set(c.countries);
  for (const m of c.countryMentions) {
    // An adjective of nationality counts only for an official ("the Armenian foreign minister").
    if (m.demonym) {
      if (m.official) countries.add(m.name);
      continue;
    }
    if (m.sentence < fr.leadEnd || m.locative || m.official || (process[m.sentence] && !c.facts[m.sentence]!.history && !hasYear(tok, m.sentence))) countries.add(m.name);
  }
  return countries;
}

/** Phase 7: mediators of the talks among the mediator-capable entities named. */
function mediatorsOf(topic: Topic, tok: Tokens, c: Collected, fr: Frame, process: boolean[], titleProcess: boolean): Set<string> {
  const mediators = new Set<string>();
  if (c.allParties !== BOTH) return mediators;
  const facts = c.facts;
  for (const cand of c.mediatorCands) {
    if (cand.always) {
      mediators.add(cand.name);
      continue;
    }
    if (!isMediatorCapable(topic, cand.name)) continue;
    const sent = tok.sentence[cand.pos]!;
    if (titleProcess && sent === fr.titleIdx) {
      mediators.add(cand.name);
      continue;
    }
    // The venue of the reported round is its host ("initialled in Washington on Friday",
    // "talks in Almaty"): a city named as the scene of a process sentence in the title or
    // lead, not framed as background ("after the summit in Washington") or history.
    const fs = facts[sent]!;
    // A third state's official at the table with officials of both parties in a process
    // sentence ("Aliyev and Pashinyan met Macron and Michel") takes part as a mediator.
    const atTable = cand.official && fs.officials === BOTH && !fs.background && !fs.history;
    if (process[sent] && (atTable || (cand.venue && sent < fr.leadEnd && !fs.background && !fs.history && !hasYear(tok, sent)))) {
      mediators.add(cand.name);
      continue;
    }
    // Hosting a climate conference is not mediating: the cue counts in sentences with a talks
    // term, and not in talks with a third party (visa, accession).
    if (fs.terms === 0 || fs.thirdParty > 0) continue;
    for (const q of c.mediationCues) {
      if (Math.abs(q - cand.pos) <= topic.scoring.mediatorWindow && tok.sentence[q] === sent) {
        mediators.add(cand.name);
        break;
      }
    }
  }
  for (const p of topic.parties) mediators.delete(p);
  return mediators;
}

/**
 * Scores one tokenized article: the phases above, in order.
 * @param tok words of the title (sentence 0 when the title has words) and body
 * @param matches non-overlapping lexicon matches over `tok`
 * @param hasTitle false for a text without its headline (the first content sentence stands in)
 */
export function decide(topic: Topic, tok: Tokens, matches: Match[], hasTitle: boolean): Decision {
  const c = collect(topic, tok, matches);
  applyReleases(topic, c);
  const fr = frameOf(c.facts, hasTitle, topic.scoring.minSentenceWords);
  const process = markProcess(topic, c, fr);
  const { score, features } = scoreOf(topic, c, fr, process);
  const countries = participants(tok, c, fr, process);
  const mediators = mediatorsOf(topic, tok, c, fr, process, features.titleProcess);
  return {
    relevant: features.bothParties && score >= topic.threshold,
    score,
    signals: {
      countries: [...countries],
      actors: [...c.actors],
      places: [...c.places],
      mediators: [...mediators],
      terms: [...c.terms],
    },
    features,
  };
}

const nonStateCache = new WeakMap<Topic, Set<string>>();

/** Names of country entities that are not states (`country: false`: the European Union). */
function nonStateNames(topic: Topic): Set<string> {
  let set = nonStateCache.get(topic);
  if (!set) {
    set = new Set(topic.lexicon.entries.filter((e) => e.kind === 'countries' && e.isCountry === false).map((e) => e.name));
    nonStateCache.set(topic, set);
  }
  return set;
}

const capableCache = new WeakMap<Topic, Set<string>>();

/** True when a name is a mediator-capable entity of the topic (`mediator: true`). */
function isMediatorCapable(topic: Topic, name: string): boolean {
  let set = capableCache.get(topic);
  if (!set) {
    set = new Set(topic.lexicon.entries.filter((e) => e.mediator && (e.kind === 'countries' || e.kind === 'mediators')).map((e) => e.name));
    capableCache.set(topic, set);
  }
  return set.has(name);
}
