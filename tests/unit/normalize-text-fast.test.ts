/**
 * normalizeText (src/normalize/record.ts) returns text already in normal form without
 * rebuilding it (issue 17 round 14): the result must equal the full rebuild (NFC, CR/CRLF to
 * LF, paragraphs split at blank lines, control characters and whitespace runs collapsed per
 * line, lines trimmed, empty lines and paragraphs dropped) for every string, whichever path it
 * takes. Checked on generated strings of the characters the rules treat differently, on
 * strings built to be in normal form already (the fast path), and on hand-written edge cases.
 */
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/normalize/record.js';
import { seededRandom } from '../helpers/random.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/g;

/** The rule written out in full: what normalizeText computed for every string before round 14. */
function reference(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n'))
    .filter(Boolean)
    .join('\n\n');
}

const PIECES = [
  'a', 'Z', '7', 'é', 'e\u0301', 'Ա', 'Ж', '中', '😀', ' ', '  ', '\n', '\n\n', '\n\n\n', '\r', '\r\n', '\t', '\u00a0',
  '\u2028', '\u3000', '\ufeff', '\u0000', '\u0007', '\u000b', '\u000c', '\u001c', '\u001f', '\u007f', '\u0085', '.', '-',
];

describe('normalizeText', () => {
  it('equals the full rebuild on 20,000 generated strings', () => {
    const r = seededRandom(1714);
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      const len = Math.floor(r() * 24);
      for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)];
      expect(normalizeText(s), JSON.stringify(s)).toBe(reference(s));
    }
  });

  it('gives back text already in normal form as it is, and equals the rebuild on it', () => {
    const r = seededRandom(29);
    const words = ['Baku', 'Yerevan', 'talks', 'Ереван', 'Բաքու', 'café', '«peace»', '2026', '—'];
    for (let k = 0; k < 5_000; k++) {
      const paragraphs: string[] = [];
      for (let p = 0; p < 1 + Math.floor(r() * 4); p++) {
        const lines: string[] = [];
        for (let l = 0; l < 1 + Math.floor(r() * 3); l++) {
          lines.push(Array.from({ length: 1 + Math.floor(r() * 6) }, () => words[Math.floor(r() * words.length)]).join(' '));
        }
        paragraphs.push(lines.join('\n'));
      }
      const s = paragraphs.join('\n\n');
      expect(normalizeText(s)).toBe(s);
      expect(reference(s)).toBe(s);
    }
  });

  it('still rebuilds each kind of text that is not in normal form', () => {
    const cases = [
      '', ' ', '\n', 'a\n\n\nb', 'a \nb', 'a\n b', 'a  b', ' a', 'a ', '\na', 'a\n', 'a\tb', 'a\rb', 'a\r\n\r\nb',
      'a\u00a0b', 'a\u2028b', 'a\u0000b', 'a\u007fb', 'a\u001cb', 'a\n\u00a0\nb', 'e\u0301\n\ne\u0301 ', 'a\ufeffb',
    ];
    for (const s of cases) expect(normalizeText(s), JSON.stringify(s)).toBe(reference(s));
  });
});
