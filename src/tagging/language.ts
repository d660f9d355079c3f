/**
 * Language detection for records that carry no language: the script first (Armenian,
 * Cyrillic, Georgian, Greek, Hebrew, Arabic, CJK, ...), then, for Latin script, the
 * Azerbaijani letter ə and counts of very common function words per language.
 */

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Armenian}/gu, 'hy'],
  [/\p{Script=Cyrillic}/gu, 'cyrl'],
  [/\p{Script=Latin}/gu, 'latn'],
  [/\p{Script=Georgian}/gu, 'ka'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Devanagari}/gu, 'hi'],
];

/** Function words that are frequent in one language and rare in the others. */
const LATIN_WORDS: Record<string, Set<string>> = {
  en: new Set('the and of to in is was that for on with as by said from has have it its were will which'.split(' ')),
  fr: new Set('le la les des du et est une dans pour que qui sur au aux avec par pas ont été ce cette'.split(' ')),
  de: new Set('der die das und ist nicht mit den dem des ein eine auf für sich von zu im wurde sind auch'.split(' ')),
  az: new Set('və ilə bu bir üçün da də olub olan edib ki isə onun üzrə arasında görə həm'.split(' ')),
  tr: new Set('ve ile bir için olarak olan bu da de ise ancak gibi daha çok'.split(' ')),
  es: new Set('el la los las y de del que en por para con una es se fue al'.split(' ')),
};

const SAMPLE_CHARS = 4000;

/**
 * Detects the language of a text from its first 4,000 characters.
 * @returns a BCP 47 primary code (`en`, `fr`, `de`, `az`, `ru`, `uk`, `hy`, `ka`, ...), or null
 *   when the text has no letters or the script is Latin with no recognisable function words
 */
export function detectLanguage(text: string): string | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  let best = '';
  let bestN = 0;
  for (const [re, code] of SCRIPTS) {
    const n = sample.match(re)?.length ?? 0;
    if (n > bestN) {
      best = code;
      bestN = n;
    }
  }
  if (bestN === 0) return null;
  if (best === 'cyrl') {
    if (/[іїєґ]/iu.test(sample)) return 'uk';
    if (/[ўі]/iu.test(sample) && !/[и]/iu.test(sample)) return 'be';
    return 'ru';
  }
  if (best !== 'latn') return best;
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const counts: Record<string, number> = {};
  for (const w of words) for (const [lang, set] of Object.entries(LATIN_WORDS)) if (set.has(w)) counts[lang] = (counts[lang] ?? 0) + 1;
  // ə is used by Azerbaijani alone among the Latin-script languages we meet.
  const schwa = (sample.match(/[əƏ]/gu) ?? []).length;
  if (schwa >= 2 || (schwa >= 1 && words.length < 20)) return 'az';
  let lang: string | null = null;
  let n = 0;
  for (const [k, v] of Object.entries(counts)) if (v > n) [lang, n] = [k, v];
  return lang;
}
