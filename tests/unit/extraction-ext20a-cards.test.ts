/**
 * Round 20 (ext20a): teaser-card streams after a short story (fixtures
 * tests/fixtures/extract/kinds/r20a-card-stream-*, written for these tests after the shape of a
 * news portal's "others are reading" stream). Each card is a source line, a linked headline and a
 * one-sentence excerpt. Two shapes the round-19 card rule (excerpts.ts) missed, so the excerpts
 * weighed as text and pulled the container up to the page:
 * - every card wrapped in its own `li > div` (the cards' own parents hold one card each, only the
 *   list repeats);
 * - Chinese headlines of 10–13 characters, under the 15-character floor for a linked headline
 *   counted in Latin characters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://bay.example/news/pier');

describe('round 20 (ext20a): card streams after a short story', () => {
  it('leaves out a stream whose cards each sit in their own list item wrapper', () => {
    const x = extract('r20a-card-stream-wrapped.html');
    expect(x.text.startsWith('The town council of Marrow Bay voted on Tuesday evening')).toBe(true);
    expect(x.text.endsWith('said they would have liked more notice.')).toBe(true);
    expect(x.text).not.toContain('The central library will stay open');
    expect(x.text).not.toContain('Bay Courier · 2 days ago');
    expect(x.paragraphs ?? []).toHaveLength(4);
  });

  it('reads short Chinese linked headlines as headlines', () => {
    const x = extract('r20a-card-stream-short-headlines.html');
    expect(x.paragraphs ?? []).toHaveLength(4);
    expect(x.paragraphs?.[0]).toBe('（本報訊）市政府昨日宣布，舊渡輪碼頭因兩根木樁腐爛，將由下月起封閉維修約十一個星期。');
    expect(x.text).not.toContain('中央圖書館由下月起');
    expect(x.text).not.toContain('其他人也在看');
  });
});
