/**
 * Round 19 (ext19a; tests/fixtures/extract/kinds/r19a-*, written for these tests in the shape of
 * old portal pages: a story column beside or above a list of teaser cards for other stories).
 * The card's linked headline weighs as a link line, but its one-sentence excerpt weighed as text,
 * so a card list pulled the container up to the page (story and cards together) or outweighed a
 * short story, and the excerpts stayed in the text (excerpts.ts). Likewise a thread of dated
 * reader posts under no comment name (`div#reactions`, a `<dl>` of "Name wrote on …:" and the
 * post) longer than the story (threads.ts); and a first paragraph set apart in an unnamed `<div>`
 * before the named body on a page without `<article>` (extend.ts). The kind tests fail on main;
 * the guards (a links round-up post whose items open with their link, a section front made of
 * cards only, a history page of dated entries, a picture's caption before the body) pass on both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://courier.example/news/late-trains');
const FIRST = 'The regional rail company will cut the evening service on the valley line from May';
const THIRD = 'A petition with more than two thousand names was handed in on Friday.';

describe('round 19 (ext19a): teaser-card excerpts beside a story', () => {
  it('leaves out a card column beside a story cut in two parts', () => {
    const x = extract('r19a-card-column-beside-story.html');
    expect(x.text).toContain(FIRST);
    expect(x.text).toContain('but made no promise to keep the late trains.');
    expect(x.text).not.toContain('The stage was rebuilt');
    expect(x.text).not.toContain('A leak in the main basin');
  });

  it('keeps a short story over a longer column of cards', () => {
    const x = extract('r19a-short-story-card-column.html');
    expect(x.text).toContain(FIRST);
    expect(x.text).toContain(THIRD);
    expect(x.text).not.toContain('More than twelve thousand people');
    expect(x.text).not.toContain('Work will start after the Easter market');
  });

  it('leaves out items that run a linked headline into its excerpt', () => {
    const x = extract('r19a-linked-lead-items.html');
    expect(x.text).toContain(FIRST);
    expect(x.text).toContain('though the journey will take almost twice as long.');
    expect(x.text).not.toContain('Theatre reopens');
    expect(x.text).not.toContain('Walkers are asked to use the road bridge');
  });

  it('leaves out a teaser list after the story set in the same element', () => {
    const x = extract('r19a-teaser-list-after-story.html');
    expect(x.text).toContain(FIRST);
    expect(x.text).toContain('but made no promise to keep the late trains.');
    expect(x.text).not.toContain('Visitors will pay two euros more');
    expect(x.text).not.toContain('Parents will be asked for their views');
  });

  it('guards: a round-up post keeps its linked items, a front of cards keeps its excerpts', () => {
    const r = extract('r19a-roundup-guard.html');
    expect(r.text).toContain('Every Friday we collect the pieces about trains and buses');
    expect(r.text).toContain('explains how drivers\' shifts were rearranged');
    expect(r.text).toContain('breaks the running costs down into energy, drivers and the wear of the track.');
    const f = extract('r19a-section-front-guard.html');
    expect(f.text).toContain('The stage was rebuilt and the seats replaced with wider ones.');
    expect(f.text).toContain('Work will start after the Easter market and last six weeks.');
  });

  it('leaves out a thread of dated reader posts under no comment name', () => {
    for (const name of ['r19a-dated-thread-divs.html', 'r19a-dated-thread-dl.html']) {
      const x = extract(name);
      expect(x.text).toContain('The old swimming hall on Canal Street will be pulled down');
      expect(x.text).toContain('would now ask for a share of the new building for its stalls on weekends.');
      expect(x.text).not.toContain('I learned to swim in that hall');
      expect(x.text).not.toContain('Was that thought about at all?');
    }
  });

  it('guards: entries of a history page, each a dated label and its text, stay', () => {
    const x = extract('r19a-dated-entries-guard.html');
    expect(x.text).toContain('The first public baths of the city');
    expect(x.text).toContain('Built beside the ring road with two halls');
  });

  it('keeps a first paragraph set apart before the named body on a page without <article>', () => {
    const x = extractArticle(fs.readFileSync(path.join(dir, 'r19a-lead-set-apart.html'), 'utf8'), 'https://post.example/news/flood');
    expect(x.text.startsWith('Dozens of families in the lower town spent Sunday night in the sports hall')).toBe(true);
    expect(x.text).toContain('Insurance companies have opened a telephone line');
    const g = extractArticle(fs.readFileSync(path.join(dir, 'r19a-lead-picture-guard.html'), 'utf8'), 'https://post.example/news/flood');
    expect(g.text).not.toContain('Firefighters carry sandbags');
    expect(g.text.startsWith('Dozens of families')).toBe(true);
  });
});
