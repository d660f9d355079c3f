/**
 * Fault kinds of issue 13, round 3 (tests/fixtures/extract/kinds/, written for these tests: they
 * keep the markup shape that made real pages of other extractors' test suites and of trafilatura's
 * set come out empty, much too short or from the wrong block, not their text).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/extract/blocks.js';
import { classNameLevel } from '../../src/extract/blocks.js';
import { extractArticle } from '../../src/extract/index.js';
import { blockWeight, pageWeights } from '../../src/extract/weights.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const extract = (name: string) => extractArticle(read(name), 'https://station.example/blog/morning-show');

describe('a short post whose one paragraph ends in "…"', () => {
  it('is the text, not the text widgets of the sidebar', () => {
    const x = extract('lone-ellipsis-post.html');
    expect(x.text).toContain('Our two hosts were delighted to welcome a lifeguard from the town beach');
    expect(x.text).toContain('promised on air…');
    expect(x.text).not.toContain('Wireless internet is free');
    expect(x.text).not.toContain('race day');
  });

  it('a page with two or more excerpts cut off with "…" still weighs them as teasers', () => {
    const x = extract('lone-ellipsis-post.html');
    const blocks = x.paragraphs ?? [];
    expect(blocks.length).toBeGreaterThan(0);
    const mk = (text: string): Block => ({
      text, len: text.length, linkLen: 0, tag: 'p', path: [], negs: [], caption: false, sep: '\n\n', pre: false,
      marks: { weak: new Set(), furniture: new Set() },
    });
    const one = mk(`${'A teaser sentence that runs on about the harbour and the boats. '.repeat(2)}and then…`);
    const two = mk(`${'Another teaser sentence about the market square and its stalls. '.repeat(2)}and so…`);
    expect(blockWeight(one)).toBeLessThan(0);
    expect(pageWeights([one])[0]).toBe(one.len);
    const both = pageWeights([one, two]);
    expect(both[0]).toBeLessThan(0);
    expect(both[1]).toBeLessThan(0);
  });
});

describe('"textwidget"-like compounds', () => {
  it('a one-word compound ending in "widget" names a widget, even with a content word in it', () => {
    expect(classNameLevel('textwidget')).toBe(1);
    expect(classNameLevel('tagcloudwidget')).toBe(1);
    expect(classNameLevel('elementor-widget-container')).toBe(0);
    expect(classNameLevel('text-content')).toBe(0);
  });
});

describe('verse and lyrics cut into lines by <br>', () => {
  it('the stanzas are the text, not the one sentence beside them', () => {
    const x = extract('verse-lines.html');
    expect(x.text).toContain('We walked the lantern road before the morning came\nThe river kept on singing');
    expect(x.text).toContain('Carry me home, carry me home\nDown by the water where the willows grow');
    expect(x.text).toContain('And nobody was counting all the hours of the night');
    expect(x.text).not.toContain('Song Words Daily has collected');
    expect(x.text).not.toContain('Harbour Bells');
  });
});

describe('a collection page', () => {
  it('its excerpts are the text, not the service notice beside them nor the list of firms', () => {
    const x = extract('collection-page.html');
    expect(x.text).toContain('drones fly along each blade and photograph the lightning conductors');
    expect(x.text).toContain('reads heat meters by radio and sends the readings to the tenants');
    expect(x.text).not.toContain('Storage Works GmbH');
    expect(x.text).not.toContain('Releases on this site may be used by newsrooms');
  });
});

describe('an article scattered between link lists (a wiki page)', () => {
  it('every paragraph of the article is kept; the contents, appearances and references are not', () => {
    const x = extract('scattered-wiki.html');
    expect(x.text).toContain('drew a light shower of clean rain');
    expect(x.text).toContain('the size of the cloud follows the calm');
    expect(x.text).toContain('A stronger form of the charm can fill a bucket');
    expect(x.text).toContain('an arm at the ceiling while the invigilator looked on');
    expect(x.text).not.toContain('Garden Quest Online');
    expect(x.text).not.toContain('chapter 9');
  });
});

describe('the only readable text sits in the article\'s own <header>', () => {
  it('is the text rather than nothing', () => {
    const x = extract('text-in-article-header.html');
    expect(x.text).toContain('doch vor allem sollen sie warm halten und gute Laune machen: Wintermützen!');
    expect(x.text).toContain('an kalten Tagen besser fühlt.');
    expect(x.text).not.toContain('Mode-Trends');
    expect(x.warnings).not.toContain('empty-text');
  });
});

describe('"promoted" at the end of a class token is a state, not a promo box', () => {
  it('a Drupal node flagged node-promoted is the article; promo boxes stay boilerplate', () => {
    expect(classNameLevel('node node-article node-promoted view-mode-full clearfix')).toBe(0);
    expect(classNameLevel('promoted-content')).toBe(2);
    expect(classNameLevel('article__promo')).toBe(2);
    const x = extract('promoted-node.html');
    expect(x.text).toContain('The waxed canvas bike bag ($95) is a good buy');
    expect(x.text).toContain('a wet month of riding to work along the river path.');
    expect(x.text).not.toContain('written permission');
  });
});

describe('a photo story: one paragraph among captioned pictures', () => {
  it('the captions (headings weighing next to nothing) are kept with the paragraph', () => {
    const x = extract('photo-story-captions.html');
    expect(x.text).toContain('Pepper, an old sheepdog, was on her morning walk by the lake');
    expect(x.text).toContain('Firefighter Ruth Moss slides a ladder out across the ice towards her');
    expect(x.text).toContain('Moss takes her by the collar and lifts her out of the water at last');
    expect(x.text).not.toContain('Page 1 of 2');
  });
});
