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
 *   in 0..1, × 0.4 when a party is missing;
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
  if (m.start > 0 && tok.sentence[m.start - 1] === tok.sentence[m.start]) {
    if (topic.locatives.has(tok.folded[m.start - 1]!) || topic.locativesExact.has(tok.original[m.start - 1]!)) return true;
  }
  const w = tok.folded[m.end - 1]!;
  for (const suf of topic.locativeSuffixes) if (w.length > suf.length + 2 && w.endsWith(suf)) return true;
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

/**
 * Scores one tokenized article.
 * @param tok words of the title (sentence 0 when the title has words) and body
 * @param matches non-overlapping lexicon matches over `tok`
 */
export function decide(topic: Topic, tok: Tokens, matches: Match[], hasTitle: boolean): Decision {
  const { entries } = topic.lexicon;
  const sc = topic.scoring;
  const [pA, pB] = topic.parties;
  const nSent = tok.sentencePara.length;
  const facts: SentenceFacts[] = [];
  for (let s = 0; s < nSent; s++) {
    facts.push({ para: tok.sentencePara[s]!, parties: 0, officials: 0, mentionsA: 0, mentionsB: 0, otherMentions: 0, other: false, anchor: false, dyadic: false, terms: 0, negative: 0, history: false, background: false, release: false, captiveNegative: 0, captives: 0 });
  }
  const countries = new Set<string>();
  // Names and demonyms of states, by sentence: listed only when the state takes part.
  const countryMentions: { name: string; sentence: number; locative: boolean; official: boolean }[] = [];
  const actors = new Set<string>();
  const places = new Set<string>();
  const terms = new Set<string>();
  const mediatorCands: { name: string; pos: number; always: boolean; venue: boolean; official: boolean }[] = [];
  const mediationCues: number[] = [];
  let allParties = 0;
  // Parties named per paragraph (index para + 1: the title is paragraph -1).
  const paraParties: number[] = [];

  // Background cues ("after", "despite", "ahead of") halve the talks terms that follow them.
  let backgroundUntil = -1;
  let backgroundSentence = -1;
  let otherTotal = 0;
  let totalA = 0;
  let totalB = 0;
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
        case 'mediation':
          mediationCues.push(m.start);
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
          if ((e.weight ?? 0) > 0) terms.add(e.name);
          continue;
        default:
      }
      if (e.party) {
        const bit = e.party === pA ? 1 : e.party === pB ? 2 : 0;
        if (bit === 1) (f.mentionsA++, totalA++);
        else if (bit === 2) (f.mentionsB++, totalB++);
        f.parties |= bit;
        if (e.kind === 'actors') f.officials |= bit;
        allParties |= bit;
        paraParties[f.para + 1] = (paraParties[f.para + 1] ?? 0) | bit;
      }
      if (e.implies) for (const pl of e.implies) places.add(pl);
      if (e.other) {
        f.other = true;
        f.otherMentions++;
        otherTotal++;
      }
      if (e.anchor) f.anchor = true;
      if (e.mediator || e.country) {
        // A city of a mediator-capable state named as the scene ("in Washington", "Bakıda"-style endings) may be the venue of a round.
        const venue = e.kind === 'places' && isLocative(topic, tok, m);
        mediatorCands.push({ name: e.kind === 'countries' || e.kind === 'mediators' ? e.name : e.country!, pos: m.start, always: !!e.always, venue, official: e.kind === 'actors' });
      }
      if (e.kind === 'countries' && e.isCountry) {
        countryMentions.push({ name: e.name, sentence: sIdx, locative: isLocative(topic, tok, m), official: isOfficial(tok, m) });
      }
      else if (e.kind === 'actors') {
        actors.add(e.name);
        if (e.country && e.country !== 'European Union') countries.add(e.country);
      } else if (e.kind === 'places') {
        if (!e.standIn || isLocative(topic, tok, m)) places.add(e.name);
      }
    }
  }

  // Captives released or returned ("Azerbaijan returned 32 Armenian servicemen"): the sentence
  // reports a prisoner release (guideline rule 3), so its captive words weigh as that talks
  // term and stop counting as war cues.
  for (const f of facts) {
    if (!f.release || f.captives === 0) continue;
    f.negative = Math.max(0, f.negative - f.captiveNegative);
    f.terms += sc.releaseWeight;
    terms.add('prisoner release');
  }

  const bothParties = allParties === BOTH;
  const titleIdx = hasTitle && nSent > 0 && facts[0]!.para === -1 ? 0 : -1;
  const firstBody = titleIdx === 0 ? 1 : 0;
  const bodyCount = nSent - firstBody;
  // Lead: the first paragraph, or the first two sentences when the body is one paragraph.
  const lastPara = bodyCount > 0 ? facts[nSent - 1]!.para : 0;
  let leadEnd = Math.min(nSent, firstBody + 2);
  if (lastPara > 0) for (leadEnd = firstBody; leadEnd < nSent && facts[leadEnd]!.para === 0; leadEnd++);
  let leadParties = 0;
  for (let s = firstBody; s < leadEnd; s++) leadParties |= facts[s]!.parties;
  const titleParties = titleIdx === 0 ? facts[0]!.parties : 0;
  // The article's framing: parties named in the title and lead, unless another dyad's party is there too.
  // Another dyad's party voids the framing only when it is named at least as often as the
  // less-named party of this dyad there (the sentence rule below, applied to title + lead).
  let frameA = 0;
  let frameB = 0;
  let frameOther = 0;
  for (let s = 0; s < leadEnd; s++) (frameA += facts[s]!.mentionsA, frameB += facts[s]!.mentionsB, frameOther += facts[s]!.otherMentions);
  const framingOther = frameOther > 0 && frameOther > Math.min(frameA, frameB);
  const framing = framingOther ? 0 : titleParties | leadParties;

  const process: boolean[] = new Array(nSent).fill(false);
  for (let s = 0; s < nSent; s++) {
    const f = facts[s]!;
    // Officials of both sides in one sentence ("Aliyev and Pashinyan to meet") need half the weight.
    const need = f.officials === BOTH ? sc.sentenceTermWeight / 2 : sc.sentenceTermWeight;
    if (f.terms < need || f.terms <= f.negative) continue;
    let ok = false;
    const para = paraParties[f.para + 1] ?? 0;
    if (f.parties === BOTH) {
      // With a party of another dyad in the sentence, the dyad named more often is the subject.
      ok = Math.min(f.mentionsA, f.mentionsB) >= f.otherMentions;
    } else if (f.other) ok = false;
    else if (f.dyadic && framing === BOTH) ok = true;
    else if (f.parties !== 0 || f.anchor) {
      // A title naming one party needs the other in the lead; a topic anchor (Minsk Group,
      // TRIPP) in the title needs both parties anywhere in the article.
      ok = (para | framing | (s === titleIdx && f.anchor ? allParties : 0)) === BOTH;
    } else {
      const ctx = s === titleIdx ? leadParties : para | framing;
      ok = (s > firstBody && process[s - 1] === true && facts[s - 1]!.para === f.para) || ctx === BOTH;
    }
    process[s] = ok;
  }

  const titleProcess = titleIdx === 0 && process[0] === true;
  let leadN = 0;
  for (let s = firstBody; s < leadEnd; s++) if (process[s]) leadN++;
  let bodyN = 0;
  let negN = 0;
  for (let s = firstBody; s < nSent; s++) {
    if (process[s]) bodyN++;
    else if (facts[s]!.negative > facts[s]!.terms) negN++;
  }
  const negShare = bodyCount > 0 ? negN / bodyCount : 0;
  const leadShare = leadEnd > firstBody ? leadN / (leadEnd - firstBody) : 0;
  const bodyShare = bodyCount > 0 ? bodyN / bodyCount : 0;
  let score = (titleProcess ? sc.title : 0) + sc.lead * leadShare + sc.body * Math.min(1, bodyShare / sc.bodyShareFull);
  // Only a title (a feed item without text): the title stands for the whole article.
  if (bodyCount === 0 && titleProcess) score = 1;
  score -= sc.negativePenalty * negShare;
  // Another dyad dominates the article when its parties are named more than twice as often as
  // the less-named party of this one (Armenia–Turkey stories that mention Azerbaijan).
  const minorParty = Math.min(totalA, totalB);
  const otherDominant = otherTotal > 2 * minorParty;
  if (otherDominant) score -= sc.otherDyadPenalty;
  if (!bothParties) score *= 0.4;
  score = round3(Math.max(0, Math.min(1, score)));

  // A state takes part (the `countries` convention) when one of its officials is named
  // (a lexicon actor, added above, or "Italian Prime Minister ..."), when it is named in the title or lead, as the scene ("in Russia"), or in a
  // sentence about the process that is not background (no year, no "historically").
  for (const c of countryMentions) {
    if (c.sentence < leadEnd || c.locative || c.official || (process[c.sentence] && !facts[c.sentence]!.history && !hasYear(tok, c.sentence))) countries.add(c.name);
  }

  const mediators = new Set<string>();
  if (bothParties) {
    for (const c of mediatorCands) {
      if (c.always) {
        mediators.add(c.name);
        continue;
      }
      if (!isMediatorCapable(topic, c.name)) continue;
      const sent = tok.sentence[c.pos];
      if (titleProcess && sent === titleIdx) {
        mediators.add(c.name);
        continue;
      }
      // The venue of the reported round is its host ("initialled in Washington on Friday",
      // "talks in Almaty"): a city named as the scene of a process sentence in the title or
      // lead, not framed as background ("after the summit in Washington") or history.
      const fs = facts[sent!]!;
      // A third state's official at the table with officials of both parties in a process
      // sentence ("Aliyev and Pashinyan met Macron and Michel") takes part as a mediator.
      const atTable = c.official && fs.officials === BOTH && !fs.background && !fs.history;
      if (process[sent!] && (atTable || (c.venue && sent! < leadEnd && !fs.background && !fs.history && !hasYear(tok, sent!)))) {
        mediators.add(c.name);
        continue;
      }
      // Hosting a climate conference is not mediating: the cue counts in sentences with a talks term.
      if (facts[sent!]!.terms === 0) continue;
      for (const q of mediationCues) {
        if (Math.abs(q - c.pos) <= sc.mediatorWindow && tok.sentence[q] === sent) {
          mediators.add(c.name);
          break;
        }
      }
    }
  }
  for (const p of topic.parties) mediators.delete(p);

  return {
    relevant: bothParties && score >= topic.threshold,
    score,
    signals: {
      countries: [...countries],
      actors: [...actors],
      places: [...places],
      mediators: [...mediators],
      terms: [...terms],
    },
    features: { bothParties, titleProcess, leadShare: round3(leadShare), bodyShare: round3(bodyShare), negativeShare: round3(negShare), otherDominant, bodySentences: bodyCount },
  };
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
