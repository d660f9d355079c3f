/**
 * Round 17 (tag17a, issue 12): two easings of the relevance decision found on real coverage
 * (docs/tagging.md "Round 17 (tag17a)"): the pair's peace ("peace between Armenia and Azerbaijan is
 * established": `pairedTerms`, `scoring.pairedTermFactor`, used by score.ts markProcess) and weak
 * one-line talks sentences of short framed wire texts (`scoring.weakShare`, used by score.ts scoreOf).
 */
import { BOTH, type Collected, type Frame, type SentenceFacts } from './facts.js';
import type { Topic } from './topic.js';

/**
 * Round 17 (tag17a): the sentence names both parties as a pair ("between Armenia and Azerbaijan",
 * "Հայաստանի ու Ադրբեջանի միջև") with a `pairedTerms` term (peace), and no third state, no party paired with one, no other dyad and
 * no third-party process. Round 18 (tag18a): a mediator's official announcing it is no third state
 * ("Michel announced that Baku and Yerevan confirmed their mutual recognition").
 */
export function pairedDyad(f: SentenceFacts): boolean {
  return (f.pairTerm || (f.capitalTerm && f.capitalPair)) && f.paired && f.parties === BOTH && f.thirdStates === f.mediatorOfficials && !f.pairedThird && !f.other && !f.pairOther && f.thirdParty === 0;
}

/**
 * Round 17 (tag17a): body sentences that are not about the process on their own but carry
 * `continuationFactor` of the talks weight, more than their negative cues, and name no other side
 * (no other dyad's party, no third state or a party paired with one, no third-party process, no
 * comparison), in an article with a process sentence whose framing (headline and lead, facts.ts
 * frameOf) names both parties and that names no other dyad's party: "Either we agree where and when to sign, or
 * we do not." after the constitution demand and a quote attribution. Each counts as
 * `scoring.weakShare` of a process sentence (scoreOf).
 * @returns per sentence, whether it is such a weak sentence; null when the article cannot have
 *   one (weakShare 0, another dyad's party named, framing without both parties, no process sentence)
 */
export function weakSentences(topic: Topic, c: Collected, fr: Frame, process: boolean[]): boolean[] | null {
  const sc = topic.scoring;
  const facts = c.facts;
  if (sc.weakShare === 0 || c.otherTotal > 0 || fr.framing !== BOTH || !process.includes(true)) return null;
  const weak: boolean[] = new Array(facts.length).fill(false);
  const need = sc.sentenceTermWeight * sc.continuationFactor;
  for (let s = fr.firstBody; s < facts.length; s++) {
    const f = facts[s]!;
    if (process[s] || f.terms < need || f.terms <= f.negative) continue;
    if (f.other || f.pairOther || f.thirdParty > 0 || f.thirdStates > 0 || f.pairedThird || f.comparison) continue;
    if (f.dyadic && otherPairBefore(facts, s)) continue;
    weak[s] = true;
  }
  return weak;
}

/**
 * Round 20 (tagrel20): "the two countries" refers back to the last pair of states named. When the
 * nearest earlier sentence naming any state names no party and is another pair's subject
 * (`pairOther`: "Kyrgyzstan and Tajikistan placed ten more border pillars." then "Expert groups of
 * the two countries are checking Soviet maps."), the dyadic sentence is that pair's, whatever the
 * article says of the parties later.
 * @param facts the article's sentence facts
 * @param s index of the dyadic sentence
 * @returns true when the nearest earlier state-naming sentence is another pair's
 */
export function otherPairBefore(facts: SentenceFacts[], s: number): boolean {
  for (let t = s - 1; t >= 0; t--) {
    const g = facts[t]!;
    if (g.parties !== 0) return false;
    if (g.pairOther) return true;
    if (g.thirdStates > 0 || g.other) return false;
  }
  return false;
}
