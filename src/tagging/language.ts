/**
 * Language detection for records that carry no language: the script first (by Unicode
 * block: Armenian, Cyrillic, Georgian, Greek, Hebrew, Arabic, CJK, ...), then, for Latin script, the
 * Azerbaijani letter ə and counts of very common function words per language.
 */

/** Script of a code point by block (enough to tell the scripts of news text apart). */
function scriptOf(c: number): number {
  if (c < 0x41) return -1;
  if (c <= 0x7a) return (c <= 0x5a || c >= 0x61) ? 0 : -1;
  if (c < 0xc0) return -1;
  if (c <= 0x24f || (c >= 0x1e00 && c <= 0x1eff)) return c === 0xd7 || c === 0xf7 ? -1 : 0;
  if (c >= 0x370 && c <= 0x3ff) return 1;
  if (c >= 0x400 && c <= 0x52f) return 2;
  if (c >= 0x531 && c <= 0x58f) return 3;
  if (c >= 0x590 && c <= 0x5ff) return 4;
  if (c >= 0x600 && c <= 0x6ff) return 5;
  if (c >= 0x900 && c <= 0x97f) return 6;
  if (c >= 0xe00 && c <= 0xe7f) return 7;
  if (c >= 0x10a0 && c <= 0x10ff) return 8;
  if (c >= 0x3040 && c <= 0x30ff) return 9;
  if (c >= 0x4e00 && c <= 0x9fff) return 10;
  if (c >= 0xac00 && c <= 0xd7af) return 11;
  if (c >= 0xfb13 && c <= 0xfb17) return 3;
  return -1;
}

/** Function words that are frequent in one language and rare in the others. */
const LATIN_WORDS: Record<string, Set<string>> = {
  en: new Set('the and of to in is was that for on with as by said from has have it its were will which'.split(' ')),
  fr: new Set('le la les des du et est une dans pour que qui sur au aux avec par pas ont été ce cette'.split(' ')),
  de: new Set('der die das und ist nicht mit den dem des ein eine auf für sich von zu im wurde sind auch'.split(' ')),
  az: new Set('və ilə bu bir üçün da də olub olan edib ki isə onun üzrə arasında görə həm'.split(' ')),
  tr: new Set('ve ile bir için olarak olan bu da de ise ancak gibi daha çok'.split(' ')),
  es: new Set('el la los las y de del que en por para con una es se fue al'.split(' ')),
};

const LATIN_LANGS = Object.keys(LATIN_WORDS);
/** Function word → bit mask of the languages (index in LATIN_LANGS) it belongs to. */
const LATIN_INDEX = new Map<string, number>();
LATIN_LANGS.forEach((lang, k) => {
  for (const w of LATIN_WORDS[lang]!) LATIN_INDEX.set(w, (LATIN_INDEX.get(w) ?? 0) | (1 << k));
});
const SAMPLE_CHARS = 1000;
/** Words looked at: about the first 400–600 characters of news text. */
const SAMPLE_WORDS = 80;
const SCRIPT_CODES = ['latn', 'el', 'cyrl', 'hy', 'he', 'ar', 'hi', 'th', 'ka', 'ja', 'zh', 'ko'];
const WORDS = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Detects the language of a text from its first 1,000 characters.
 * @returns a BCP 47 primary code (`en`, `fr`, `de`, `az`, `ru`, `uk`, `hy`, `ka`, ...), or null
 *   when the text has no letters or the script is Latin with no recognisable function words
 */
export function detectLanguage(text: string): string | null {
  const sample = typeof text === 'string' ? (text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text) : '';
  return detectLanguageOfWords(sample.match(WORDS) ?? []);
}

/**
 * Detects the language from the words of a text, in order (the tagger passes the words it
 * already has): the script by letters of the first 80 words, then for Cyrillic the Ukrainian
 * and Belarusian letters, for Latin the schwa ə (Azerbaijani) and function-word counts.
 */
export function detectLanguageOfWords(words: readonly string[]): string | null {
  const n = Math.min(words.length, SAMPLE_WORDS);
  const counts = new Int32Array(SCRIPT_CODES.length);
  for (let i = 0; i < n; i++) {
    const sc = scriptOf(words[i]!.charCodeAt(0));
    if (sc >= 0) counts[sc]! += words[i]!.length;
  }
  let best = '';
  let bestN = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k]! > bestN) {
      best = SCRIPT_CODES[k]!;
      bestN = counts[k]!;
    }
  }
  if (bestN === 0) return null;
  if (best === 'cyrl') {
    const sample = words.slice(0, n).join(' ');
    if (/[іїєґ]/iu.test(sample)) return 'uk';
    if (/[ўі]/iu.test(sample) && !/[и]/iu.test(sample)) return 'be';
    return 'ru';
  }
  if (best !== 'latn') return best;
  const hits = new Int32Array(LATIN_LANGS.length);
  let schwa = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (w.length <= 9) {
      const mask = LATIN_INDEX.get(w.toLowerCase());
      if (mask) for (let k = 0; k < hits.length; k++) if (mask & (1 << k)) hits[k]!++;
    }
    if (schwa < 2 && (w.includes('ə') || w.includes('Ə'))) schwa++;
  }
  // ə is used by Azerbaijani alone among the Latin-script languages we meet.
  if (schwa >= 2 || (schwa >= 1 && n < 20)) return 'az';
  let lang: string | null = null;
  let top = 0;
  for (let k = 0; k < hits.length; k++) {
    if (hits[k]! > top) {
      lang = LATIN_LANGS[k]!;
      top = hits[k]!;
    }
  }
  return lang;
}
