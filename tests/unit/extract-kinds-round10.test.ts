/**
 * Fault kinds of issue 13, round 10 (tests/fixtures/extract/kinds/, written for these tests: they
 * keep the markup shape of trafilatura's dev-split pages that kept boilerplate after or inside the
 * story, not their text). The held fifth of that set loses its score on precision, more on
 * sectioned layouts (aggregate counts only). Each test that names a kind fails on main
 * (modules.ts `dropTrailingModules`; blocks.ts STRONG words in other languages, `postmetadata`,
 * inline boxes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/02/k10');

describe('modules after the story child of the container (round 10)', () => {
  it('drops the writer section, the sign-up box and the more-news cards after the story section', () => {
    const x = extract('trailing-modules-sectioned.html');
    expect(x.text.startsWith('From the first of March the morning ferry')).toBe(true);
    expect(x.text).toContain('cancelled twice for lack of money.');
    expect(x.text).toContain('will answer questions from eight in the morning.');
    expect(x.text).not.toContain('Tom Ashby has covered the islands');
    expect(x.text).not.toContain("Every Friday morning we send a short letter");
    expect(x.text).not.toContain('The harbour board has finally agreed');
    expect(x.text).not.toContain('Pupils of the island school');
  });

  it('keeps a story cut into chunks of the same tag and class, the short last chunk included', () => {
    const x = extract('story-in-chunks.html');
    expect(x.text).toContain('The old orchard behind the church gave fewer apples');
    expect(x.text).toContain('before the frost.');
    expect(x.text.endsWith('would welcome anyone who can help with the pruning.')).toBe(true);
  });
});

describe('boilerplate names in other languages and the post meta line (round 10)', () => {
  it('drops a German author box and reader comments (`div.autorenbox`, `section#kommentare`) inside the story element', () => {
    const x = extract('foreign-box-names.html');
    expect(x.text.startsWith('Am Ostufer des Sees stehen seit dieser Woche')).toBe(true);
    expect(x.text).toContain('kann sich beim Verein melden.');
    expect(x.text).not.toContain('Erika Sommer schreibt');
    expect(x.text).not.toContain('Kommentare');
    expect(x.text).not.toContain('mit dem Hund am Ufer entlang');
  });

  it("drops WordPress's `p.postmetadata` line (posted on … filed under …) after the post", () => {
    const x = extract('post-metadata-line.html');
    expect(x.text).toContain('It won the evening by one vote');
    expect(x.text).not.toContain('This entry was posted on');
  });

  it('drops an inline box set between the paragraphs (`c-inline-textbox`), keeping the story on both sides of it', () => {
    const x = extract('inline-box-in-story.html');
    expect(x.text).toContain('im Zweifel eine Probe untersuchen zu lassen.');
    expect(x.text).toContain('über mindestens zwei Wochen hinweg.');
    expect(x.text).toContain('als man zu brauchen glaubt.');
    expect(x.text).not.toContain('Aus dem aktuellen Heft');
    expect(x.text).not.toContain('Jetzt am Kiosk');
  });
});
