/**
 * Per-word lookup in a compiled lexicon (lexicon.ts), with its word cache: which forms can start
 * at a word of text, longest first, with the cues of shorter forms merged in. Split from
 * src/tagging/lexicon.ts (round 8 legibility split).
 */
import { foldWord } from './fold.js';
import { PREFIX_KEY, WORD_CACHE_MAX, WORD_CACHE_MAX_LENGTH, type CompiledLexicon, type Pattern, type WordInfo } from './lexicon.js';
import { wordMatches } from './match.js';
import { isRoleWord } from './names.js';
import { isCyrillicTitle } from './names-cyrillic.js';
import { skeletonPattern } from './skeleton.js';
import { isScriptTitle } from './names-script.js';
import { CYR_TITLE, functionWordFlags, ROLE_WORD, SCRIPT_TITLE } from './word-flags.js';

/** Entry kinds that annotate a word (cues) rather than name something. */
const CUE_KINDS = new Set(['negative', 'mediation', 'background', 'backgroundAfter', 'history', 'release', 'captive', 'reaction', 'thirdParty', 'role', 'speech', 'border', 'meeting', 'boilerplate', 'sport', 'comparison', 'facility', 'upcoming', 'dated', 'travel', 'gratitude', 'occasion', 'occasionAfter', 'transit', 'sidelines', 'stance', 'voices', 'attempt', 'bypass']);

/**
 * At one word the longest single-word form wins, but a cue of a shorter form still holds
 * ("mediation" is the talks term `mediation*` and also matches the mediation cue `mediat*`):
 * the cue entries of the other single-word candidates are added to the winner (a new Pattern,
 * cached with the word).
 */
function mergeCues(lex: CompiledLexicon, cands: Pattern[]): void {
  const top = cands.findIndex((p) => p.words.length === 1);
  if (top < 0) return;
  // A cue never hides a name or a talks term of the same word ("summit" is the talks term and
  // the meeting cue): the first single-word candidate that names something leads.
  const cueOnly = (p: Pattern): boolean => p.entries.every((e) => CUE_KINDS.has(lex.entries[e]!.kind));
  if (cueOnly(cands[top]!)) {
    const named = cands.findIndex((p, k) => k > top && p.words.length === 1 && !cueOnly(p));
    if (named > 0) [cands[top], cands[named]] = [cands[named]!, cands[top]!];
  }
  // A negative cue of a shorter stem is not carried onto a word whose longer form names
  // something: "atəşkəs"/"ateşkes" (ceasefire) is not the war cue "atəş*" (fire), "Gazakh" is
  // not "gaz*" (gas). The longer, more specific form says what the word is.
  const names = !cueOnly(cands[top]!);
  let extra: number[] | null = null;
  for (let k = top + 1; k < cands.length; k++) {
    const p = cands[k]!;
    if (p.words.length !== 1) continue;
    for (const e of p.entries) {
      const kind = lex.entries[e]!.kind;
      if (names && kind === 'negative') continue;
      if (CUE_KINDS.has(kind) && !cands[top]!.entries.includes(e) && !(extra ?? []).includes(e)) (extra ??= []).push(e);
    }
  }
  // A literal with the fields in compileLexicon's order keeps every Pattern one shape (a spread copy
  // was a second hidden class at findMatches' property reads; tagspeed13).
  if (extra) cands[top] = { words: cands[top]!.words, entries: [...cands[top]!.entries, ...extra], letters: cands[top]!.letters };
}

/** Patterns whose first word matches a folded word (not sorted). */
function candidates(lex: CompiledLexicon, folded: string, word: string): Pattern[] {
  const cands: Pattern[] = [];
  for (const p of lex.exact.get(folded) ?? []) if (wordMatches(p.words[0]!, folded, word)) cands.push(p);
  if (folded.length >= PREFIX_KEY) {
    for (const p of lex.prefix.get(folded.slice(0, PREFIX_KEY)) ?? []) if (wordMatches(p.words[0]!, folded, word)) cands.push(p);
  }
  return cands;
}

/**
 * Looks a word (as written in the text) up in the lexicon's word cache, computing its entry on a
 * miss: its folded form and the patterns that can start at it, longest first (or null). A word
 * that starts no form is tried again without a proclitic, then by its consonant skeleton
 * (skeleton.ts). Caches words of at most WORD_CACHE_MAX_LENGTH characters (mutates
 * `lex.words`). Never throws.
 */
export function wordInfo(lex: CompiledLexicon, word: string): WordInfo {
  const c = cachedWord(lex, word);
  return typeof c === 'string' ? { folded: c, starts: null } : c;
}

/**
 * `wordInfo` as the cache holds it, without an object for the common case: a string is the
 * folded form of a word that starts no form (`starts` null) and has no flags (word-flags.ts);
 * otherwise the WordInfo, with its `flags` (0 when none). The
 * tokenizer's per-word call (tokenize.ts). Never throws.
 */
export function cachedWord(lex: CompiledLexicon, word: string): WordInfo | string {
  const hit = lex.words.get(word);
  if (hit !== undefined) return hit;
  const folded = foldWord(word);
  let cands = candidates(lex, folded, word);
  if (cands.length === 0 && lex.proclitics.length > 0 && folded.charCodeAt(0) > 127) {
    // Every proclitic that leaves a known start is tried, longest first: "والولايات" read as
    // وال + "ولايات" starts only a longer form (a world state's "ولايات ميكرونيزيا المتحدة"),
    // و + "الولايات" the United States (countries8). A single-word form ends the search.
    for (const p of lex.proclitics) {
      if (folded.length - p.length < PREFIX_KEY || !folded.startsWith(p)) continue;
      const more = candidates(lex, folded.slice(p.length), word.slice(p.length));
      for (const c of more) if (!cands.includes(c)) cands.push(c);
      if (more.some((c) => c.words.length === 1)) break;
    }
  }
  if (cands.length === 0) {
    const p = skeletonPattern(lex.skeletons, lex.proclitics, word, folded);
    if (p) cands = [p];
  }
  cands.sort((a, b) => b.words.length - a.words.length || b.letters - a.letters);
  mergeCues(lex, cands);
  // Round 13 (tagspeed13): the word's flags (word-flags.ts) travel with it, so the tokenizer hands
  // them out per word; a word with flags but no form is an object too (starts null).
  const flags = functionWordFlags(word) | (isRoleWord(word) ? ROLE_WORD : 0) | (isCyrillicTitle(word) ? CYR_TITLE : 0) | (isScriptTitle(word) ? SCRIPT_TITLE : 0);
  if (word.length > WORD_CACHE_MAX_LENGTH) return cands.length || flags ? { folded, starts: cands.length ? cands : null, flags } : folded;
  // Cached words (and their folded form, often the same string) are copied out of the text:
  // a word of 13+ characters sliced from it is a V8 sliced string that keeps the whole text alive.
  // A folded form equal to the word is the key string itself (one copy, not two).
  const key = detached(word);
  const f = folded === word ? key : detached(folded);
  const entry: WordInfo | string = cands.length || flags ? { folded: f, starts: cands.length ? cands : null, flags } : f;
  if (lex.words.size >= WORD_CACHE_MAX) lex.words.clear();
  lex.words.set(key, entry);
  return entry;
}

/**
 * A flat copy of `s` that does not keep the string it was sliced from alive (V8 makes slices of
 * 13+ characters "sliced strings" of their parent: as cache keys they held whole article texts,
 * issue 17; the same fault as src/extract/blocks.ts `detachedString`). `' ' + s` flattened and
 * sliced again would itself be a sliced string (32 bytes more, over a copy one character longer):
 * joining the characters builds one sequential string.
 */
function detached(s: string): string {
  return s.length < 13 ? s : [...s].join('');
}
