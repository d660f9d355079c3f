/**
 * Language identification for records that carry no language.
 *
 * The language identifier is the `eld` library (Efficient Language Detector, n-gram model,
 * 60 languages including all the languages the talks are reported in: en ru hy az fr de tr fa ar
 * ka es it uk pl, and their confusable neighbours ro pt ca nl bg be sr). Calling it costs about
 * 50–100 µs on a 250-character sample, as much as tagging the whole article, so two cheap
 * steps come first and decide only when the evidence leaves no doubt:
 * 1. the script, by Unicode block over the first 80 words: Armenian, Georgian, Greek, Hebrew,
 *    Devanagari, Thai, CJK and Hangul each belong to one language of news text;
 * 2. for Latin script, counts of very frequent function words per language: a clear winner
 *    (at least 6 hits and three times the runner-up) decides; Azerbaijani by its letter ə;
 *    for Cyrillic, letters only one language uses (ы э ъ: Russian, ї є ґ: Ukrainian).
 * For Arabic script, letters only Persian or only Arabic uses (see `arabicScript`).
 * Everything else (mixed Arabic-script letters, Urdu; Latin with few or mixed function words:
 * Italian, Polish, Romanian, Spanish...) goes to `eld`, with its extrasmall n-gram tables (same
 * answers on our labeled texts but one against small; measured: docs/tagging.md "Language"), held
 * compactly by ./eld-compact.ts (4 MB of heap in each thread that tags instead of 28).
 */
// extrasmall, not small: same answers but one on our labeled sets (docs/tagging.md "Language", issue 17).
// Its tables are held compactly (./eld-compact.ts: 4 MB of heap instead of 28, ~35 MB less RSS per
// thread that tags); the library's detection steps are computed over them directly (`loadFastEld`,
// tagspeed12: a third of the cost), with the library's answers (tests/unit/eld-compact.test.ts).
import { loadFastEld } from './eld-compact.js';
import { LATIN_INDEX, LATIN_LANGS, LATIN_MASK, SCHWA } from './word-flags.js';

const eld = await loadFastEld('extrasmall');

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
  if (c >= 0xfb50 && c <= 0xfeff) return 5;
  return -1;
}

/** A Latin-script text is decided without the library when its top language has this many hits... */
const FAST_MIN_HITS = 6;
/** ...and this many times the hits of the runner-up. */
const FAST_MARGIN = 3;
const SAMPLE_CHARS = 1000;
/** Words looked at: about the first 400–600 characters of news text. */
const SAMPLE_WORDS = 80;
/** Characters given to the library (its accuracy is flat above about 200). */
const LIBRARY_CHARS = 200;
const SCRIPT_CODES = ['latn', 'el', 'cyrl', 'hy', 'he', 'arab', 'hi', 'th', 'ka', 'ja', 'zh', 'ko'];
const WORDS = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Detects the language of a text from its first 1,000 characters.
 * @returns a BCP 47 primary code (`en`, `fr`, `it`, `pl`, `fa`, `ar`, `uk`, `hy`, `ka`, ...), or
 *   null when the text has no letters or no language can be told
 */
export function detectLanguage(text: string): string | null {
  const sample = typeof text === 'string' ? (text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text) : '';
  return detectLanguageOfWords(sample.match(WORDS) ?? []);
}

/**
 * Persian or Arabic from letters one of them alone uses: پ چ ژ گ and the Persian ی ک against
 * the Arabic ة ى ي ك. Decides only when one side has at least 5 and the other none; Urdu
 * letters (ے ٹ ڈ ڑ ں ھ) or a mix leave it to the library.
 */
function arabicScript(words: readonly string[], n: number): string | null {
  let persian = 0;
  let arabic = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      if (c === 0x67e || c === 0x686 || c === 0x698 || c === 0x6af || c === 0x6cc || c === 0x6a9) persian++;
      else if (c === 0x629 || c === 0x649 || c === 0x64a || c === 0x643) arabic++;
      else if (c === 0x6d2 || c === 0x679 || c === 0x688 || c === 0x691 || c === 0x6ba || c === 0x6be) return null;
    }
  }
  if (persian >= 5 && arabic === 0) return 'fa';
  if (arabic >= 5 && persian === 0) return 'ar';
  return null;
}

/** Asks the library about the first words (joined by spaces, at most LIBRARY_CHARS). */
function askLibrary(words: readonly string[], n: number): string | null {
  let s = '';
  for (let i = 0; i < n && s.length < LIBRARY_CHARS; i++) s += (i ? ' ' : '') + words[i];
  const lang = eld.detect(s).language;
  return lang ? lang : null;
}

/**
 * Detects the language from the words of a text, in order (the tagger passes the words it
 * already has): the script of the first 80 words, then the cheap rules or the library (see
 * the module comment).
 * @param flags the same words' flags (word-flags.ts `functionWordFlags`, as the tokenizer has them
 *   from its word cache), if at hand: the function-word look-ups are then not made again; the
 *   answer is the same either way
 */
export function detectLanguageOfWords(words: readonly string[], flags?: readonly number[]): string | null {
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
    const ru = /[ыэъ]/iu.test(sample);
    const uk = /[їєґ]/iu.test(sample);
    if (ru && !uk && !/[іў]/iu.test(sample)) return 'ru';
    if (uk && !ru) return 'uk';
    return askLibrary(words, n);
  }
  if (best === 'arab') return arabicScript(words, n) ?? askLibrary(words, n);
  if (best !== 'latn') return best;
  const hits = new Int32Array(LATIN_LANGS.length);
  let schwa = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (flags) {
      const mask = flags[i]! & LATIN_MASK;
      if (mask) for (let k = 0; k < hits.length; k++) if (mask & (1 << k)) hits[k]!++;
      if (schwa < 2 && (flags[i]! & SCHWA) !== 0) schwa++;
      continue;
    }
    if (w.length <= 9) {
      const mask = LATIN_INDEX.get(w.toLowerCase());
      if (mask) for (let k = 0; k < hits.length; k++) if (mask & (1 << k)) hits[k]!++;
    }
    if (schwa < 2 && (w.includes('ə') || w.includes('Ə'))) schwa++;
  }
  // ə is used by Azerbaijani alone among the Latin-script languages we meet.
  if (schwa >= 2 || (schwa >= 1 && n < 20)) return 'az';
  let top = -1;
  let first = 0;
  let second = 0;
  for (let k = 0; k < hits.length; k++) {
    if (hits[k]! > first) {
      second = first;
      first = hits[k]!;
      top = k;
    } else if (hits[k]! > second) second = hits[k]!;
  }
  if (top >= 0 && first >= FAST_MIN_HITS && first >= FAST_MARGIN * second) return LATIN_LANGS[top]!;
  const lang = askLibrary(words, n);
  // Round 14 (taglang14): on a Turkish teaser the library can answer Azerbaijani ("Azerbaycan
  // Cumhurbaşkanı İlham Aliyev ve Ermenistan Başbakanı..." in its first 80 characters, 2 of 5 real
  // Turkish teasers). Azerbaijani news text has ə in any sentence; Turkish letters (ı ğ ş) without
  // one are Turkish. An ASCII-only text keeps the library's answer.
  if (lang === 'az' && schwa === 0 && turkishLetters(words, n)) return 'tr';
  return lang;
}

/** Whether the first `n` words hold a letter of the Turkish alphabet outside ASCII (ı ğ ş İ Ğ Ş). */
function turkishLetters(words: readonly string[], n: number): boolean {
  for (let i = 0; i < n; i++) if (/[ığşİĞŞ]/u.test(words[i]!)) return true;
  return false;
}
