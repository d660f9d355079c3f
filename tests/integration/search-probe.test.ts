/**
 * PostgreSQL search over more rows than its probe reads (`PROBE_ROWS`): every way a search can
 * run — the probe fills a page (a frequent word), the full search walking the time index (a
 * word of middling frequency), the full search with index scans off (a rare word, or none in
 * the newest rows), with language and time filters and actor and place conditions — returns
 * exactly the records the JSONL search returns, in the same order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresSink } from '../../src/sinks/postgres.js';
import { JsonlRecordStore, PostgresRecordStore, PROBE_ROWS } from '../../src/search/store.js';
import type { SearchQuery } from '../../src/search/query.js';
import type { ArticleRecord } from '../../src/types.js';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = PROBE_ROWS + 1500;
const LANGS = ['en', 'ru', 'hy', 'az'];
const WORD: Record<string, string> = { en: 'Mirzoyan', ru: 'Мирзоян', hy: 'Միրզոյան', az: 'Mirzoyan' };

/** Record i: every record names the frequent word, every 5th a middling one, every 97th a rare one, none of the newest 3000 the old one. */
function recordOf(i: number): ArticleRecord {
  const language = LANGS[i % 4];
  const words = [WORD[language], 'talks'];
  if (i % 5 === 0) words.push('treaty');
  if (i % 97 === 0) words.push('Nurtleu');
  if (i < N - 3000 && i % 3 === 0) words.push('archival');
  const id = i.toString(16).padStart(32, '0');
  const t = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
  return {
    schemaVersion: 1, id, url: `https://site.example/a/${i}`, canonicalUrl: `https://site.example/a/${i}`,
    feed: { id: 'feed-1', url: 'https://site.example/rss', title: null }, source: { name: 'Site', domain: 'site.example' },
    title: `Report ${i}`, authors: [], publishedAt: t, modifiedAt: null, fetchedAt: t, language, summary: null,
    text: `${words.join(' ')} and more words of report number ${i}.`, wordCount: 10, contentHash: id.padEnd(64, '0'),
    topics: [{ topic: 'armenia-azerbaijan-talks', relevant: i % 2 === 0, score: 1, signals: { countries: [], actors: i % 3 === 0 ? ['Ararat Mirzoyan'] : [], places: i % 7 === 0 ? ['Almaty'] : [], mediators: [], terms: [] } }],
  } as unknown as ArticleRecord;
}

describe('PostgreSQL search with its probe', () => {
  const table = `probe_${process.pid}_${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'search-probe-'));
  const file = join(dir, 'articles.jsonl');
  const admin = new pg.Client(PG_URL);
  let store: PostgresRecordStore;
  beforeAll(async () => {
    const sink = new PostgresSink({ url: PG_URL, table, only: 'all' });
    await sink.init();
    await sink.close();
    await admin.connect();
    const records = Array.from({ length: N }, (_, i) => recordOf(i));
    for (let i = 0; i < N; i += 1000) {
      await admin.query(
        `INSERT INTO "${table}" (id, canonical_url, url, feed_id, source_domain, source_name, title, language, published_at, fetched_at, relevant, actors, content_hash, word_count, record)
         SELECT r->>'id', r->>'canonicalUrl', r->>'url', r->'feed'->>'id', r->'source'->>'domain', r->'source'->>'name', r->>'title', r->>'language',
           (r->>'publishedAt')::timestamptz, (r->>'fetchedAt')::timestamptz, jsonb_path_exists(r, '$.topics[*] ? (@.relevant == true)'),
           ARRAY(SELECT DISTINCT jsonb_array_elements_text(jsonb_path_query_array(r, '$.topics[*].signals.actors[*]'))), r->>'contentHash', (r->>'wordCount')::int, r
         FROM jsonb_array_elements($1::jsonb) AS r`,
        [JSON.stringify(records.slice(i, i + 1000))],
      );
    }
    await admin.query(`ANALYZE "${table}"`);
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    store = PostgresRecordStore.open(PG_URL, table);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await admin.query(`DROP TABLE IF EXISTS "${table}", "${table}_migrations", "${table}_revisions"`);
    await admin.query(`DROP FUNCTION IF EXISTS ${table}_fold(text), ${table}_text_array(jsonb), ${table}_keep_revision() CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, SearchQuery, string][] = [
    ['a frequent word (the probe fills a page)', { text: 'Mirzoyan' }, 'probe'],
    ['a frequent word in one language (fewer matches than a page)', { text: 'Мирзоян', language: 'ru' }, 'any'],
    ['a frequent word in a time window', { text: 'talks', since: Date.UTC(2024, 2, 1) }, 'probe'],
    ['a middling word (full search)', { text: 'treaty' }, 'full'],
    ['a rare word (no walk)', { text: 'Nurtleu' }, 'no walk'],
    ['a word absent from the newest rows', { text: 'archival' }, 'no walk'],
    ['a word with actor and place', { text: 'talks', actor: 'Ararat Mirzoyan', place: 'Almaty' }, 'any'],
    ['a place within a time window, relevant only', { text: '', place: 'Almaty', relevant: true, since: Date.UTC(2024, 1, 1), until: Date.UTC(2024, 4, 1) }, 'any'],
    ['an absent word', { text: 'xyzzyq' }, 'no walk'],
  ];
  for (const [name, q, how] of cases) {
    it(`${name}: the same records as the JSONL search`, async () => {
      const want = (await new JsonlRecordStore(file).search(q)).map((h) => h.id);
      const got = (await store.search(q)).map((h) => h.id);
      expect(got).toEqual(want);
      const plan = (await store.explain(q)).join('\n');
      if (how === 'probe') expect(plan).toMatch(/probe of the newest \d+ rows filled a page/);
      if (how === 'no walk') expect(plan).toMatch(/index scans off/);
      if (how === 'full') expect(plan).toMatch(/did not fill a page; full search|index scans off/);
    });
  }
});
