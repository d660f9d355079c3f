/**
 * Round 20 (ext20a): the story's own last paragraph, when short (fixtures
 * tests/fixtures/extract/kinds/r20a-story-end-*, written for these tests). The text pass cut
 * short trailing blocks that hold any link or run under 20 characters, so a story closing on
 * "Timetables are on the <a>night bus page</a>." or on a one-sentence Chinese paragraph of 15
 * characters lost its last line, which Readability keeps with its paragraph siblings (defuddle's
 * fixtures: category and script links in the last sentence). A closing line that is mostly a link
 * (a "More:" pointer to another story) or points out of the story ("… here.", "… unter
 * www.example.de.") still goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const URL = 'https://valley.example/local/night-bus';

describe('round 20 (ext20a): a short last paragraph of the story', () => {
  it('keeps a closing sentence that holds a link', () => {
    const x = extractArticle(read('r20a-story-end-short-link-line.html'), URL);
    expect(x.paragraphs ?? []).toHaveLength(4);
    expect(x.paragraphs?.[3]).toBe('Timetables are on the night bus page.');
    expect(x.text).not.toContain('Privacy');
  });

  it('keeps a closing Chinese sentence under 20 characters', () => {
    const x = extractArticle(read('r20a-story-end-short-cjk-line.html'), URL);
    expect(x.paragraphs ?? []).toEqual([
      expect.stringMatching(/^（本報訊）停駛近兩年/),
      '巴士逢星期五及星期六晚上十二時半及兩時由市集廣場開出，沿舊路線停靠各條村落。',
      '有村民表示，終於可以安心晚歸。',
    ]);
  });

  it('guard: a closing line that is mostly a link to another story still goes', () => {
    const html = read('r20a-story-end-short-link-line.html').replace(
      '<p>Timetables are on the <a href="/transport/night-bus">night bus page</a>.</p>',
      '<p>More: <a href="/local/coast-line">Coast line timetable changes this weekend</a>.</p>',
    );
    const x = extractArticle(html, URL);
    expect(x.paragraphs ?? []).toHaveLength(3);
    expect(x.text).not.toContain('Coast line timetable');
    for (const pointer of ['You can read last year\'s <a href="/local/night-bus-2024">report here</a>.', 'Weitere Infos unter <a href="https://valley.example">www.valley.example</a>.']) {
      const y = extractArticle(html.replace(/<p>More: .*?<\/p>/, `<p>${pointer}</p>`), URL);
      expect(y.paragraphs ?? []).toHaveLength(3);
    }
  });
});
