/**
 * countWordRuns (src/normalize/words.ts) gives the match counts of the regular expressions it
 * replaces, on generated strings mixing every kind of character the classes treat differently:
 * ASCII letters and digits, Latin with diacritics, combining marks (not letters: they split
 * words), Armenian, Cyrillic, Arabic, CJK, astral letters and digits (surrogate pairs), emoji,
 * lone surrogates, joiners (' ’ -) alone, doubled and at the ends, spaces and punctuation.
 */
import { describe, expect, it } from 'vitest';
import { countWordRuns } from '../../src/normalize/words.js';
import { seededRandom } from '../helpers/random.js';

const RUNS = /[\p{L}\p{N}]+/gu;
const JOINED = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

const PIECES = [
  'a', 'Z', '7', 'é', 'ß', 'ə', 'Ա', 'ք', 'Ж', 'ы', 'ب', '٣', '中', '文', 'ー', '\u0301', '\u093f', 'क',
  '𝐀', '𝟘', '😀', '\ud800', '\udc00', "'", '’', '-', '--', ' ', '\n', '.', ',', '«', '»', '\u00a0', '_', '½', 'Ⅻ',
];

/** A deterministic pseudo-random generator, so a failure can be replayed. */
const rng = seededRandom;

describe('countWordRuns', () => {
  it('equals the regular expressions match counts on 20,000 generated strings', () => {
    const r = rng(17);
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      const len = Math.floor(r() * 40);
      for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)];
      expect(countWordRuns(s), JSON.stringify(s)).toBe(s.match(RUNS)?.length ?? 0);
      expect(countWordRuns(s, true), JSON.stringify(s)).toBe(s.match(JOINED)?.length ?? 0);
    }
  });

  it('counts the words of ordinary text in several scripts', () => {
    const s = "Nagorno-Karabakh: Pashinyan's talks with Aliyev — Փաշինյան-Ալիև, Пашинян–Алиев, 3-й раунд.";
    expect(countWordRuns(s)).toBe(s.match(RUNS)!.length);
    expect(countWordRuns(s, true)).toBe(s.match(JOINED)!.length);
    expect(countWordRuns(s, true)).toBe(10);
    expect(countWordRuns('')).toBe(0);
    expect(countWordRuns(' -- ’ ', true)).toBe(0);
  });
});
