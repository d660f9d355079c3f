/**
 * Per-word flags that depend on the word as written alone, computed once per distinct word by the
 * word cache (lookup.ts) and handed out by the tokenizer per word (`Tokens.flags`), so the later
 * steps test a bit instead of looking the word up again (tagspeed13: language identification's
 * function words and the role words of names.ts were a `Map`/`Set` look-up per word and call).
 * A leaf module: data and pure functions, no imports.
 *
 * Bits 0–10: the languages (LATIN_LANGS order) whose frequent function word the word is, in lower
 * case (language.ts); SCHWA: the word has ə or Ə (Azerbaijani); ROLE_WORD: the word introduces a
 * person's name (names.ts `ROLES`, set by lookup.ts); CYR_TITLE: a Cyrillic title in the
 * nominative (names-cyrillic.ts, round 18); SCRIPT_TITLE: an Armenian or Georgian title
 * (names-script.ts, round 19).
 */

/**
 * Function words that are frequent in one language's news text. Words shared by two languages
 * count for both; only a clear winner decides (see `FAST_MIN_HITS`, `FAST_MARGIN`).
 */
export const LATIN_WORDS: Record<string, string> = {
  en: 'the and of to in is was that for on with as by said from has have it its were will which',
  fr: 'le la les des du et est une dans pour que qui sur au aux avec par pas ont été ce cette',
  de: 'der die das und ist nicht mit den dem des ein eine auf für sich von zu im wurde sind auch',
  az: 'və ilə bu bir üçün da də olub olan edib ki isə onun üzrə arasında görə həm',
  tr: 've ile bir için olarak olan bu da de ise ancak gibi daha çok göre arasında',
  es: 'el la los las y de del que en por para con una es se fue al',
  it: 'il di che la le per del della dei degli con una sono nel nella alla è ha anche',
  pt: 'o os as de do da dos das em no na que para com uma foi pelo pela não',
  pl: 'i w z na się do że nie jest oraz przez po od jak dla został także',
  ro: 'și în de la cu pe care din pentru este un o să au fost al ale',
  nl: 'de het een van en in is op te dat met voor zijn niet door ook',
};
export const LATIN_LANGS = Object.keys(LATIN_WORDS);
/** Function word → bit mask of the languages (index in LATIN_LANGS) it belongs to. */
export const LATIN_INDEX = new Map<string, number>();
LATIN_LANGS.forEach((lang, k) => {
  for (const w of LATIN_WORDS[lang]!.split(' ')) LATIN_INDEX.set(w, (LATIN_INDEX.get(w) ?? 0) | (1 << k));
});
/** The language bits of a flags value. */
export const LATIN_MASK = (1 << LATIN_LANGS.length) - 1;
/** The word has ə or Ə. */
export const SCHWA = 1 << 16;
/** The word introduces a person's name (names.ts). */
export const ROLE_WORD = 1 << 17;
/** Round 18: the word is a Cyrillic title in the nominative (names-cyrillic.ts), any case. */
export const CYR_TITLE = 1 << 18;
/** Round 19 (tagact19): the word is an Armenian or Georgian title (names-script.ts). */
export const SCRIPT_TITLE = 1 << 19;

/**
 * The function-word bits of a word as written: the LATIN_INDEX mask of its lower case (words of at
 * most 9 characters, as language.ts looks them up) and SCHWA. Pure; never throws.
 */
export function functionWordFlags(word: string): number {
  let flags = word.length <= 9 ? LATIN_INDEX.get(word.toLowerCase()) ?? 0 : 0;
  if (word.includes('ə') || word.includes('Ə')) flags |= SCHWA;
  return flags;
}
