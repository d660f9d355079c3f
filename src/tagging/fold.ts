/**
 * Word characters and folding, shared by the tagger, the stories' tokenizer and search (split
 * from src/tagging/lexicon.ts, round 8 legibility split): `WORD` and `wordCharAt` say what a word
 * is (a run of Unicode letters, marks and digits), `foldWord` how a word is compared (lower case,
 * marks dropped, script variants unified). No lexicon state; pure functions of their input.
 */
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
/** A word: a run of letters, marks and digits (Unicode word boundaries). */
export const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Folds one word for matching: lower case, compatibility decomposition (NFKD, so the Armenian
 * ligature և becomes եւ), combining marks dropped (é→e, й→и, ё→е, ş→s, ğ→g), and the
 * Azerbaijani/Turkish letters ə→e, ı→i and German ß→ss that do not decompose.
 */
export function foldWord(word: string): string {
  let s = word.toLowerCase();
  if (NON_ASCII.test(s)) {
    s = s.normalize('NFKD').replace(MARKS, '');
    if (s.includes('ə') || s.includes('ı') || s.includes('ß')) s = s.replace(/ə/g, 'e').replace(/ı/g, 'i').replace(/ß/g, 'ss');
    // Arabic script: Persian and Arabic spell the same letters with different code points
    // (ی/ي/ى, ک/ك, ة/ه); the tatweel is decoration.
    if (ARABIC_VARIANTS.test(s)) s = s.replace(ARABIC_VARIANTS_G, (c) => ARABIC_FOLD[c]!);
    if (s.includes(ZWNJ)) s = joinZwnj(s);
  }
  return s;
}

const ZWNJ = '\u200c';
/**
 * Persian inflectional suffixes written after a zero-width non-joiner (folded: ی→ي): plural ها,
 * ezafe/indefinite ی, comparative تر... (Persian orthography; the Academy of Persian Language
 * and Literature's spelling rules write them detached with a ZWNJ).
 */
const PERSIAN_SUFFIXES = new Set(['ها', 'هاي', 'هايي', 'اي', 'ي', 'تر', 'ترين', 'اش', 'شان', 'مان', 'تان']);

/**
 * Persian writes compounds and suffixes with a zero-width non-joiner inside one word
 * (توافق‌نامه "agreement", نخست‌وزیر "prime minister", نشست‌ها "meetings"); outlets also drop it
 * (توافقنامه) or put a space. A word with ZWNJs is read as its parts joined, without a trailing
 * inflectional suffix: توافق‌نامه → توافقنامه, نشست‌ها → نشست. Multi-word forms in Arabic script
 * also match joined (compileLexicon, lexicon.ts), so نخست وزیر, نخست‌وزیر and نخستوزیر are one form.
 */
function joinZwnj(s: string): string {
  const parts = s.split(ZWNJ);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length === 0 || (out.length > 0 && PERSIAN_SUFFIXES.has(p))) continue;
    out += p;
  }
  return out;
}

const ARABIC_FOLD: Record<string, string> = { '\u06cc': '\u064a', '\u0649': '\u064a', '\u06a9': '\u0643', '\u0629': '\u0647', '\u0640': '' };
const ARABIC_VARIANTS = /[\u06cc\u0649\u06a9\u0629\u0640]/;
const ARABIC_VARIANTS_G = /[\u06cc\u0649\u06a9\u0629\u0640]/g;

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** Class of each UTF-16 code unit: 1 word character, 0 not, 2 surrogate (decided per code point). */
const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) CHAR_CLASS[c] = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
// The zero-width non-joiner is part of a Persian word (توافق‌نامه), not a boundary (see joinZwnj).
CHAR_CLASS[0x200c] = 1;

/**
 * Length (1 or 2 code units) of the word character (`WORD`: letter, mark or digit) at `i` of
 * `text`, or 0 when it is not one. Exported for the stories' tokenizer (src/stories/features.ts).
 */
export function wordCharAt(text: string, i: number): number {
  const k = CHAR_CLASS[text.charCodeAt(i)]!;
  if (k !== 2) return k;
  const cp = text.codePointAt(i)!;
  return cp > 0xffff && WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
}
