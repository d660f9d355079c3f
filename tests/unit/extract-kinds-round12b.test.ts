/**
 * Fault kinds of issue 13, round 12 (extract12b): kinds from the dev pages where a peer extractor
 * (Readability 0.6 + linkedom, readability-lxml) beats this one by more than 0.1 (newspaper's
 * page/text pairs, trafilatura's dev split). Fixtures in tests/fixtures/extract/kinds/ are written
 * for these tests and keep only the markup shape of those pages. Each test fails on main.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/12/k12b');
const count = (s: string, part: string) => s.split(part).length - 1;

describe('the story set twice, once per layout (round 12b)', () => {
  it('keeps each paragraph of a story given in a wide and a narrow container once', () => {
    const x = extract('story-twice-per-layout.html');
    expect(count(x.text, 'When the nights draw in, the old video shop')).toBe(1);
    expect(count(x.text, 'Blankets optional, popcorn not.')).toBe(1);
    expect(x.text.startsWith('When the nights draw in')).toBe(true);
  });

});
