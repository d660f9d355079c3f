/**
 * Round 6 (relevance): the dyad's process set up anywhere in the article carries to its other
 * sentences, before as well as after (docs/tagging.md "Round 6 (relevance)").
 *
 * `markProcess` (score.ts) lets a talks sentence naming one party continue a process that an
 * earlier sentence naming both parties set up. Real coverage often puts that sentence last: a
 * visit announced in the headline before the paragraph that says what it is for ("US Vice
 * President to visit Yerevan and Baku" ... "his trip will advance the peace efforts and TRIPP").
 * Once one sentence naming both parties is about the process on its
 * own, this phase also marks, anywhere in the article, a sentence naming both parties with half the
 * talks weight (`scoring.sentenceTermWeight` / 2, the weight `markProcess` asks of a sentence
 * naming officials of both): "will visit Armenia and Azerbaijan", "signed in Baku and Yerevan".
 * A sentence naming one party before that sentence is not marked: in a story about something
 * else that closes on the talks, its own talks words belong to that story ("the Collective
 * Security Treaty Organization's summit" in a CSTO story). Never a sentence naming another
 * dyad's party, a third-party process (visa, accession), a party paired with a third state, or a
 * comparison in a story not framed by both parties; never when the story is framed by a
 * third-party process. Without such a sentence nothing changes: a
 * Georgian premier's bilateral tour of both neighbours ("will visit Azerbaijan and Armenia")
 * with "peace in the region" in a quote stays out.
 */
import { BOTH, type Collected, type Frame } from './facts.js';
import type { Topic } from './topic.js';
import { otherPairBefore } from './weak.js';

/**
 * Marks more sentences as about the process (in place) when one sentence naming both parties is.
 * @param process per sentence, from `markProcess`; changed in place
 * @param thirdPartyFrame the story is framed by a process with a third party (`markProcess`)
 */
export function extendSetUp(topic: Topic, c: Collected, fr: Frame, process: boolean[], thirdPartyFrame: boolean): void {
  const facts = c.facts;
  if (thirdPartyFrame || !facts.some((f, s) => process[s] === true && f.parties === BOTH)) return;
  const full = topic.scoring.sentenceTermWeight;
  for (let s = 0; s < facts.length; s++) {
    if (process[s]) continue;
    const f = facts[s]!;
    if (f.other || f.pairOther || f.thirdParty > 0 || f.pairedThird || (f.comparison && fr.framing !== BOTH)) continue;
    // Round 10: a sentence naming no party but "the two countries", "both neighbours" or a
    // mediator's role between them (a `dyadic` term) names both once the article has set them up.
    // Round 20 (tagrel20): not when the nearest earlier state-naming sentence is another pair's
    // ("Kyrgyzstan and Tajikistan placed pillars." then "Expert groups of the two countries ...").
    const both = f.parties === BOTH || (f.dyadic && f.parties === 0 && !otherPairBefore(facts, s));
    if (both && f.terms >= full / 2 && f.terms > f.negative) process[s] = true;
  }
}
