/**
 * An oracle independent of our table: Python feedparser's own test files state their
 * expected title in their leading comment (`Expect: feed['title'] == u'testing \u2019 entity'`).
 * Each such title is checked against what readFeed gives, after our normalization (whitespace
 * and no-break spaces collapsed to one space). Alternatives joined by `or` are all accepted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, manifestRows, readCorpusFile } from '../helpers/feed-corpus.js';
import { requireCorpus } from './require-corpus.js';

requireCorpus('corpus/feeds/MANIFEST.md');

const pyUnescape = (s: string) => s.replace(/\\u([0-9a-f]{4})|\\x([0-9a-f]{2})/gi, (_, u: string, x: string) => String.fromCharCode(parseInt(u ?? x, 16)));
const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

interface Expectation {
  file: string;
  scope: 'feed' | 'entries[0]';
  titles: string[];
}

function expectations(): Expectation[] {
  const out: Expectation[] = [];
  for (const m of manifestRows().filter((r) => r.file.startsWith('feedparser/'))) {
    const expect = /^Expect:(.*)$/m.exec(readFileSync(path.join(corpusDir, m.file), 'latin1'))?.[1] ?? '';
    const byScope = new Map<Expectation['scope'], string[]>();
    for (const mm of expect.matchAll(/(feed|entries\[0\])\['title'\] == u?(['"])(.*?)\2/g)) {
      const scope = mm[1] as Expectation['scope'];
      byScope.set(scope, [...(byScope.get(scope) ?? []), norm(pyUnescape(mm[3]))]);
    }
    for (const [scope, titles] of byScope) out.push({ file: m.file, scope, titles });
  }
  return out;
}


describe("feedparser's own expected titles", () => {
  const list = expectations();

  it('found the title expectations', () => {
    expect(list.length).toBeGreaterThanOrEqual(20);
  });

  it.each(list.map((e) => [e.file, e] as const))('%s', async (_file, e) => {
    const got = await readCorpusFile(e.file);
    expect(got.outcome).toBe('ok');
    // An entry without a link is skipped, but its normalized title is reported with the skip.
    const title = e.scope === 'feed' ? got.feedTitle : (got.first?.title ?? got.firstSkipped?.title);
    expect(e.titles).toContain(title);
  });
});
