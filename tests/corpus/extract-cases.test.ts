/**
 * The dev html-* cases of ../shared/corpus/cases (lazy images, non-ASCII serialization):
 * each page decoded with its HTTP Content-Type and extracted; title, date, language, images
 * and text checked against the case's expected.json. Corpus tier.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/http/charset.js';
import { extractArticle } from '../../src/extract/index.js';
import { requireCorpus } from './require-corpus.js';

const casesDir = requireCorpus('corpus/cases');

const sameInstant = (a: string | null, b: string) => a !== null && Date.parse(a) === Date.parse(b);

describe('dev cases html-* (../shared/corpus/cases)', () => {
  const dir = casesDir;
  const names = fs.readdirSync(dir).filter((n) => n.startsWith('html-'));
  for (const name of names) {
    const e = JSON.parse(fs.readFileSync(path.join(dir, name, 'expected.json'), 'utf8'));
    if (e.split !== 'dev') continue;
    it(name, () => {
      const ct = e.input?.http?.['Content-Type'] ?? null;
      const html = decodeBody(fs.readFileSync(path.join(dir, name, e.input?.file ?? 'page.html')), ct, 'html').text;
      const x = extractArticle(html, e.input.url);
      if (e.title) expect(x.title).toBe(e.title);
      if (e.publishedAt) expect(sameInstant(x.publishedAt, e.publishedAt)).toBe(true);
      if (e.language) expect(x.language).toBe(e.language);
      if (e.leadImage) expect(x.leadImageUrl).toBe(e.leadImage);
      if (e.images) expect(x.images).toEqual(e.images);
      for (const s of e.imagesExclude ?? []) expect((x.images ?? []).some((u) => u.startsWith(s))).toBe(false);
      for (const s of e.textContains ?? []) expect(x.text).toContain(s);
      for (const s of e.textExcludes ?? []) expect(x.text).not.toContain(s);
    });
  }
});
