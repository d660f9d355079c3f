/**
 * Fault kinds of issue 13, round 13 (extract13b): kinds from the dev pages of other extractors'
 * suites (newspaper's pairs, Postlight's fixtures) where a peer (Readability 0.6 + linkedom,
 * readability-lxml) keeps better text, and from a probe of page shapes for empty output.
 * Fixtures in tests/fixtures/extract/kinds/ are written for these tests and keep only the
 * markup shape of such pages. Each test fails on main (48c2c3a).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/12/k13b');

describe('a related-links label left at the end of the text (round 13b)', () => {
  it('drops a closing line ending in a colon whose links were dropped', () => {
    const x = extract('dangling-related-label.html');
    expect(x.text.endsWith('a text alert for season-ticket holders.')).toBe(true);
    expect(x.text).not.toContain('You may also want to read');
    expect(x.text).toContain('eleven minutes sooner');
  });

  it('drops a Japanese related-entries heading after a short post', () => {
    const x = extract('cjk-related-label.html');
    expect(x.text).not.toContain('関連エントリ');
    expect(x.text).toContain('会議のメモを図にしたいときに便利です。');
    expect(x.text).toContain('関係図を手軽に描けるライブラリ');
  });
});

describe('a live blog carried only as JSON-LD updates (round 13b)', () => {
  it('takes the updates of a LiveBlogPosting without articleBody when the page shows none', () => {
    const x = extract('live-blog-updates-json-ld.html');
    expect(x.warnings).toContain('text-from-json-ld');
    const a = x.text.indexOf('Vote passes by one');
    const b = x.text.indexOf('Library hours spared');
    const c = x.text.indexOf('Opposition tables road plan');
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(x.text).toContain('the chair allowed the motion');
    expect(x.text).not.toContain('Loading updates');
  });
});

describe('a photo page whose text is all in its gallery box (round 13b)', () => {
  it('reads the captions of a gallery-named box when nothing else on the page is text', () => {
    const x = extract('photo-page-gallery-only.html');
    expect(x.warnings).toContain('text-from-gallery');
    expect(x.text).toContain('Pickers start before sunrise on the terraces');
    expect(x.text).toContain('the first since the storm felled the old pear avenue.');
    expect(x.text.indexOf('Pickers start')).toBeLessThan(x.text.indexOf('lantern walk'));
    expect(x.text).not.toContain('All rights reserved');
    expect(x.text).not.toContain('Previous');
  });
});

describe('a story shown in an open <dialog> (round 13b)', () => {
  it('reads an open dialog that holds the article and skips a closed one', () => {
    const x = extract('story-in-open-dialog.html');
    expect(x.text).toContain('Three night routes that were cut during the depot strike');
    expect(x.text).toContain('collecting more than two thousand signatures at the gates.');
    expect(x.text).not.toContain('morning briefing');
  });

  it('still drops an open consent dialog beside an article', () => {
    const html = fs.readFileSync(path.join(dir, 'dangling-related-label.html'), 'utf8')
      .replace('<div class="foot">', '<dialog open class="consent"><p>We and our partners use cookies to measure how you use this site; choose Accept to allow them or Settings to pick which ones.</p><button>Accept</button></dialog><div class="foot">');
    const x = extractArticle(html, 'https://news.example/2026/12/k13b');
    expect(x.text).toContain('eleven minutes sooner');
    expect(x.text).not.toContain('cookies');
  });
});
