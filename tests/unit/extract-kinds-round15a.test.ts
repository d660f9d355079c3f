/**
 * Fault kinds of issue 13, round 15 (ext15a): kinds from the dev pages of other extractors'
 * suites (newspaper's and newspaper4k's pairs, fundus's converted pages, Postlight's and goose3's
 * fixtures) where Readability 0.6 + linkedom keeps better text. Fixtures in
 * tests/fixtures/extract/kinds15a/ are written for these tests and keep only the markup shape of
 * such pages. Each test fails on main (29ae231) except the guards named so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds15a');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/12/k15a');

describe('a side column inside page-wide wrappers (round 15a)', () => {
  it('drops the teaser column after the story when every wrapper above holds all the weight', () => {
    const x = extract('side-column-in-page-wrappers.html');
    expect(x.text).toContain('The tall gantry crane at the east quay');
    expect(x.text).toContain('before they book a berth.');
    expect(x.text).not.toContain('island ferry will run two extra crossings');
    expect(x.text).not.toContain('looking for a tenant');
    expect(x.text).not.toContain('February 11, 2026');
  });
});

describe('a story cut into body-named chunks, the last one with modifier classes (round 15a)', () => {
  it('keeps the chunks before the last one', () => {
    const x = extract('body-chunks-last-modifier.html');
    const order = ['The regional rail line between the valley towns', 'Two extra trains will leave', 'Residents near the depot', 'Bar owners in the old town', 'once it is finished.'].map((s) => x.text.indexOf(s));
    for (const i of order) expect(i).toBeGreaterThanOrEqual(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(x.text).not.toContain('Station lifts out of order');
    expect(x.text).not.toContain('Copyright The Valley Courier');
  });
});

describe('teaser cards after a story set as the container\'s own paragraphs (round 15a)', () => {
  it('drops the cards whose headings link to other pages', () => {
    const x = extract('teaser-cards-after-own-paragraphs.html');
    expect(x.text).toContain('Die Stadtbibliothek öffnet ab Januar');
    expect(x.text).toContain('Kosten trägt zunächst die Stadt');
    expect(x.text).toContain('über eine dauerhafte Regelung entscheiden.');
    expect(x.text).not.toContain('Stadtmuseum Schlange');
    expect(x.text).not.toContain('Baupreise');
    expect(x.text).not.toContain('Radweg im April');
  });

  it('keeps a last section set in a <div> without a linked heading (guard; passes on main too)', () => {
    const x = extract('last-section-in-div-guard.html');
    expect(x.text).toContain('The loop after the change');
    expect(x.text).toContain('exiftool -T -DateTimeOriginal');
    expect(x.text).toContain('rather than with the cost of starting programs.');
  });
});

describe('a video placeholder set as role="button" inside the story (round 15a)', () => {
  it('leaves out the player\'s labels, as it does for a <button>', () => {
    const x = extract('video-placeholder-button.html');
    expect(x.text).toContain('closer to one in ten.');
    expect(x.text).toContain('The survey\'s authors called');
    expect(x.text).not.toContain('watch now');
    expect(x.text).not.toContain('03:18');
  });
});
