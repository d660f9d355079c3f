/**
 * Round 20 (tagsig20): a capital named as the other side of a relation — "military support to
 * Baku", "cooperación militar con Bakú", "relations with Baku", "ties with Moscow",
 * "Bakı ilə əlaqələr", "Բաքվի հետ հարաբերությունները" — is that state's government, not a
 * location of the story (tagging README, places: "a capital used only as a stand-in for its
 * government ... is not a place"). The words of relation and aid are topic data
 * (`cues.relation`: relations, cooperation, support, aid); the links are the datives and comitatives of the 14 languages below.
 */
import type { Match } from './match.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';

/**
 * Folded words that join a relation word to the capital after it: datives ("to", "a", "à" folds
 * to "a", "an") and comitatives ("with", "con", "avec", "mit", "с", "з", "із", "z", "ze", "با",
 * "مع") in en es fr de it ru uk pl fa ar.
 */
const LINKS_BEFORE: ReadonlySet<string> = new Set(['to', 'with', 'a', 'an', 'con', 'avec', 'mit', 'col', 'с', 'со', 'з', 'із', 'зі', 'z', 'ze', 'با', 'مع']);
/** Folded postpositions after the capital, before the relation word: Turkish "ile" and Azerbaijani "ilə" (folded "ile"), Armenian "հետ". */
const LINKS_AFTER: ReadonlySet<string> = new Set(['ile', 'հետ']);
/** Words back from the link to the relation word ("support to", "apoyo militar estadounidense a": adjectives may stand between). */
const BEFORE_SPAN = 3;
/** Words after the postposition in which the relation word may stand ("Bakı ilə hərbi əməkdaşlıq"). */
const AFTER_SPAN = 2;

/** True when folded word `w` is one of the folded `words` (`*` entries are stems). */
function isWord(words: string[], w: string): boolean {
  for (const n of words) if (n.endsWith('*') ? w.startsWith(n.slice(0, -1)) : w === n) return true;
  return false;
}

/**
 * True when the match (a stand-in capital) is the other side of a relation or aid word of
 * `topic.relation`: a link of LINKS_BEFORE right before it and the word at most BEFORE_SPAN words
 * before the link, or a postposition of LINKS_AFTER right after it and the word at most AFTER_SPAN
 * words after that, in its sentence. Pure; false when the topic lists no relation words.
 */
export function relatedTo(topic: Topic, tok: Tokens, m: Match): boolean {
  if (topic.relation.length === 0) return false;
  const s = tok.sentence[m.start];
  const d = m.start - 1;
  if (d >= 1 && tok.sentence[d] === s && LINKS_BEFORE.has(tok.folded[d]!)) {
    for (let i = d - 1; i >= 0 && i >= d - BEFORE_SPAN && tok.sentence[i] === s; i--) if (isWord(topic.relation, tok.folded[i]!)) return true;
  }
  const a = m.end;
  if (a < tok.folded.length && tok.sentence[a] === s && LINKS_AFTER.has(tok.folded[a]!)) {
    for (let i = a + 1; i <= a + AFTER_SPAN && i < tok.folded.length && tok.sentence[i] === s; i++) if (isWord(topic.relation, tok.folded[i]!)) return true;
  }
  return false;
}
