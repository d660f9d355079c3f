import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/extract');
const base = fs.readFileSync(path.join(fixtures, 'article.html'), 'utf8');
const URL_ = 'https://wire.example.org/2023/06/13/geneva-talks';

const BODY = [
  'The foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday',
  'The meeting lasted more than four hours',
  'Diplomats said the two delegations agreed to exchange new drafts',
  'both described the atmosphere of the talks as constructive and businesslike.',
];

function page(slot: 'TOP' | 'MIDDLE' | 'BOTTOM', html: string): string {
  return base.replace(`<!--BOILERPLATE-${slot}-->`, html);
}

// One row per kind of boilerplate: where it sits, its markup, a phrase that must not leak.
const KINDS: { kind: string; slot: 'TOP' | 'MIDDLE' | 'BOTTOM'; html: string; phrase: string }[] = [
  { kind: 'navigation', slot: 'TOP', html: '<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics news and analysis</a></li></ul></nav>', phrase: 'Politics news' },
  { kind: 'share bar', slot: 'TOP', html: '<div class="share-bar"><span>Share this article on Facebook, Twitter and by email today</span></div>', phrase: 'Share this article' },
  { kind: 'byline and dateline', slot: 'TOP', html: '<div class="article-byline">By Jane Doe, Geneva correspondent</div><div class="date">13 June 2023</div>', phrase: 'Jane Doe' },
  { kind: '"read also" box', slot: 'MIDDLE', html: '<div class="read-also"><p>Read also: Ministers to meet again in the autumn, officials say in a statement</p></div>', phrase: 'Ministers to meet again' },
  { kind: 'inline related links', slot: 'MIDDLE', html: '<ul><li><a href="/a">Talks stall over border map dispute in Brussels round</a></li><li><a href="/b">Ceasefire violations reported overnight along the line</a></li></ul>', phrase: 'Talks stall' },
  { kind: 'advertisement', slot: 'MIDDLE', html: '<div class="ad-slot"><p>Advertisement</p><p>Buy the new phone now with a big discount for readers of this page.</p></div>', phrase: 'Buy the new phone' },
  { kind: 'comments', slot: 'BOTTOM', html: '<section id="comments"><h3>Comments</h3><p>First! This is a very long comment by a reader who has a lot to say about the talks.</p></section>', phrase: 'First!' },
  { kind: 'cookie banner', slot: 'BOTTOM', html: '<div class="cookie-consent"><p>We use cookies to improve your experience on our site and to show you personalised ads.</p></div>', phrase: 'We use cookies' },
  { kind: 'newsletter box', slot: 'BOTTOM', html: '<div class="newsletter-signup"><p>Get the morning briefing in your inbox every day: sign up for our newsletter now.</p></div>', phrase: 'morning briefing' },
  { kind: 'unrelated image caption', slot: 'BOTTOM', html: '<aside class="promo"><figure><img src="/cup.jpg"><figcaption>Qarabag fans celebrate the cup final win in Baku on Sunday evening.</figcaption></figure></aside>', phrase: 'cup final' },
  { kind: 'hidden element', slot: 'MIDDLE', html: '<div style="display:none"><p>This paragraph is hidden from readers and must not be extracted at all.</p></div>', phrase: 'hidden from readers' },
];

describe('boilerplate is dropped, the article body kept', () => {
  it('the plain page gives the four paragraphs and no site chrome', () => {
    const x = extractArticle(base, URL_);
    expect(x.paragraphs).toHaveLength(4);
    expect(x.text.startsWith(BODY[0])).toBe(true);
    expect(x.text.endsWith(BODY[3])).toBe(true);
    expect(x.text).not.toContain('All rights reserved');
    expect(x.text).not.toContain('Foreign ministers meet in Geneva');
  });
  for (const k of KINDS) {
    it(`drops ${k.kind}`, () => {
      const x = extractArticle(page(k.slot, k.html), URL_);
      for (const p of BODY) expect(x.text).toContain(p);
      expect(x.text).not.toContain(k.phrase);
    });
  }
});

describe('text output', () => {
  it('keeps headings, list items, quotes and table cells as their own lines', () => {
    const html = page('MIDDLE', '<h2>What was agreed</h2><ul><li>A new draft within a month.</li><li>Another meeting before the end of the year.</li></ul>' +
      '<blockquote><p>We are closer to peace than ever before, the minister told reporters.</p></blockquote>' +
      '<table><tr><td>Border length</td><td>about 1,000 km</td></tr></table>');
    const x = extractArticle(html, URL_);
    expect(x.text).toContain('\n\nWhat was agreed\n\nA new draft within a month.\nAnother meeting before the end of the year.\n\n');
    expect(x.text).toContain('\n\nWe are closer to peace than ever before, the minister told reporters.\n\n');
    expect(x.text).toContain('Border length\nabout 1,000 km');
  });
  it('reads text inside javascript: anchors as text, and keeps a page of fragments whole', () => {
    const x = extractArticle('<html><body><a href="javascript:void(0)"><p>abc</p><p>def</p>ghi</a></body></html>', URL_);
    expect(x.text).toBe('abc\n\ndef\n\nghi');
  });
  it('joins paragraphs with a blank line', () => {
    const x = extractArticle(base, URL_);
    expect(x.text.split('\n\n')).toEqual(x.paragraphs);
  });
});

describe('images', () => {
  it('resolves lazy srcset (largest), <noscript> copies and <base href>, drops placeholders and pixels', () => {
    const html = fs.readFileSync(path.join(fixtures, 'lazy-images.html'), 'utf8');
    const x = extractArticle(html, 'https://news.example.org/a/b.html');
    expect(x.images).toEqual(['https://static.example.org/media/pics/hall-1280.jpg', 'https://static.example.org/img/flags.jpg']);
    expect(x.leadImageUrl).toBe('https://static.example.org/media/pics/hall-1280.jpg');
    expect(x.text).not.toContain('<img');
  });
});
