/**
 * Kinds found on public pages never scored before (round 17, ext17a; opendatalab/magic-html's
 * article benchmark and omnivore's Readability test pages, compared with Readability.js).
 * Fixtures in tests/fixtures/extract/kinds17a/ are written for these tests in the markup shape
 * of the pages where the kind was found, not their text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds17a');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/03/k17a');

describe('Chinese stories told in short paragraphs (round 17a)', () => {
  // Fails on main: every paragraph but one is under 100 characters, so they weighed as fragments
  // and the one long paragraph was taken alone.
  it('keeps every paragraph of a story whose paragraphs are 40-60 Han characters', () => {
    const x = extract('cjk-story-short-divs.html');
    expect(x.text).toContain('本周六上午，位于江城河畔的新图书馆正式向市民开放');
    expect(x.text).toContain('新馆共有五层，藏书约四十万册');
    expect(x.text).toContain('馆长李先生表示');
    expect(x.text).toContain('读者到馆后凭身份证领取即可。');
    expect(x.text).not.toContain('新能源汽车三月销量再创新高');
  });

  // Guard (passes on main too): teaser excerpts of a photo column, cut off and closed by a
  // "details" link, do not end a sentence and are not counted at the Han rate.
  it('still drops a column of cut-off teaser excerpts beside a short story', () => {
    const x = extract('cjk-teaser-excerpts-guard.html');
    expect(x.text).toContain('从本月起，东湖街道的三家社区食堂');
    expect(x.text).toContain('比一个人在家做饭强多了。');
    expect(x.text).not.toContain('志愿者们正在给新栽的柳树浇水');
    expect(x.text).not.toContain('【详细】');
  });
});

describe('a post set in headings (round 17a)', () => {
  // Fails on main: the trailing headings were cut as labels of boxes after the body, leaving the
  // lead paragraph alone.
  it('keeps a listicle whose items are long sentences in <h2>, one section per item', () => {
    const x = extract('listicle-sentence-headings.html');
    expect(x.text).toContain('the town council voted by eleven to four');
    expect(x.text).toContain('The route had been marked for closure');
    expect(x.text).toContain('Nurses on the late shift told the meeting');
    expect(x.text).toContain('to add a stop outside the college.');
    expect(x.text).not.toContain('Poll: should the market square');
  });

  // Guard (passes on main too): headline-like teaser headings after a story, none a closed
  // sentence, still go.
  it('still drops a run of teaser headlines after the story', () => {
    const x = extract('trailing-headlines-guard.html');
    expect(x.text).toContain('the slipway will reopen to leisure boats');
    expect(x.text).not.toContain('Coastguard volunteers train');
    expect(x.text).not.toContain('Ferry timetable changes');
  });
});
