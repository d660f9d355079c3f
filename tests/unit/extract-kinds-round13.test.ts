/**
 * Fault kinds of issue 13, round 13 (tests/fixtures/extract/kinds13/, written for these tests:
 * they keep the markup shape of trafilatura's dev-split pages where the kind was found, not their
 * text). Each test fails on main as it was before round 13.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds13');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://news.example/2026/02/k13');

describe('a caption class on a page-wide wrapper (round 13)', () => {
  it('reads `body.wp-lightbox-captions` as a style flag: the standfirst is kept, captions inside the story are still captions', () => {
    const x = extract('caption-flag-on-body.html');
    expect(x.text).toContain('The county archive has now scanned all forty-one volumes.');
    expect(x.text).toContain('The first entry is dated the fourth of March 1902');
    expect(x.text).toContain("misread by the transcribers.");
    expect(x.text).not.toContain('The copy stand in the reading room.');
    expect(x.text).not.toContain('Click to enlarge');
  });
});

describe('a named lead in a page-wide header, between the headline and the body (round 13)', () => {
  it('keeps `div.pg-text-lead` set in the page header band above the story, leaving the picture credit and date out', () => {
    const x = extract('lead-in-page-header.html');
    expect(x.text).toContain('sprachen über gemeinsame Aufgaben in der Seelsorge.');
    expect(x.text.indexOf('Ungewohnter Besuch in Bern')).toBeLessThan(x.text.indexOf('Die Versammlung begann'));
    expect(x.text).toContain('auf dem Dach des Kirchenhauses gehalten werden.');
    expect(x.text).not.toContain('Kirchenbund / M. Roth');
    expect(x.text).not.toContain('Zurück zur Übersicht');
  });
});

describe('calls to the reader after a story told in the third person (round 13)', () => {
  it('drops the closing app and membership calls that switch to the reader, keeping the story', () => {
    const x = extract('reader-call-after-story.html');
    expect(x.text).toContain('would follow the return of the refitted ship in spring.');
    expect(x.text).toContain('The community council said it had not been consulted.');
    expect(x.text).not.toContain('Island Courier app');
    expect(x.text).not.toContain('Become a member today');
  });

  it('keeps the closing question of a post that speaks to its reader throughout (guard)', () => {
    const x = extract('reader-voice-post.html');
    expect(x.text).toContain('Tell me in the comments below.');
    expect(x.text).toContain('it will likely do the same for yours.');
  });
});

describe('a content word naming whose strip it is (round 13)', () => {
  it('drops `div.article-tags` and `div.article-footer` after the story: "article" says whose tags they are, it does not cancel the WEAK word', () => {
    const x = extract('article-tags-strip.html');
    expect(x.text).toContain('when the new capping stones are lifted into place.');
    expect(x.text).not.toContain('Topics: harbour works');
    expect(x.text).not.toContain('Filed under Infrastructure');
  });
});

describe('a licence notice of the page\'s own text (round 13)', () => {
  it('drops "Dieser Beitrag steht unter der Lizenz CC BY-SA 4.0" and keeps the paragraph about a Creative Commons licence', () => {
    const x = extract('licence-notice-after-post.html');
    expect(x.text).toContain('die unter einer Creative-Commons-Lizenz stehen.');
    expect(x.text).toContain('mit einem Messrad unterwegs sein möchten.');
    expect(x.text).not.toContain('CC BY-SA 4.0');
  });
});

describe('a lead picture credit named by its role (round 13)', () => {
  it('drops "Titelbild: …" after the story like "Foto: …"', () => {
    const x = extract('lead-picture-credit.html');
    expect(x.text).toContain('um ein Jahr verschoben hat.');
    expect(x.text).not.toContain('Titelbild');
  });
});
