/**
 * The repository's own fixture site (tests/fixtures/site, described in its README.md) and
 * what a correct pipeline gives for it (expected.json): the core tests' material, present in
 * every clone. `expectRecordMatches` checks one extracted page or record against its entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { SITE_DIR } from '../../bench/lib/site-server.js';

export { SITE_DIR };

/** One page's expectations (every key optional but canonicalUrl). */
export interface ExpectedArticle {
  canonicalUrl: string;
  domain?: string;
  siteName?: string;
  title?: string;
  authors?: string[];
  publishedAt?: string;
  language?: string;
  relevant?: boolean;
  textStartsWith?: string;
  textEndsWith?: string;
  paragraphs?: number;
  textContains?: string[];
  textExcludes?: string[];
  signals?: Partial<Record<'countries' | 'actors' | 'places' | 'mediators', string[]>>;
}

/** One feed's expectations; `canonicalPath` is the item's canonical URL without the site's origin. */
export interface ExpectedFeed {
  format: 'rss' | 'atom';
  title: string;
  language?: string;
  items: number;
  skipped: number;
  firstItem: { title: string; canonicalPath: string; publishedAt: string; authors?: string[]; summary?: string };
  /** Article path -> the reason code its job must fail with. */
  articleFailures?: Record<string, string>;
}

export const SITE_EXPECTED = JSON.parse(readFileSync(join(SITE_DIR, 'expected.json'), 'utf8')) as {
  articles: Record<string, ExpectedArticle>;
  feeds: Record<string, ExpectedFeed>;
};

/** The HTTP answer overrides of the site (`_site.json`): the Content-Type a page is served with. */
export const SITE_HEADERS = JSON.parse(readFileSync(join(SITE_DIR, '_site.json'), 'utf8')) as Record<string, { headers?: Record<string, string> }>;

/** The feeds whose articles all succeed (faults.xml left out). */
export const GOOD_FEEDS = ['feeds/world.xml', 'feeds/ru.xml', 'feeds/regional.atom'];

/** Text and metadata of an extracted page or a record, checked against one expected entry. */
export function expectArticleMatches(
  got: { title: string | null; text: string; language: string | null; publishedAt: string | null; authors: string[]; canonicalUrl?: string | null },
  exp: ExpectedArticle,
): void {
  if (exp.title !== undefined) expect(got.title).toBe(exp.title);
  if (exp.authors !== undefined) expect(got.authors).toEqual(exp.authors);
  if (exp.publishedAt !== undefined) expect(Date.parse(got.publishedAt ?? ''), `publishedAt ${got.publishedAt}`).toBe(Date.parse(exp.publishedAt));
  if (exp.language !== undefined) expect(got.language).toBe(exp.language);
  if (exp.textStartsWith) expect(got.text.startsWith(exp.textStartsWith), got.text.slice(0, 160)).toBe(true);
  if (exp.textEndsWith) expect(got.text.endsWith(exp.textEndsWith), got.text.slice(-160)).toBe(true);
  if (exp.paragraphs !== undefined) expect(got.text.split('\n\n'), got.text).toHaveLength(exp.paragraphs);
  for (const s of exp.textContains ?? []) expect(got.text).toContain(s);
  for (const s of exp.textExcludes ?? []) expect(got.text).not.toContain(s);
}

/** The tagger's signals checked against the expected ones, kind by kind (as sets). */
export function expectSignalsMatch(got: Record<string, string[]> | undefined, exp: ExpectedArticle): void {
  for (const [kind, names] of Object.entries(exp.signals ?? {})) expect(new Set(got?.[kind]), kind).toEqual(new Set(names));
}
