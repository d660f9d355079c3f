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
 *   round 9: right after a process sentence of its paragraph a sentence needs
 *   `scoring.continuationFactor` of that weight; a sentence naming no party whose subject is a
 *   pair of states that are neither parties nor mediators (`pairOther`) is another dyad's;
 * - score = title·[title is about the process] + lead·(share of lead sentences about it)
 *   + body·min(1, share of body sentences about it / bodyShareFull), where the share is the
 *   share of the body's words instead when those sentences hold at least `scoring.wordMajority`
 *   of them (round 9)
 *   − negativePenalty·(share of negative sentences) − otherDyadPenalty·[other dyad dominates],
 *   in 0..1, × `scoring.missingPartyFactor` when a party is missing; a digest's section on the
 *   talks (section.ts, round 10 tagrel10b) makes the body share at least `scoring.sectionShare`;
 * - `relevant` = both parties present anywhere, not only in sentences dated before the process
 *   (history.ts, round 15), not published before `scoring.historyBefore` (round 16), and score ≥ threshold (guideline rules 6–7:
 *   the headline or about a third of the body).
 */
import type { TopicSignals } from '../types.js';
import { collect } from './collect.js';
import { applyReleases, BOTH, frameOf, type ArticleFacts, type Collected, type Frame, type SentenceFacts } from './facts.js';
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import { digestSection } from './section.js';
import { headlinePair } from './headline.js';
import { partiesOnlyInHistory } from './history.js';
import { applyConflictTruce } from './conflict.js';
import { extendSetUp } from './setup.js';
import { dyadicBody, impliedSides, liveScene, mediatorBody, oneScene } from './implied.js';
import { applyOwnAnchor } from './own-anchor.js';
import { addGroupMembers, mediatorsOf, participants } from './signals.js';
import { otherPairBefore, pairedDyad, weakSentences } from './weak.js';
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
 * it follows in the same or the previous paragraph (guideline rule 4). Round 12: in an interview
 * (`dialogue`: the body's turns, dialogue.ts) the parties named anywhere in the article stand for
 * each body sentence's paragraph.
 */
export function markProcess(topic: Topic, c: Collected, fr: Frame, dialogue = false): boolean[] {
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
  // Round 14 (tagrel14b): the headline and the first lead sentence tell one event (headline.ts).
  const pair = headlinePair(topic, facts, fr);
  for (let s = 0; s < nSent; s++) {
    const f = facts[s]!;
    // Officials of both sides in one sentence ("Aliyev and Pashinyan to meet") need half the
    // weight; so does a body sentence under a title about the process.
    // Not when each was met in their own capital ("he met Aliyev in Baku and Pashinyan in Yerevan").
    let need = f.officials === BOTH && f.sceneParties !== BOTH ? sc.sentenceTermWeight / 2 : sc.sentenceTermWeight;
    // Round 17 (tag17a): both parties named as a pair, no third state: the pair is the subject.
    if (pairedDyad(f)) need = Math.min(need, sc.sentenceTermWeight * sc.pairedTermFactor);
    if (s !== fr.titleIdx && fr.titleIdx === 0 && process[0] === true && fr.framing === BOTH) need *= sc.framedTermFactor;
    // Round 9: right after a process sentence of the same paragraph, the paragraph has set the
    // subject (an item of a round-up, a wire paragraph): a weaker sentence continues it.
    // Round 15 (tag15a): in an interview or a live blog (`dialogue`) the next turn or entry
    // continues the one before it, though each is its own paragraph.
    else if (s > fr.firstBody && process[s - 1] === true && (facts[s - 1]!.para === f.para || (dialogue && facts[s - 1]!.para === f.para - 1))) need *= sc.continuationFactor;
    // Talks with a third party (visa liberalisation, accession) are not this dyad's process.
    const talk = (f.anchor ? f.terms : f.terms - f.thirdParty) + (pair !== null && pair[0] === s ? pair[1] : 0) + (dialogue ? askedOf(facts, s, fr.firstBody) : 0);
    let ok = false;
    // "Unlike Armenia and Azerbaijan, which have initialled a treaty, the sides ...": a comparison
    // in a story not framed by both parties is about that story.
    const compared = f.comparison && fr.framing !== BOTH;
    if (talk >= need && talk > f.negative && !compared) {
      // Round 12: the turns of an interview are one conversation (dialogue.ts).
      // Round 15 (tagrel15c): so is an interview's headline, the summary of the conversation
      // ("Hajiyev: a working group on the treaty is expected in Brussels" over an interview that
      // names Armenia in a question).
      const para = dialogue && (s >= fr.firstBody || s === fr.titleIdx) ? c.allParties : c.paraParties[f.para + 1] ?? 0;
      if (f.parties === BOTH) {
        // With a party of another dyad in the sentence, the dyad named more often is the subject.
        // Named as a pair ("progress between Azerbaijan and Armenia", welcomed by Ankara), the
        // dyad is the subject unless the other dyad is named more than twice as often.
        ok = Math.min(f.mentionsA, f.mentionsB) * (f.paired ? 2 : 1) >= f.otherMentions;
      } else if (f.other || f.pairOther) ok = false;
      else if (f.dyadic && ((fr.framing === BOTH && !thirdPartyFrame) || dyadSetUp)) ok = !otherPairBefore(facts, s);
      // One party named as a pair with a third state ("Italy and Azerbaijan signed a gas deal") is
      // that pair's process, not this dyad's, whatever the paragraph says of the other party.
      else if (f.pairedThird && f.parties !== BOTH && !f.anchor) ok = false;
      else if (f.parties !== 0 || f.anchor) {
        // A title naming one party needs the other in the lead; a topic anchor (Minsk Group,
        // TRIPP) in the title needs both parties anywhere in the article.
        ok = dyadSetUp || (!thirdPartyFrame && (para | fr.framing | (s === fr.titleIdx && f.anchor ? c.allParties : 0)) === BOTH);
        if (!ok && !thirdPartyFrame && s >= fr.firstBody && talk >= sc.sentenceTermWeight) ok = sideBySide(sc.sideWindow, facts, s, fr.firstBody);
      } else {
        const ctx = s === fr.titleIdx ? fr.leadParties : para | fr.framing;
        ok = (s > fr.firstBody && process[s - 1] === true && facts[s - 1]!.para === f.para) || (ctx === BOTH && (!thirdPartyFrame || dyadSetUp));
      }
    }
    if (!ok && f.reaction && !f.other && !f.pairOther && f.thirdParty === 0 && lastProcessPara >= f.para - 1 && c.allParties === BOTH) ok = true;
    process[s] = ok;
    if (ok) lastProcessPara = f.para;
    if (ok && f.parties === BOTH) dyadSetUp = true;
  }
  if (!thirdPartyFrame) leadIn(topic, c, fr, process);
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
      if (f.reaction && !f.other && !f.pairOther && f.thirdParty === 0 && f.negative <= f.terms && anchorPara <= f.para + 1) process[s] = true;
    }
    let chain = -100;
    for (let s = fr.firstBody; s < nSent; s++) {
      const f = facts[s]!;
      if (process[s]) {
        chain = f.para;
        continue;
      }
      if (!f.reaction || f.other || f.pairOther || f.thirdParty > 0) continue;
      if (f.terms >= sc.sentenceTermWeight * sc.framedTermFactor && f.terms > f.negative) process[s] = true;
      else if (chain >= f.para - 1) process[s] = true;
      if (process[s]) chain = f.para;
    }
  }
  return process;
}

/**
 * Round 15 (tag15a): in an interview a question and its answer are one exchange ("Is the treaty
 * ready?" then "The text is agreed."): the first sentence of an answer that itself carries a talks
 * term adds the talks weight of the question before it, a one-sentence paragraph with no
 * third-party process, no other dyad's party and no war cue. Called only in dialogue mode.
 * @returns the question's talks weight to add, or 0
 */
function askedOf(facts: SentenceFacts[], s: number, firstBody: number): number {
  const f = facts[s]!;
  if (s <= firstBody || f.terms === 0) return 0;
  const q = facts[s - 1]!;
  if (q.para !== f.para - 1 || (s >= 2 && facts[s - 2]!.para === q.para)) return 0;
  if (q.thirdParty > 0 || q.other || q.pairOther || q.negative > 0) return 0;
  return q.terms;
}

/**
 * Round 10 (tagrel10): one step told from each side in its own sentence ("Armenian border troops
 * took over the delimited stretch." ... "Units of Azerbaijan's border service took the sections
 * facing them."): sentence `s` names one party and no third state or its official, and names the
 * step with one strong term (delimitation, talks, initialling: `strongTerm`), and a body
 * sentence at most `window` sentences away names only the other party, no third state, no other
 * dyad, no third-party process, and is not a war sentence (its negative cues do not outweigh its
 * talks terms). The caller checks `s`'s talks weight (the full `sentenceTermWeight`).
 * @returns true when such a counterpart sentence exists; false when `window` is 0
 */
function sideBySide(window: number, facts: SentenceFacts[], s: number, firstBody: number): boolean {
  const f = facts[s]!;
  if (window === 0 || !f.strongTerm || f.parties === BOTH || f.parties === 0 || f.thirdStates > 0 || f.pairedThird) return false;
  const other = BOTH ^ f.parties;
  for (let t = Math.max(firstBody, s - window); t <= s + window && t < facts.length; t++) {
    const g = facts[t]!;
    if (t === s || g.parties !== other || g.thirdStates > 0 || g.pairedThird || g.other || g.pairOther || g.thirdParty > 0) continue;
    if (g.negative <= g.terms) return true;
  }
  return false;
}

/**
 * Round 10 (tagrel10): a body sentence right before a process sentence that names both parties,
 * in the same or the next paragraph, and naming a party or its official, is the event that sentence elaborates ("Vance met Aliyev in
 * Baku." then "They discussed the agreement initialled in Washington and TRIPP."): it needs
 * `scoring.leadInFactor` of the talks weight. Never a sentence naming another dyad's party, a
 * third-party process, a party paired with a third state, or a comparison. Marks `process` in place.
 */
function leadIn(topic: Topic, c: Collected, fr: Frame, process: boolean[]): void {
  const sc = topic.scoring;
  if (sc.leadInFactor >= 1) return;
  const facts = c.facts;
  for (let s = facts.length - 2; s >= fr.firstBody; s--) {
    const f = facts[s]!;
    const next = facts[s + 1]!;
    if (process[s] || !process[s + 1] || next.parties !== BOTH || next.para - f.para > 1) continue;
    if (f.parties === 0 || f.other || f.pairOther || f.thirdParty > 0 || f.pairedThird || f.comparison) continue;
    if (f.terms >= sc.sentenceTermWeight * sc.leadInFactor && f.terms > f.negative) process[s] = true;
  }
}

/**
 * Phase 5: the score from the process sentences (see the module comment).
 * @param minWords the fewest words of a body sentence that counts when it is not about the
 *   process (`scoring.minSentenceWords`; on a live page `scoring.liveEntryWords`)
 * @param header leading body paragraphs that are a page header's link list (round 19 tagrel19b,
 *   dialogue.ts `headerLines`; only for a text without its headline): not counted, as boilerplate
 */
function scoreOf(topic: Topic, c: Collected, fr: Frame, process: boolean[], labels: number, minWords: number, header = 0): { score: number; features: Features } {
  const sc = topic.scoring;
  const facts = c.facts;
  const nSent = facts.length;
  const weak = weakSentences(topic, c, fr, process);
  // Body sentences that count: about the process, or long enough to be content (a short line
  // that is not about the process is boilerplate: "Share", a date, a weather line).
  let bodyCount = 0;
  let bodyN = 0;
  // Words of the counted body sentences, and of those about the process (round 9: wordMajority).
  let bodyWords = 0;
  let processWords = 0;
  // Round 12: body process sentences that name both parties (wordShareBoth); round 14 (taglang14):
  // or name them together ("the two governments", "beider Länder": a `dyadic` term), as an
  // analysis's closing paragraphs on the treaty do.
  let bothN = 0;

  let negN = 0;
  let firstContent = -1;
  for (let s = fr.firstBody; s < nSent; s++) {
    const f = facts[s]!;
    const isWeak = weak !== null && weak[s] === true;
    if (f.para < header) continue;
    if (!process[s] && !isWeak && f.words < minWords) continue;
    bodyCount++;
    bodyWords += f.words;
    if (firstContent < 0) firstContent = s;
    if (process[s]) (bodyN++, (processWords += f.words), (f.parties === BOTH || f.dyadic) && bothN++);
    else if (isWeak) bodyN += sc.weakShare;
    else if (f.negative > f.terms) negN++;
  }
  let leadN = 0;
  let leadCount = 0;
  for (let s = fr.leadStart; s < fr.leadEnd; s++) {
    if (!process[s] && facts[s]!.words < minWords) continue;
    leadCount++;
    if (process[s]) leadN++;
  }
  // Without a headline, the first content sentence stands in for it (a teaser, a text cut from
  // its page without the title).
  const titleProcess = fr.titleIdx === 0 ? process[0] === true : firstContent >= 0 && process[firstContent] === true;
  const negShare = bodyCount > 0 ? negN / bodyCount : 0;
  const leadShare = leadCount > 0 ? leadN / leadCount : 0;
  // Guideline rule 7 counts text, not lines: when most of the body's words are about the process
  // (a long item on the talks after two one-line items, "Day in brief"), that word share counts.
  const sentenceShare = bodyCount > 0 ? bodyN / bodyCount : 0;
  const wordShare = bodyWords > 0 ? processWords / bodyWords : 0;
  // Round 12: a long analysis whose talks come late, in long sentences naming both parties:
  // their words count too, when at least wordShareBoth such sentences carry them (not one passing line).
  const byWords = (sc.wordMajority > 0 && wordShare >= sc.wordMajority) || (sc.wordShareMin > 0 && wordShare >= sc.wordShareMin && bothN >= sc.wordShareBoth);
  let bodyShare = byWords ? Math.max(sentenceShare, wordShare) : sentenceShare;
  // Round 10 (tagrel10b): a digest's self-contained section on the talks counts as a section.
  if (bodyShare < sc.sectionShare && digestSection(topic, c, fr, process, labels)) bodyShare = sc.sectionShare;
  let score = (titleProcess ? sc.title : 0) + sc.lead * leadShare + sc.body * Math.min(1, bodyShare / sc.bodyShareFull);
  // Only a title (a feed item without text): the title stands for the whole article.
  if (bodyCount === 0 && titleProcess) score = 1;
  score -= sc.negativePenalty * negShare;
  // Another dyad dominates the article when its parties are named more than twice as often as
  // the less-named party of this one (Armenia–Turkey stories that mention Azerbaijan).
  // So it does when the headline is about another dyad (names its party and neither of this
  // dyad's) and the article names that dyad at least as often as the less-named party ("Israel–Iran
  // ceasefire ... countries of the region, Azerbaijan and Armenia among them, welcomed it").
  const titleOther = fr.titleIdx === 0 && (facts[0]!.other || facts[0]!.pairOther) && facts[0]!.parties === 0 && c.otherTotal >= Math.min(c.totalA, c.totalB);
  const otherDominant = c.otherTotal > 2 * Math.min(c.totalA, c.totalB) || titleOther;
  if (otherDominant) score -= sc.otherDyadPenalty;
  const bothParties = c.allParties === BOTH;
  if (!bothParties) score *= sc.missingPartyFactor;
  score = round3(Math.max(0, Math.min(1, score)));
  return { score, features: { bothParties, titleProcess, leadShare: round3(leadShare), bodyShare: round3(bodyShare), negativeShare: round3(negShare), otherDominant, bodySentences: bodyCount } };
}

/**
 * Phase 2b: a topic anchor (TRIPP, the Minsk Group, the Zangezur corridor) belongs to this dyad's
 * process: in an article that names a party, a sentence naming the anchor names the dyad ("Armenia
 * will send the US its draft of the TRIPP agreement"), and so does the article.
 */
function applyAnchors(c: Collected): void {
  if (c.allParties === 0) return;
  for (const f of c.facts) {
    if (!f.anchor || f.parties === BOTH || f.other || f.pairOther) continue;
    f.parties = BOTH;
    c.allParties = BOTH;
    c.paraParties[f.para + 1] = BOTH;
  }
}

/**
 * Round 15 (tag15a), phase 3b: a text in one party's own language ("Prezidentin köməkçisi", "ԱԳ
 * նախարարը": the home side unnamed) that names only the other party, and no party of another
 * dyad anywhere, is framed by both: the home party is added to the article's parties, and the
 * framing names both (the named side is the article's subject, the home side its speaker), so
 * talks sentences naming the other side or no party are read as the dyad's. Mutates `c` and `fr`.
 * @param implied the home party's bit (Topic.homeLanguages), 0 for none
 */
function impliedParty(c: Collected, fr: Frame, implied: number): void {
  if (implied === 0 || c.allParties === 0 || c.allParties === BOTH || (c.allParties | implied) !== BOTH || c.otherTotal > 0) return;
  c.allParties = BOTH;
  fr.framing = BOTH;
}

/**
 * Scores one tokenized article: the phases above, in order.
 * @param tok words of the title (sentence 0 when the title has words) and body
 * @param matches non-overlapping lexicon matches over `tok`
 * @param article whether the text has its headline, and its rubric-label and dialogue-turn counts (facts.ts ArticleFacts)
 */
export function decide(topic: Topic, tok: Tokens, matches: Match[], article: ArticleFacts): Decision {
  const { hasTitle, rubricLabels: labels, dialogueTurns: turns = 0 } = article;
  const c = collect(topic, tok, matches);
  applyReleases(topic, c);
  // Round 15 (tagrel15c): parties named only in a dated pre-process event (history.ts), before anchors.
  const historyOnly = partiesOnlyInHistory(topic, tok, matches, c);
  applyAnchors(c);
  applyConflictTruce(topic, tok, matches, c, article.publishedYear ?? 0);
  // Round 18 (tagrel18b): a body of the dyad's process alone in the headline (own-anchor.ts).
  applyOwnAnchor(topic, tok, matches, c);
  const header = hasTitle ? 0 : article.headerLines ?? 0;
  const fr = frameOf(c.facts, hasTitle, topic.scoring.minSentenceWords, article.openLines ?? 0, header);
  impliedParty(c, fr, article.impliedParty ?? 0);
  if (!impliedSides(topic, c, fr) && !dyadicBody(topic, c, fr)) mediatorBody(topic, c, fr);
  // Round 16 (tag16a): a live page of one event (its entries as turns) reads like an interview.
  const minTurns = topic.scoring.dialogueTurns;
  const live = minTurns > 0 && (article.liveEntries ?? 0) >= minTurns && oneScene(topic, c);
  const process = markProcess(topic, c, fr, (minTurns > 0 && turns >= minTurns) || live);
  if (live) liveScene(c, process);
  // Round 16 (tag16a): a live page's entries are its content, however short ("10:00 Turnout 12%").
  const liveWords = topic.scoring.liveEntryWords > 0 && minTurns > 0 && (article.liveEntries ?? 0) >= minTurns ? Math.min(topic.scoring.liveEntryWords, topic.scoring.minSentenceWords) : topic.scoring.minSentenceWords;
  const { score, features } = scoreOf(topic, c, fr, process, labels, liveWords, header);
  // In an article that is not about the process, a talks sentence is background to another
  // story ("Ankara links the border to the Armenia–Azerbaijan peace process"): its states do not take part.
  // Round 16 (tag16c): published before the process began (rule 1: "2020 onward"), e.g. a 2011
  // report of the Kazan summit: the parties and the talks words are those of the earlier process.
  const year = article.publishedYear ?? 0;
  const publishedBefore = topic.scoring.historyBefore > 0 && year > 0 && year < topic.scoring.historyBefore;
  const relevant = features.bothParties && score >= topic.threshold && !historyOnly && !publishedBefore;
  const countries = participants(topic, tok, c, fr, relevant ? process : process.map(() => false), relevant);
  // The two sides of a process the article is about take part in it, however they are named
  // ("a joint request by Baku and Yerevan", "both countries").
  if (relevant) for (const p of topic.parties) countries.add(p);
  const mediators = mediatorsOf(topic, tok, c, fr, process, features.titleProcess, relevant);
  addGroupMembers(topic, c, mediators);
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
