/**
 * Fault kinds of issue 13, round 9 (tests/fixtures/extract/kinds/, written for these tests: they
 * keep the markup shape of trafilatura's dev-split pages that kept boilerplate after or inside the
 * story, not their text). The kinds were chosen because the held fifth of that set shows twice
 * the dev split's rate of false positives, most after the story (aggregate counts only). Each
 * test fails on main (blocks.ts `TEASER_BOX`, `author-?info`; score.ts/text.ts `otherStoriesLabel`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/01/k9');

describe('boxes pointing to other stories (round 9)', () => {
  it('drops teaser cards set inside and after the story, keeping the story around them', () => {
    const x = extract('teaser-card-in-story.html');
    expect(x.text.startsWith('Nach zwei Jahren Bauzeit hat die Werft')).toBe(true);
    expect(x.text).toContain('Für die Fahrgäste ändert sich zunächst wenig.');
    expect(x.text).toContain('die noch bis Ende des Monats läuft.');
    expect(x.text).not.toContain('Der Ausbau der Kaimauer verzögert sich');
    expect(x.text).not.toContain('Am Deich werden im Winter neue Schafweiden');
  });

  it('drops an author-info box after the story (`articlepage-authorinfo`)', () => {
    const x = extract('author-info-box.html');
    expect(x.text).toContain('tell the same three stories about the winter of the great storm.');
    expect(x.text).not.toContain('Margaret Hale is a historian');
  });

  it('ends the story at the heading of a dropped related-stories box, not at the login notice after it', () => {
    const x = extract('related-box-heading-end.html');
    expect(x.text).toContain('damit die Unterseite nicht ausreißt.');
    expect(x.text).not.toContain('Das könnte Sie auch interessieren');
    expect(x.text).not.toContain('Sie sind aktuell nicht eingeloggt.');
    expect(x.text).not.toContain('Den Hobel richtig einstellen');
    // A teaser card between the paragraphs goes; the story goes on after it.
    expect(x.text).not.toContain('Ein Blatt mit vielen Zähnen');
  });
});
