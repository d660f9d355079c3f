/**
 * What the story grouping reads from one article (pure functions, no state), in three phases:
 *
 * 1. tokens (./tokens.ts): folded words of the headline and the text;
 * 2. the copy fingerprint (./fingerprint.ts): MinHash, LSH bands and a bottom-k sketch of the
 *    word 3-shingles of the text (links left out; the headline too unless the text is very short);
 * 3. event keys (./event-keys.ts), the same in every language: the tagger's signals (canonical
 *    English names of actors, places, mediators, countries, terms), day-month dates in
 *    en/ru/hy/az/tr/fr/de month names or numeric form, and numbers; plus proper-noun stems of the
 *    article's own language (capitalised words inside a sentence: names the lexicon does not know).
 *
 * This module joins them (`articleFeatures`) and re-exports the phases' functions.
 */
import type { TopicSignals } from '../types.js';
import { eventKeys, type KeyWeights } from './event-keys.js';
import { bandHashes, minhashOf } from './fingerprint.js';
import { countWords, words, type Tokens } from './tokens.js';

export * from './event-keys.js';
export * from './fingerprint.js';
export * from './tokens.js';

/** Characters of an article's text read for its features (about 5,000 words): bounded cost on huge pages. */
export const MAX_TEXT_CHARS = 30_000;

/**
 * Fewest words of text for the copy fingerprint to leave the headline out (else headline and
 * text). 20 in round 4; 8 since round 5: a reprint cut to its first sentence (16 words) took its
 * headline into its fingerprint while its original did not, and no longer looked contained in it.
 */
export const MIN_BODY_WORDS = 8;

/** One article as the grouping sees it. Dates: epoch ms or null. */
export interface StoryInput {
  id: string;
  title: string;
  text: string;
  language: string | null;
  publishedAt: number | null;
  /** Source domain or name ("azatutyun.am"), or null. */
  source: string | null;
  feedId?: string | null;
  url?: string | null;
  /** Merged signals of the article's topics (the tagger's output). */
  signals: TopicSignals;
}

/** The features of one article. */
export interface ArticleFeatures {
  minhash: Uint32Array;
  /** The `SKETCH_SIZE` smallest distinct shingle hashes, ascending (all of them when fewer). */
  sketch: Uint32Array;
  /** Number of distinct shingles (for containment estimates). */
  shingles: number;
  /**
   * Words of the fingerprinted text's first paragraph (its lede), at most `shingles` (round 11):
   * the shingles beyond it are about `shingles - leadShingles`, the body a reprint keeps under a
   * new headline and a rewritten lede (./copies.ts, `sameBody`). `shingles` when the text has one
   * paragraph (no body told apart).
   */
  leadShingles: number;
  /** LSH band hashes (`bandHashes`; empty for an empty text). */
  bands: Uint32Array;
  keys: KeyWeights;
}


/** The bands of an empty text: none. */
const NO_BANDS = new Uint32Array(0);

/**
 * All features of one article.
 * Cost: linear in the text, read up to `MAX_TEXT_CHARS` (one pass for tokens, one hash per shingle).
 */
export function articleFeatures(input: StoryInput): ArticleFeatures {
  const head = words((input.title ?? '').slice(0, 1000));
  const raw = (input.text ?? '').slice(0, MAX_TEXT_CHARS);
  const body = words(raw);
  // the headline then the text, the text's first word starting a sentence (as after a line break)
  const tok: Tokens = { folded: head.folded.concat(body.folded), original: head.original.concat(body.original), starts: head.starts.concat(body.starts) };
  // the copy fingerprint is the text's alone when it has one: desks rewrite headlines of the
  // dispatches they reprint, and a new headline should not make a reprint look like another article
  // links are left out of the fingerprint ("Read more: https://…" under a truncated reprint): a
  // URL names the outlet, not the dispatch
  const print = hasLink(raw) ? words(stripLinks(raw)).folded : body.folded;
  const { minhash, shingles, sketch } = minhashOf(print.length >= MIN_BODY_WORDS ? print : head.folded.concat(print));
  return { minhash, shingles, sketch, leadShingles: print.length >= MIN_BODY_WORDS ? leadWords(raw, shingles) : shingles, bands: shingles >= 1 ? bandHashes(minhash) : NO_BANDS, keys: eventKeys(input, tok, head.folded, ledeOf(body)) };
}

const PARAGRAPH = /\n[ \t]*\n/;

/** Words of a text's first paragraph (links left out; counted, not tokenized: `countWords`), at most `max`; `max` when it has one paragraph. */
function leadWords(raw: string, max: number): number {
  const m = PARAGRAPH.exec(raw);
  if (!m) return max;
  const first = raw.slice(0, m.index);
  return Math.min(max, countWords(hasLink(first) ? stripLinks(first) : first));
}

/** Most words of a lede read for event kinds (round 9): a long first sentence is cut here. */
export const LEDE_WORDS = 60;

/**
 * The lede of a text, for event kinds (round 9): its folded words up to the start of the third
 * sentence (`Tokens.starts`), at most `LEDE_WORDS`. The first one or two sentences report the
 * occasion (who did what, where, when); the background comes after.
 */
export function ledeOf(body: Tokens): string[] {
  let n = 0;
  let end = Math.min(body.folded.length, LEDE_WORDS);
  for (let i = 1; i < end; i++) if (body.starts[i] && ++n === 2) end = i;
  return body.folded.slice(0, end);
}

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
function hasLink(text: string): boolean {
  return text.includes('http') || text.includes('www.');
}
/** The text with its URLs (http…, www.…) blanked. */
export function stripLinks(text: string): string {
  return text.replace(LINK, ' ');
}