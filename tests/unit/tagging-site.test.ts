/**
 * The tagger on the fixture site's pages (tests/fixtures/site/expected.json): relevant pages
 * in six languages with their signals, and two hard negatives (a football club named after
 * Karabakh playing in Baku; a tourism story that names Armenia and Azerbaijan but no talks).
 * Pages are decoded from their own bytes the way the worker decodes them, then extracted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { decodeBody } from '../../src/http/charset.js';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';
import { expectSignalsMatch, SITE_DIR, SITE_EXPECTED, SITE_HEADERS } from '../helpers/fixture-site.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const page = (file: string) => {
  const html = decodeBody(readFileSync(join(SITE_DIR, file)), SITE_HEADERS[`/${file}`]?.headers?.['content-type'] ?? null, 'html').text;
  return extractArticle(html, `https://example.org/${file}`);
};
const entries = Object.entries(SITE_EXPECTED.articles);

describe('the tagger on the fixture site', () => {
  it('has relevant and not-relevant pages in the set', () => {
    expect(entries.filter(([, e]) => e.relevant).length).toBeGreaterThanOrEqual(5);
    expect(entries.filter(([, e]) => e.relevant === false).length).toBeGreaterThanOrEqual(2);
  });

  it.each(entries)('%s', (file, exp) => {
    const a = page(file);
    const r = tagArticle({ title: a.title, text: a.text }, topic);
    expect(r.language).toBe(exp.language);
    expect(r.relevant).toBe(exp.relevant);
    if (exp.relevant) expect(r.score).toBeGreaterThanOrEqual(topic.threshold);
    else expect(r.score).toBeLessThan(topic.threshold);
    expectSignalsMatch(r.signals as unknown as Record<string, string[]>, exp);
  });
});
