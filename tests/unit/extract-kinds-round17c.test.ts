/**
 * Kinds found on the magic-html article benchmark where Readability.js kept less furniture than
 * we did (round 17, ext17c). Fixtures in tests/fixtures/extract/kinds17c/ are written for these
 * tests in the markup shape of the pages where the kind was found, not their text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds17c');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/03/k17c');

describe('teaser cards inside a story (round 17c)', () => {
  // Fails on main: the card's linked headline was dropped as a link line, and its overline and
  // byline-with-date stayed between the story's paragraphs.
  it('drops a card pointing at another story with its overline, byline and date', () => {
    const x = extract('teaser-card-in-story.html');
    expect(x.text).toContain('The harbour board said the new pier was built');
    expect(x.text).toContain('Passengers on the first crossing were met by volunteers');
    expect(x.text).toContain('A market in the old hall');
    expect(x.text).toContain('without a long contract.');
    expect(x.text).not.toContain('The case');
    expect(x.text).not.toContain('Martin Grey');
    expect(x.text).not.toContain('Ferry fares rise');
  });

  // Guard (passes on main too): a linked section heading whose wrapper holds a paragraph of the
  // story is no card; the paragraph stays.
  it('keeps the paragraphs under linked section headings', () => {
    const x = extract('linked-section-heading-guard.html');
    expect(x.text).toContain('Clubs will run until half past four');
    expect(x.text).toContain('Breakfast rooms will open at the usual time');
    expect(x.text).toContain('published on the district\'s website.');
  });
});
