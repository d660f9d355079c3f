/**
 * One article's run of collect (collect.ts) as the entity steps read it (collect-entity.ts,
 * collect-scene.ts, collect-mention.ts): the shared inputs and the state carried from match to
 * match. Split from collect-entity.ts (round 19) so that each step's module can name it.
 */
import type { SignalCues } from './cues.js';
import type { Collected } from './facts.js';
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';

/**
 * One article's run of collect: what every match reads (the topic, the tokens, the cue positions
 * and the position lists built before the loop) and the state the loop carries from match to
 * match (word positions of the last party, third state, third capital and bystander named in the
 * current sentence, -100 for none; sentence indexes, -1 for none). `collect` builds one per article.
 */
export interface CollectRun {
  topic: Topic;
  tok: Tokens;
  c: Collected;
  cues: SignalCues;
  pA: string | undefined;
  pB: string | undefined;
  /** Names of organisations that are not states (collect-after.ts `nonStateNames`). */
  nonStates: Set<string>;
  /** Last word of each talks term (weight > 0), in text order. */
  termPos: number[];
  /** First word of each talks term (weight > 0), in text order. */
  termStart: number[];
  /** First and last word of every plain place (no stand-in, no building), in text order. */
  plainPlaces: number[];
  /** Place matches by first and last word (round 14: places joined by "and", position.ts `coordinatedLocative`). */
  placeMatches: { starts: Map<number, Match>; ends: Map<number, Match> };
  /** Positions of pairings of a party with a third state (collect-after.ts `finishSentences`). */
  pairs: number[];
  /** The state each pairing follows (its last word), by index of `pairs`. */
  partners: number[];
  /** States named after the goods term in its sentence: (word position, 1 third state / 0 party). */
  statePos: number[];
  /** Whether a role word stands next to the match (collect.ts). */
  officialNear: (m: Match) => boolean;
  /** Whether the match is named after a word for the next event, in its sentence. */
  future: (m: Match) => boolean;
  /** Whether a person's name of the lexicon starts at a word (route.ts `isPersonAt`). */
  personAt: (pos: number) => boolean;
  /** route.ts `routeCrossing`, `signersThenDeal`, `governmentSource` for this article. */
  crossed: (m: Match) => boolean;
  /** Round 19 (tagmed19b): true for a state a route avoids ("bypassing Russia", "в обход России"). */
  bypassed: (m: Match) => boolean;
  /** Round 19 (tagmed19b): true for a state of a list next to a border word ("a border with Iran and Turkey"). */
  bordered: (m: Match) => boolean;
  signed: (m: Match) => boolean;
  sourcedBy: (m: Match) => boolean;
  /** Names found inside a person's name (one sense per article); null until the first. */
  personNames: Set<string> | null;
  lastA: number;
  lastB: number;
  lastThird: number;
  lastThirdCapital: number;
  /** Round 18 (tagrel18c): end of the party paired only by a third capital before it, -100 for none. */
  capitalPaired: number;
  /** Round 18 (tagrel18c): whether the last name of each party was its capital. */
  capitalA: boolean;
  capitalB: boolean;
  lastSentence: number;
  lastBystander: number;
  lastBystanderName: string;
  bystanderSentence: number;
  /** Round 19 (tagsig19): end of the last third state not yet in a joined pair, and its sentence (`joinedPair`). */
  joinEnd: number;
  joinSentence: number;
  /** The last sentence with a goods term (collect.ts sets it), -1 for none. */
  goodsSentence: number;
}
