/**
 * Held-out check of the feed stage against Miniflux's own parser tests (Apache-2.0, read
 * from a checkout kept outside the repository, never copied in): each Go test of
 * internal/reader/{rss,atom,rdf,json} that parses an inline document and compares a field
 * with a literal is run through `parseFeed`, for the fields we model: entry count, feed title
 * and site URL, entry title, URL and author (authors joined by ", "). Prints each miss and
 * the pass rate. Misses include Miniflux's own display choices (a title made from the URL or
 * the summary, lower-cased language), which we do not copy.
 *
 *   npx tsx bench/feeds-miniflux-eval.ts /path/to/miniflux/v2
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '../src/feeds/index.js';
import type { ParsedFeed } from '../src/types.js';

const repo = process.argv[2];
if (!repo) {
  console.error('usage: npx tsx bench/feeds-miniflux-eval.ts <miniflux checkout or bare repo>');
  process.exit(2);
}
const files = ['rss/parser_test.go', 'atom/atom_10_test.go', 'atom/atom_03_test.go', 'rdf/parser_test.go', 'json/parser_test.go'].map((f) => `internal/reader/${f}`);
const read = (f: string) => (existsSync(path.join(repo, f)) ? readFileSync(path.join(repo, f), 'utf8') : execFileSync('git', ['--git-dir', repo, 'show', `HEAD:${f}`], { encoding: 'utf8' }));

let pass = 0;
let total = 0;
for (const file of files) {
  const src = read(file);
  for (const m of src.matchAll(/^func (Test\w+)\(t \*testing\.T\) \{\n([\s\S]*?)^\}/gm)) {
    const [, name, body] = m;
    const data = /data := `([\s\S]*?)`/.exec(body)?.[1];
    if (!data) continue;
    const url = /Parse\("([^"]*)"/.exec(body)?.[1] ?? 'https://example.org/feed';
    let feed: ParsedFeed | null = null;
    try {
      feed = await parseFeed(data.trim(), { url, fetchedAt: new Date('2100-01-01T00:00:00Z') });
    } catch {
      feed = null;
    }
    const items = feed?.items ?? [];
    const checks: { what: string; want: unknown; got: unknown }[] = [];
    for (const c of body.matchAll(/if len\(feed\.Entries\) != (\d+)/g)) checks.push({ what: 'len', want: Number(c[1]), got: items.length });
    for (const c of body.matchAll(/if feed(?:\.Entries\[(\d+)\])?\.(Title|SiteURL|URL|Author) != "((?:[^"\\]|\\.)*)"/g)) {
      const want = JSON.parse(`"${c[3]}"`) as string;
      const it = c[1] !== undefined ? items[Number(c[1])] : undefined;
      if (c[1] === undefined && c[2] !== 'Title' && c[2] !== 'SiteURL') continue;
      const got =
        c[1] === undefined ? (c[2] === 'Title' ? feed?.feed.title : feed?.feed.link) : !it ? undefined : c[2] === 'Title' ? it.title : c[2] === 'URL' ? it.link : c[2] === 'Author' ? it.authors.join(', ') : undefined;
      checks.push({ what: `${c[1] ?? 'feed'}.${c[2]}`, want, got });
    }
    for (const c of checks) {
      total++;
      const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);
      if (norm(c.got) === norm(c.want)) pass++;
      else console.log(`${file.split('/').slice(-2).join('/')} ${name} ${c.what}: want ${JSON.stringify(c.want)}, got ${JSON.stringify(c.got)}`);
    }
  }
}
console.log(`${pass} of ${total} Miniflux expectations met (${((100 * pass) / total).toFixed(1)}%)`);
