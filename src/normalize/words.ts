/**
 * Word counts without building the list of words (issue 17: the record stage counted the words
 * of each article three times with `text.match(/[\p{L}\p{N}]+/gu)`, an array of every word
 * only to read its length, ~1 ms of CPU and its garbage per article).
 *
 * A word is a maximal run of Unicode letters or digits (`[\p{L}\p{N}]+`); with `joined`, runs
 * linked by one apostrophe or hyphen (`'`, `’`, `-`) count as one word, as
 * `[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*` does ("don't", "Nagorno-Karabakh"). The counts equal
 * those regular expressions' match counts for every string (tests/unit/word-count.test.ts).
 */

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** 1 for each BMP code unit that is a letter or digit; built once from the same class as the regex. */
const BMP = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates: looked at as pairs
    if (WORD_CHAR.test(String.fromCharCode(c))) t[c] = 1;
  }
  return t;
})();

/** Width in code units of the letter or digit at `i` (1 or 2), or 0 when there is none. */
function wordCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return BMP[c]!;
  if (c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  return 0;
}

/**
 * Number of words in `s` (see the module doc).
 * @param joined count runs linked by one `'`, `’` or `-` as one word
 */
export function countWordRuns(s: string, joined = false): number {
  let n = 0;
  let i = 0;
  const len = s.length;
  while (i < len) {
    const w = wordCharAt(s, i);
    if (w === 0) {
      i++;
      continue;
    }
    n++;
    // consume the word: runs of letters/digits, and with `joined` one joiner followed by a letter/digit
    i += w;
    for (;;) {
      const v = i < len ? wordCharAt(s, i) : 0;
      if (v) {
        i += v;
        continue;
      }
      if (joined && i + 1 < len) {
        const c = s.charCodeAt(i);
        if ((c === 0x27 || c === 0x2019 || c === 0x2d) && wordCharAt(s, i + 1)) {
          i += 1;
          continue;
        }
      }
      break;
    }
  }
  return n;
}
