/**
 * Round 14 (tagrel14b): a headline and the first sentence of its lead tell one event.
 *
 * Real short items split the event between the two: the headline names the leaders and the host,
 * the lead says what was done ("Putin hosts Aliyev and Pashinyan in the Kremlin" / "the deputy
 * prime ministers are close to agreeing on opening the transport links"; "Michel sees Aliyev,
 * Pashinyan near Chisinau" / "The five met for ninety minutes"), or the headline names the event
 * and the lead the leaders ("Five-way meeting in Moldova" / "Michel, with Macron and Scholz,
 * hosted Aliyev and Pashinyan"). Neither sentence reaches its talks weight alone: the one naming
 * officials of both parties has no talks word, the other names no party.
 *
 * `headlinePair` lends the talks weight of the sentence naming no party to the sentence naming
 * officials of both parties, when:
 * - the article has a headline and a lead sentence (`Frame.titleIdx` 0, `Frame.leadStart`);
 * - one of them names officials of both parties (`officials` BOTH), not each in its own capital
 *   (`sceneParties` not BOTH: "met Aliyev in Baku and Pashinyan in Yerevan" is two visits);
 * - the other names no party and carries at least `scoring.headlinePairFactor` of
 *   `sentenceTermWeight` in talks words;
 * - neither names another dyad's party, a pair of other states, a third-party process (visa,
 *   accession), a comparison, or has war cues outweighing its talks words.
 * The borrowing sentence still has to pass `markProcess`'s own test (half the weight, for officials
 * of both parties); nothing else changes. Off when `headlinePairFactor` is 0.
 */
import { BOTH, type SentenceFacts, type Frame } from './facts.js';
import type { Topic } from './topic.js';

/** A sentence that can take part in a headline–lead pair (see the module comment). */
function clean(f: SentenceFacts): boolean {
  return !f.other && !f.pairOther && f.thirdParty === 0 && !f.comparison && f.negative <= f.terms;
}

/**
 * Talks weight lent between the headline and the first lead sentence.
 * @returns null when no weight is lent, else `[sentence index, weight]` (weight in talks-term units,
 *   added to that sentence's own talks weight by `markProcess`)
 */
export function headlinePair(topic: Topic, facts: SentenceFacts[], fr: Frame): [number, number] | null {
  const factor = topic.scoring.headlinePairFactor;
  if (factor <= 0 || fr.titleIdx !== 0 || fr.leadStart <= 0 || fr.leadStart >= facts.length) return null;
  const title = facts[0]!;
  const lead = facts[fr.leadStart]!;
  if (!clean(title) || !clean(lead)) return null;
  const enough = topic.scoring.sentenceTermWeight * factor;
  const leaders = (f: SentenceFacts): boolean => f.officials === BOTH && f.sceneParties !== BOTH;
  if (leaders(title) && lead.parties === 0 && lead.terms >= enough) return [0, lead.terms];
  if (leaders(lead) && title.parties === 0 && title.terms >= enough) return [fr.leadStart, title.terms];
  return null;
}
