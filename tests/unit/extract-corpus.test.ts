import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/http/charset.js';
import { extractArticle } from '../../src/extract/index.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const shared = path.resolve(repoRoot, '../shared');
const hasShared = fs.existsSync(path.join(shared, 'corpus'));
if (!hasShared) console.warn(`extract-corpus: ${shared} not found; seed and case tests skipped`);

const sameInstant = (a: string | null, b: string) => a !== null && Date.parse(a) === Date.parse(b);

describe.skipIf(!hasShared)('seed site pages (../shared/corpus/seed/site/expected.json)', () => {
  const dir = path.join(shared, 'corpus/seed/site');
  const expected = hasShared ? JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, Record<string, any>> : {};
  for (const [file, e] of Object.entries(expected)) {
    it(file, () => {
      // decodeBody reads the page's own <meta charset> (the moskva page is windows-1251).
      const html = decodeBody(fs.readFileSync(path.join(dir, file)), null, 'html').text;
      const x = extractArticle(html, e.canonicalUrl);
      if (e.title) expect(x.title).toBe(e.title);
      if (e.publishedAt) expect(sameInstant(x.publishedAt, e.publishedAt)).toBe(true);
      if (e.language) expect(x.language).toBe(e.language);
      if (e.canonicalUrl) expect(x.canonicalUrl).toBe(e.canonicalUrl);
      if (e.textStartsWith) expect(x.text.startsWith(e.textStartsWith)).toBe(true);
      if (e.textEndsWith) expect(x.text.endsWith(e.textEndsWith)).toBe(true);
      if (e.paragraphs) expect(x.text.split('\n\n')).toHaveLength(e.paragraphs);
      for (const s of e.textExcludes ?? []) expect(x.text).not.toContain(s);
    });
  }
});

describe.skipIf(!hasShared)('dev cases html-* (../shared/corpus/cases)', () => {
  const dir = path.join(shared, 'corpus/cases');
  const names = hasShared ? fs.readdirSync(dir).filter((n) => n.startsWith('html-')) : [];
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
