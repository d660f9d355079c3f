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
import { applyReleases, BOTH, collect, frameOf, hasYear, type Collected, type Frame, type SentenceFacts } from './facts.js';
import type { Match, Tokens } from './lexicon.js';
import { extendSetUp } from './setup.js';
import type { Topic } from './topic.js';

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

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}


/**
 * Phase 4: which sentences are about the process (see the module comment). A reaction
 * sentence (protest, rally, vote) with no other dyad's party continues the process sentence
 * it follows in the same or the previous paragraph (guideline rule 4).
 */
export function markProcess(topic: Topic, c: Collected, fr: Frame): boolean[] {
  const sc = topic.scoring;
  const facts = c.facts;
  const nSent = facts.length;
  const process: boolean[] = new Array(nSent).fill(false);
  let lastProcessPara = -100; // paragraph of the last process sentence (none yet)
  // An earlier process sentence named both parties: the article has set up the dyad's process,
  // so a later talks sentence naming one party (or "the two sides") continues it even when the
  // framing names one party (a headline-less text opening with a teaser line: "Aliyev said so.").
  let dyadSetUp = false;
  // A story whose headline or first sentence is about a process with a third party (EU accession,
  // visa talks: guideline rule 6) is framed by that process: a sentence naming one party is not
  // taken as this dyad's process from the framing or its paragraph; it must name both parties
  // itself, or follow a sentence that did.
  const frameStart = fr.titleIdx === 0 ? 0 : fr.leadStart;
  // So is a story whose headline pairs one party with a third state ("Iran and Armenia foreign
  // ministers meet", "Azerbaijan, Georgia and Türkiye hold trilateral"): "the two sides" are that pair.
  const framedBy = (f: SentenceFacts | undefined): boolean => f !== undefined && (f.thirdParty > 0 || (f.pairedThird && f.parties !== BOTH && !f.anchor));
  const thirdPartyFrame = framedBy(facts[frameStart]) || framedBy(facts[fr.leadStart]);
  for (let s = 0; s < nSent; s++) {
    const f = facts[s]!;
    // Officials of both sides in one sentence ("Aliyev and Pashinyan to meet") need half the
    // weight; so does a body sentence under a title about the process.
    // Not when each was met in their own capital ("he met Aliyev in Baku and Pashinyan in Yerevan").
    let need = f.officials === BOTH && f.sceneParties !== BOTH ? sc.sentenceTermWeight / 2 : sc.sentenceTermWeight;
    if (s !== fr.titleIdx && fr.titleIdx === 0 && process[0] === true && fr.framing === BOTH) need *= sc.framedTermFactor;
    // Talks with a third party (visa liberalisation, accession) are not this dyad's process.
    const talk = f.anchor ? f.terms : f.terms - f.thirdParty;
    let ok = false;
    // "Unlike Armenia and Azerbaijan, which have initialled a treaty, the sides ...": a comparison
    // in a story not framed by both parties is about that story.
    const compared = f.comparison && fr.framing !== BOTH;
    if (talk >= need && talk > f.negative && !compared) {
      const para = c.paraParties[f.para + 1] ?? 0;
      if (f.parties === BOTH) {
        // With a party of another dyad in the sentence, the dyad named more often is the subject.
        // Named as a pair ("progress between Azerbaijan and Armenia", welcomed by Ankara), the
        // dyad is the subject unless the other dyad is named more than twice as often.
        ok = Math.min(f.mentionsA, f.mentionsB) * (f.paired ? 2 : 1) >= f.otherMentions;
      } else if (f.other) ok = false;
      else if (f.dyadic && ((fr.framing === BOTH && !thirdPartyFrame) || dyadSetUp)) ok = true;
      // One party named as a pair with a third state ("Italy and Azerbaijan signed a gas deal") is
      // that pair's process, not this dyad's, whatever the paragraph says of the other party.
      else if (f.pairedThird && f.parties !== BOTH && !f.anchor) ok = false;
      else if (f.parties !== 0 || f.anchor) {
        // A title naming one party needs the other in the lead; a topic anchor (Minsk Group,
        // TRIPP) in the title needs both parties anywhere in the article.
        ok = dyadSetUp || (!thirdPartyFrame && (para | fr.framing | (s === fr.titleIdx && f.anchor ? c.allParties : 0)) === BOTH);
      } else {
        const ctx = s === fr.titleIdx ? fr.leadParties : para | fr.framing;
        ok = (s > fr.firstBody && process[s - 1] === true && facts[s - 1]!.para === f.para) || (ctx === BOTH && (!thirdPartyFrame || dyadSetUp));
      }
    }
    if (!ok && f.reaction && !f.other && f.thirdParty === 0 && lastProcessPara >= f.para - 1 && c.allParties === BOTH) ok = true;
    process[s] = ok;
    if (ok) lastProcessPara = f.para;
    if (ok && f.parties === BOTH) dyadSetUp = true;
  }
  extendSetUp(topic, c, fr, process, thirdPartyFrame);
  // Guideline rule 4, second pass: protests against a step of the process that the article names
  // with both parties later on ("residents blocked the road protesting against the delimitation"
  // before "Pashinyan insists delimitation with Azerbaijan is needed for the treaty"): a reaction
  // sentence with a talks term, and the reaction sentences that follow it, are on topic.
  if (dyadSetUp) {
    // The step protested is often described after the protest ("Thousands gathered in Yerevan at
    // the end of a march from Tavush." then "The movement contests the delimitation agreed by the
    // commissions of Armenia and Azerbaijan."): a reaction sentence in the paragraph of a sentence
    // naming both parties that is about the process on its own, or in the paragraph before it,
    // is on topic too. Only such sentences anchor it: a rally whose last line names the deal
    // ("the movement began in protest at the border agreement") stays off topic.
    let anchorPara = 1e9;
    for (let s = nSent - 1; s >= fr.firstBody; s--) {
      const f = facts[s]!;
      if (process[s] && f.parties === BOTH) {
        anchorPara = f.para;
        continue;
      }
      if (f.reaction && !f.other && f.thirdParty === 0 && f.negative <= f.terms && anchorPara <= f.para + 1) process[s] = true;
    }
    let chain = -100;
    for (let s = fr.firstBody; s < nSent; s++) {
      const f = facts[s]!;
      if (process[s]) {
        chain = f.para;
        continue;
      }
      if (!f.reaction || f.other || f.thirdParty > 0) continue;
      if (f.terms >= sc.sentenceTermWeight * sc.framedTermFactor && f.terms > f.negative) process[s] = true;
      else if (chain >= f.para - 1) process[s] = true;
      if (process[s]) chain = f.para;
    }
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
  // So it does when the headline is about another dyad (names its party and neither of this
  // dyad's) and the article names that dyad at least as often as the less-named party ("Israel–Iran
  // ceasefire ... countries of the region, Azerbaijan and Armenia among them, welcomed it").
  const titleOther = fr.titleIdx === 0 && facts[0]!.other && facts[0]!.parties === 0 && c.otherTotal >= Math.min(c.totalA, c.totalB);
  const otherDominant = c.otherTotal > 2 * Math.min(c.totalA, c.totalB) || titleOther;
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
/**
 * Largest distance in words between the starts of two neighbouring states of one list ("de la
 * France, des États-Unis et de la Russie": a two-word name, a conjunction and an article; round 7,
 * 4 before).
 */
const LIST_GAP = 5;

function participants(topic: Topic, tok: Tokens, c: Collected, fr: Frame, process: boolean[], relevant: boolean): Set<string> {
  const countries = new Set(c.countries);
  const window = topic.scoring.mediatorWindow;
  // Sentences that name a standing format (the Minsk Group), and the one after each: "The OSCE
  // closed the Minsk Group. The group, co-chaired by Russia, France and the US, ..." (round 7).
  const formatSentences = new Set(c.mediatorCands.filter((m) => m.always).flatMap((m) => [tok.sentence[m.pos]!, tok.sentence[m.pos]! + 1]));
  // The last format member skipped (sentence, position): the next states of the same list
  // ("co-chaired by France, Russia and the United States") are members too, however far the list runs.
  let member = { sentence: -1, pos: -100 };
  for (const m of c.countryMentions) {
    if (!m.official && !m.locative && m.sentence === member.sentence && m.pos - member.pos <= LIST_GAP) {
      member = { sentence: m.sentence, pos: m.pos };
      continue;
    }
    // A state named only as a member of a standing mediation format ("the Minsk Group, co-chaired
    // by France, Russia and the United States") is listed under mediators, not as a state taking
    // part; a mediator of the reported round ("with the mediation of France") takes part.
    // The mediation word may come before or after the states ("the format that Russia, France
    // and the United States co-chaired", verb-final "Rusya, Fransa ve ABD'nin eş başkanlık
    // ettiği"): issue 12 round 5.
    if (!m.official && !m.locative && formatSentences.has(m.sentence) && c.mediationCues.some((q) => Math.abs(m.pos - q) <= window && tok.sentence[q] === m.sentence)) {
      member = { sentence: m.sentence, pos: m.pos };
      continue;
    }
    // Parties named in such a comparison do not take part in the story.
    if (c.facts[m.sentence]!.comparison && fr.framing !== BOTH && topic.parties.includes(m.name) && !process[m.sentence]) continue;
    // A sports or contest story that is not about the process (two sport or contest cues: a
    // match, a Grand Prix, a chess olympiad, Eurovision) names states as the nationality of teams
    // and players (README: not listed): only their officials, or the state as the scene, take part (round 6).
    if (!relevant && c.sportCues >= 2 && !m.official && !m.locative) continue;
    // An adjective of nationality counts only for an official ("the Armenian foreign minister").
    if (m.demonym) {
      if (m.official) countries.add(m.name);
      continue;
    }
    // In a story about another process, a state next to a mediation word mediates or hosts it
    // ("Зустріч відбулася за посередництва Туреччини"): it takes part (round 6; in a story about
    // this process its mediators are found by `mediatorsOf`, and co-chairs are format members).
    // A third state's city as the scene names its state as the host only in the title or lead of
    // a story about the process, as the scene of a process sentence that is not background ("met
    // in Abu Dhabi" → UAE; not "the declaration signed in Washington in August": round 7).
    if (m.city) {
      const fs = c.facts[m.sentence]!;
      if (relevant && m.sentence < fr.leadEnd && process[m.sentence] && fs.officials === BOTH && !fs.background && !fs.history && !hasYear(tok, m.sentence)) countries.add(m.name);
      continue;
    }
    if (m.sentence < fr.leadEnd || m.locative || m.official || (m.mediating && !relevant && !c.facts[m.sentence]!.history && !c.facts[m.sentence]!.background && !hasYear(tok, m.sentence)) || (process[m.sentence] && !c.facts[m.sentence]!.history && !hasYear(tok, m.sentence))) countries.add(m.name);
  }
  return countries;
}

/** Phase 7: mediators of the talks among the mediator-capable entities named. */
function mediatorsOf(topic: Topic, tok: Tokens, c: Collected, fr: Frame, process: boolean[], titleProcess: boolean, relevant: boolean): Set<string> {
  const mediators = new Set<string>();
  if (c.allParties !== BOTH) return mediators;
  const facts = c.facts;
  const meetingSentences = new Set(c.meetingCues.map((q) => tok.sentence[q]!));
  const meetingIn = (sent: number): boolean => meetingSentences.has(sent);
  const formatNamed = c.mediatorCands.some((m) => m.always);
  // The last state listed after a mediation word (sentence, word position).
  let lastListed = { sentence: -1, pos: -100 };
  for (const cand of c.mediatorCands) {
    if (cand.always) {
      mediators.add(cand.name);
      continue;
    }
    if (!isMediatorCapable(topic, cand.name)) continue;
    const sent = tok.sentence[cand.pos]!;
    // Named in a title about the process ("US-brokered deal", "talks in Almaty"), but not as an
    // adjective of origin ("Kazakh wheat reaches Armenia via Azerbaijan").
    if (titleProcess && sent === fr.titleIdx && !cand.demonym) {
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
    // A venue where both parties (or "the two sides") met or signed hosted that round, even a past
    // one ("the Washington summit confirmed both sides' intent"): the convention lists past
    // mediators too; a venue in a background clause ("weeks after the summit in Washington") does not count.
    // The background clause is the one before the venue ("weeks after the summit in Washington"),
    // not one after it ("talks in the Emirati capital before accepting a prize": round 6).
    const venueInBackground = c.backgroundCues.some((q) => q < cand.pos && cand.pos - q <= topic.scoring.mediatorWindow && tok.sentence[q] === sent);
    // Round 7: both parties named as a pair, by their officials or with a meeting word; not one
    // side's announcement abroad ("Aliyev announced in Astana that curbs on transit to Armenia
    // were lifted" is no round hosted by Kazakhstan).
    const roundOfBoth = (fs.parties === BOTH && (fs.paired || fs.officials === BOTH || meetingIn(sent))) || fs.dyadic;
    const hostedBoth = cand.venue && roundOfBoth && !venueInBackground;
    // Leaders of a mediator-capable state meeting one party's leader in a process sentence of an
    // article about the talks ("Pashinyan will meet Michel, Macron and Scholz in Granada") take part as mediators.
    const metOne = relevant && cand.official && fs.officials !== 0 && !fs.background && !fs.history && meetingIn(sent);
    if (process[sent] && (atTable || hostedBoth || metOne || (cand.venue && sent < fr.leadEnd && !venueInBackground && !fs.history && !hasYear(tok, sent) && (roundOfBoth || (fs.parties !== BOTH && meetingIn(sent)))))) {
      mediators.add(cand.name);
      continue;
    }
    // Hosting a climate conference is not mediating: the cue counts in sentences with a talks
    // term, and not in talks with a third party (visa, accession).
    // A host receiving officials of both parties ("Trump received Aliyev and Pashinyan at the
    // White House") mediates, with or without a talks word in that sentence.
    const hosting = relevant && cand.official && fs.officials === BOTH && !fs.other && !fs.history && !fs.background;
    if (hosting && c.mediationCues.some((q) => Math.abs(q - cand.pos) <= topic.scoring.mediatorWindow && tok.sentence[q] === sent)) {
      mediators.add(cand.name);
      continue;
    }
    // In an article about a standing mediation format (the Minsk Group), a sentence on who chaired
    // it needs no talks word ("the group, co-chaired by France, Russia and the United States").
    if ((fs.terms === 0 && !formatNamed) || fs.thirdParty > 0) continue;
    // In an article that is not about the process, a mediation word counts only in a sentence
    // that is ("talks in Yevlakh with Karabakh Armenians, facilitated by Russian peacekeepers").
    if (!relevant && !process[sent]) continue;
    // A mediation word in a sentence about another dyad ("talks of Ukraine and Russia mediated by
    // Türkiye") mediates that dyad's talks, not this one's.
    if (fs.other && !process[sent]) continue;
    // A deal named with its venue ("signed in Washington", "согласованной в Вашингтоне",
    // "ausgehandelt in Almaty"): the host of that round, also in the body and for a past round
    // (README convention); not in a background clause ("weeks after the summit in Washington").
    // The background clause is the one before the venue ("weeks after the summit in Washington"),
    // not one later in the sentence ("initialled in Washington will be signed after the change").
    const inBackground = c.backgroundCues.some((q) => q < cand.pos && cand.pos - q <= topic.scoring.mediatorWindow && tok.sentence[q] === sent);
    if (cand.venue && cand.afterDeal && !fs.other && !fs.history && !inBackground) {
      mediators.add(cand.name);
      continue;
    }
    // A round named by its host city ("since the White House summit", "the Washington
    // agreements"): the host mediated it, a past round too (README: background mentions count).
    if (cand.attached && relevant && !fs.other) {
      mediators.add(cand.name);
      continue;
    }
    for (const q of c.mediationCues) {
      if (Math.abs(q - cand.pos) <= topic.scoring.mediatorWindow && tok.sentence[q] === sent) {
        mediators.add(cand.name);
        lastListed = { sentence: sent, pos: cand.pos };
        break;
      }
    }
    // A list that starts within the window runs on past it ("sous la coprésidence de la France,
    // des États-Unis et de la Russie"): the next state at most 5 words on is a mediator too (round 7).
    if (!mediators.has(cand.name) && lastListed.sentence === sent && cand.pos > lastListed.pos && cand.pos - lastListed.pos <= LIST_GAP) {
      mediators.add(cand.name);
      lastListed = { sentence: sent, pos: cand.pos };
    }
  }
  for (const p of topic.parties) mediators.delete(p);
  return mediators;
}

/**
 * Phase 2b: a topic anchor (TRIPP, the Minsk Group, the Zangezur corridor) belongs to this dyad's
 * process: in an article that names a party, a sentence naming the anchor names the dyad ("Armenia
 * will send the US its draft of the TRIPP agreement"), and so does the article.
 */
function applyAnchors(c: Collected): void {
  if (c.allParties === 0) return;
  for (const f of c.facts) {
    if (!f.anchor || f.parties === BOTH || f.other) continue;
    f.parties = BOTH;
    c.allParties = BOTH;
    c.paraParties[f.para + 1] = BOTH;
  }
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
  applyAnchors(c);
  const fr = frameOf(c.facts, hasTitle, topic.scoring.minSentenceWords);
  const process = markProcess(topic, c, fr);
  const { score, features } = scoreOf(topic, c, fr, process);
  // In an article that is not about the process, a talks sentence is background to another
  // story ("Ankara links the border to the Armenia–Azerbaijan peace process"): its states do not take part.
  const relevant = features.bothParties && score >= topic.threshold;
  const countries = participants(topic, tok, c, fr, relevant ? process : process.map(() => false), relevant);
  // The two sides of a process the article is about take part in it, however they are named
  // ("a joint request by Baku and Yerevan", "both countries").
  if (features.bothParties && score >= topic.threshold) for (const p of topic.parties) countries.add(p);
  const mediators = mediatorsOf(topic, tok, c, fr, process, features.titleProcess, relevant);
  // A sports story not about the process: a place that is also a club's name is the club.
  if (!relevant && c.sportCues > 0) for (const p of c.clubPlaces) c.places.delete(p);
  return {
    relevant,
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
