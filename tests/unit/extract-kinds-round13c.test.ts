/**
 * Fault kind of issue 13, round 13 (extract13c): an ingredient list set as tables before the
 * steps of a recipe (tests/fixtures/extract/kinds13c/, written for these tests: they keep the
 * markup shape of trafilatura's dev-split pages, not their text), and picture captions named
 * `legend` or `legende` between the paragraphs. The first and third tests fail on
 * main as it was before this round; the second is the guard of the first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds13c');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/02/k13c');

describe('an ingredient table before the steps (round 13c)', () => {
  it('keeps the group headings ending in a colon and the ingredients whose name is a link', () => {
    const x = extract('ingredient-table.html');
    expect(x.text).toContain('Für den Rührteig:');
    expect(x.text).toContain('Für den Belag:');
    expect(x.text).toContain('1 Pck.\nBackhaus Bourbon-Vanillezucker');
    expect(x.text).toContain('Weizenmehl Type 405');
    expect(x.text).toContain('Ceylon-Zimt, gemahlen');
    expect(x.text).toContain('säuerliche Äpfel, z. B. Boskop');
    expect(x.text).toContain('Vor dem Schneiden gut abkühlen lassen.');
    expect(x.text.indexOf('Für den Belag:')).toBeLessThan(x.text.indexOf('1 kg'));
    // The menu table (links in every cell) and the footer stay out.
    expect(x.text).not.toMatch(/^Rezepte$/m);
    expect(x.text).not.toContain('Torten');
    expect(x.text).not.toContain('© 2026');
  });

  it('leaves an archive table of dates and linked headlines inside the story out', () => {
    const x = extract('archive-table-in-story.html');
    expect(x.text).toContain('asked for the night work to be kept away from the spawning weeks in May.');
    expect(x.text).not.toContain('Pier repairs finished early');
    expect(x.text).not.toContain('Lighthouse open to visitors again');
  });
});

describe('captions named `legend` / `legende` (round 13c)', () => {
  it('leaves picture legends between the paragraphs out and keeps the text', () => {
    const x = extract('legend-captions.html');
    expect(x.text).toContain('Freiwillige des Vereins haben im Winter zwanzig neue Niströhren');
    expect(x.text).toContain('dauert bis in den Juli.');
    expect(x.text).not.toContain('Ein junger Steinkauz schaut aus seiner Röhre');
    expect(x.text).not.toContain('Die Streuobstwiese am Südhang');
  });
});
