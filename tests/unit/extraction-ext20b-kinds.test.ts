/**
 * Round 20 (ext20b; tests/fixtures/extract/kinds/r20b-*, written for these tests in the markup
 * shape of the pages where the kind was found, not their text; the pages were 2005–2013 news
 * portals of the DAnIEL corpus (el, ru, pl, zh, en) and a hand-labelled set of Chinese portal
 * pages):
 * - a list of teaser cards whose repeated unit is an ancestor of the headline-and-dek pair
 *   (`li.news-item > div.gap > div.text > (title, summary)`), some deks over 300 characters,
 *   beside a two-paragraph story: the cards were never grouped and outweighed the story;
 * - a column of linked headlines each with a hidden tooltip dek beside a one-paragraph story:
 *   the decks were found as cards, then weighed again as a label/value list and won;
 * - a Chinese portal's reprint disclaimer ("不得转载", "版权所有") under a story cell that also
 *   holds related headlines: the disclaimer read as sentences and was taken as the story;
 * - a Russian site's one-paragraph legal footer of 700+ characters opening with a reprint
 *   condition, under a short story: the footer was taken;
 * - a story element into which the page's side column (a newswire, a most-read list) is nested
 *   after the text by an unclosed ad-slot `<div>`: one paragraph of eight was kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://site.example/page/17');

describe('round 20 (ext20b): old portal pages in several languages', () => {
  it('leaves out teaser cards whose repeated unit wraps the headline and its dek', () => {
    const x = extract('r20b-nested-teaser-cards.html');
    expect(x.text).toContain('A woman in a village south of the capital wants to sell a stone');
    expect(x.text).toContain('a geologist from the regional museum has asked to see it before any sale goes ahead.');
    expect(x.text).not.toContain('Officials said on Tuesday');
    expect(x.text.length).toBeLessThan(500);
  });

  it('does not weigh tooltip decks of a headline column again as a label/value list', () => {
    const x = extract('r20b-tooltip-cards-one-paragraph.html');
    expect(x.text).toBe('The cosmetics group said that on 30 December it bought back 1,360 of its own shares at an average price of 1.99 euros each, for a total of 2,705 euros, under the plan approved by its general meeting in the summer of 2010.');
  });

  it('keeps a Chinese story over the portal reprint disclaimer below it', () => {
    const x = extract('r20b-cjk-reprint-disclaimer.html');
    expect(x.text.startsWith('像许多城市一样，这座老城的图书馆在冬天关门修缮了整整三个月。')).toBe(true);
    expect(x.text).toContain('届时读者可以凭同一张借书证到总馆借书。');
    expect(x.text).not.toContain('不得转载');
    expect(x.text).not.toContain('合作媒体');
  });

  it('keeps a short Russian story over a long legal footer that opens with a reprint condition', () => {
    const x = extract('r20b-long-legal-footer.html');
    expect(x.paragraphs).toEqual([
      'Разговоры о чужих делах помогают снять напряжение после трудного дня, считают психологи из одного американского университета, опросившие около двухсот студентов.',
      'По их словам, человек, который узнаёт, что у знакомых тоже бывают неприятности, начинает спокойнее относиться к собственным.',
      'Авторы исследования при этом предупреждают, что злые слухи действуют наоборот.',
    ]);
  });

  it('keeps every paragraph of a story whose element also holds a side column nested after the text', () => {
    const x = extract('r20b-nested-side-column.html');
    expect(x.text).toContain('The labour minister said on Thursday that the fate of the minimum wage');
    expect(x.text).toContain('"None of the groups we have met, neither employers nor workers,');
    expect(x.text).toContain('nor does it ask outright for the bonuses to be abolished, officials said.');
    expect((x.paragraphs ?? []).filter((p) => p.length > 100)).toHaveLength(8);
    expect(x.text).not.toContain('Short wire headline');
    expect(x.text).not.toContain('Most read story');
  });
});
