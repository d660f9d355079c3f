/**
 * Copies and stories in the real worker: the labeled dev set served on loopback, fetched,
 * extracted, tagged, grouped (Redis state) and written to JSONL and PostgreSQL; then
 * `search` over both sinks in four languages, `show` with copies and revisions.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { PostgresSink } from '../../src/sinks/postgres.js';
import { JsonlRecordStore, PostgresRecordStore } from '../../src/search/store.js';
import { collectShow } from '../../src/search/show.js';
import { groupRecord, MemoryStoryState, RedisStoryState } from '../../src/stories/index.js';
import { recomputeStories } from '../../src/stories/recompute.js';
import { groupLines } from '../../src/stories/stream.js';
import { loadTopic } from '../../src/tagging/index.js';
import type { ArticleRecord } from '../../src/types.js';
import { recordSchemaErrors } from '../helpers/schema.js';
import { runWorkerOnLabeledSite, type LabeledArticle } from '../helpers/stories-site.js';
import { dropPrefix, tempDir, uniquePrefix } from '../helpers/worker.js';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const FIXTURE = 'tests/fixtures/stories/dev.jsonl';

describe('stories in the worker', () => {
  const prefix = uniquePrefix('stories');
  const table = `stories_${process.pid}_${Date.now().toString(36)}`;
  const jsonl = join(tempDir('stories'), 'articles.jsonl');
  let close: () => Promise<void> = async () => {};
  let records: ArticleRecord[] = [];
  let articles: LabeledArticle[] = [];
  /** fixture id of a record (its URL ends with /a/<id>.html) */
  const fid = (r: { url: string }) => /\/a\/([^/]+)\.html$/.exec(r.url)![1];

  beforeAll(async () => {
    const run = await runWorkerOnLabeledSite(FIXTURE, prefix, [
      { type: 'jsonl', path: jsonl, only: 'all' },
      { type: 'postgres', url: PG_URL, table, only: 'all' },
    ], { articleConcurrency: 1 }); // one article at a time: the processing order is the fetchedAt order
    close = () => run.site.close();
    articles = run.articles;
    expect(run.summary.articles).toMatchObject({ completed: articles.length, failed: 0 });
    records = readJsonlRecords(jsonl);
  }, 120_000);

  afterAll(async () => {
    await close();
    await dropPrefix(prefix);
    const c = new pg.Client(PG_URL);
    await c.connect();
    await c.query(`DROP TABLE IF EXISTS "${table}", "${table}_migrations", "${table}_revisions"`);
    await c.query(`DROP FUNCTION IF EXISTS ${table}_fold(text), ${table}_keep_revision() CASCADE`);
    await c.end();
  });

  it('gives every record a storyId, valid against the JSON Schema', () => {
    expect(records).toHaveLength(articles.length);
    for (const r of records) {
      expect(recordSchemaErrors(r), r.url).toEqual([]);
      expect(r.storyId).toMatch(/^s-[0-9a-f]{32}$/);
    }
  });

  it('marks exactly the copies: same copy groups as the labels, copies in their original’s story', () => {
    const byFid = new Map(records.map((r) => [fid(r), r]));
    for (const a of articles) {
      const r = byFid.get(a.id)!;
      const group = (x: ArticleRecord) => fid(x.duplicateOf ? records.find((o) => o.id === x.duplicateOf)! : x);
      // a copy points to a record of its own copy group (the one fetched first), an original to none
      if (a.copy !== a.id || articles.some((b) => b.copy === a.id && b.id !== a.id)) expect(articles.find((b) => b.id === group(r))!.copy, a.id).toBe(a.copy);
      else expect(r.duplicateOf, a.id).toBeNull();
      if (r.duplicateOf) expect(r.storyId).toBe(records.find((o) => o.id === r.duplicateOf)!.storyId);
    }
  });

  it('groups as the in-memory state does over the same records in the same order (Redis state = offline state)', async () => {
    const state = new MemoryStoryState();
    const ordered = [...records].sort((a, b) => (a.fetchedAt < b.fetchedAt ? -1 : a.fetchedAt > b.fetchedAt ? 1 : 0));
    for (const r of ordered) {
      const g = await groupRecord({ ...r, storyId: undefined, duplicateOf: undefined, carriedBy: undefined }, state);
      expect({ storyId: g.record.storyId, duplicateOf: g.record.duplicateOf }, r.url).toEqual({ storyId: r.storyId, duplicateOf: r.duplicateOf });
    }
  });

  it('lists every outlet that carried an original in PostgreSQL (carriedBy)', async () => {
    const store = PostgresRecordStore.open(PG_URL, table);
    try {
      const original = records.find((r) => records.filter((c) => c.duplicateOf === r.id).length >= 2)!;
      const copies = records.filter((c) => c.duplicateOf === original.id);
      const shown = await collectShow(store, original.id);
      expect(shown!.carriedBy.map((c) => c.url).sort()).toEqual([original.url, ...copies.map((c) => c.url)].sort());
      expect(shown!.record.carriedBy![0].url).toBe(original.url);
      expect(shown!.copies.map((c) => c.id).sort()).toEqual(copies.map((c) => c.id).sort());
      expect(shown!.story.articles.map((a) => a.id)).toContain(original.id);
    } finally {
      await store.close();
    }
  });

  const queries: { q: string; lang?: string; expectStory: string }[] = [
    { q: 'Nurtleu', expectStory: 'almaty-2024-05' },
    { q: 'Нуртлеу', lang: 'ru', expectStory: 'almaty-2024-05' },
    { q: 'Baerbock', expectStory: 'berlin-2024-02' },
    { q: 'Бербок', expectStory: 'berlin-2024-02' }, // Бербок in the Russian text ("Анналены Бербок")
    { q: 'Բերբոք', lang: 'hy', expectStory: 'berlin-2024-02' }, // Բերբոքի in the text: prefix match
    { q: 'Mustafayev', lang: 'az', expectStory: 'tavush-2024-04' },
    { q: 'qriqoryan', expectStory: 'tavush-2024-04' }, // Qriqoryanın: case and inflection
    { q: 'Тавуш Григоряном', expectStory: 'tavush-2024-04' },
    { q: 'Əbu-Dabidə', expectStory: 'abudhabi-2025-07' },
  ];
  for (const { q, lang, expectStory } of queries) {
    it(`search "${q}"${lang ? ` --language ${lang}` : ''}: PostgreSQL and JSONL give the same records, all of one story`, async () => {
      const pgStore = PostgresRecordStore.open(PG_URL, table);
      const js = new JsonlRecordStore(jsonl);
      try {
        const a = await pgStore.search({ text: q, language: lang });
        const b = await js.search({ text: q, language: lang });
        expect(a.length).toBeGreaterThan(0);
        expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
        const gold = new Set(a.map((h) => articles.find((x) => x.id === fid(h))!.story));
        expect([...gold]).toEqual([expectStory]);
        if (lang) for (const h of a) expect(h.language).toBe(lang);
      } finally {
        await pgStore.close();
      }
    });
  }

  it('search filters by actor and place in both backends alike', async () => {
    const pgStore = PostgresRecordStore.open(PG_URL, table);
    const js = new JsonlRecordStore(jsonl);
    try {
      for (const q of [{ text: '', actor: 'Murat Nurtleu' }, { text: '', place: 'Abu Dhabi' }, { text: 'peace', place: 'Almaty', relevant: true }]) {
        const a = await pgStore.search(q);
        expect(a.length, JSON.stringify(q)).toBeGreaterThan(0);
        expect(a.map((h) => h.id), JSON.stringify(q)).toEqual((await js.search(q)).map((h) => h.id));
      }
    } finally {
      await pgStore.close();
    }
  });

  it('keeps the earlier version of an edited article in the revisions table; show lists it', async () => {
    const sink = new PostgresSink({ url: PG_URL, table, only: 'all' });
    const store = PostgresRecordStore.open(PG_URL, table);
    try {
      const r = records.find((x) => !x.duplicateOf)!;
      const edited = { ...r, title: `${r.title} (updated)`, text: `${r.text}\n\nUpdate: a correction was added.`, contentHash: 'f'.repeat(64), modifiedAt: '2030-01-01T00:00:00.000Z' };
      expect(await sink.write(edited)).toBe('updated');
      const shown = await collectShow(store, r.url);
      expect(shown!.record.title).toBe(edited.title);
      expect(shown!.revisions).toHaveLength(1);
      expect(shown!.revisions[0]).toMatchObject({ version: 1, title: r.title, contentHash: r.contentHash });
      expect(shown!.record.storyId).toBe(r.storyId);
    } finally {
      await sink.close();
      await store.close();
    }
  });

  it('stories --recompute regroups the stored records oldest first, as `news-ingest stories` does, and rebuilds the Redis state', async () => {
    const { createSinks, closeSinks } = await import('../../src/sinks/index.js');
    const { testConfig, REDIS_URL } = await import('../helpers/worker.js');
    const { Redis } = await import('ioredis');
    const cfg = testConfig({ redis: { url: REDIS_URL, prefix }, feeds: [], sinks: [{ type: 'jsonl', path: jsonl, only: 'all' }, { type: 'postgres', url: PG_URL, table, only: 'all' }] });
    const sinks = await createSinks(cfg);
    const redis = new Redis(REDIS_URL);
    try {
      const s = await recomputeStories(sinks, redis, prefix);
      expect(s.read).toBe(articles.length);
      const after = readJsonlRecords(jsonl);
      const lines = after.map((r) => JSON.stringify({ id: r.id, title: r.title, text: r.text, language: r.language, publishedAt: r.publishedAt, source: r.source.name }));
      const { out } = await groupLines(lines, [loadTopic('armenia-azerbaijan-talks')]);
      const offline = new Map(out.map((o) => ('storyId' in o ? [o.id, o] : ['', o])) as [string, { storyId: string; duplicateOf: string | null }][]);
      for (const r of after) expect({ storyId: r.storyId, duplicateOf: r.duplicateOf }, r.url).toEqual({ storyId: offline.get(r.id)!.storyId, duplicateOf: offline.get(r.id)!.duplicateOf });
      const pgStore = PostgresRecordStore.open(PG_URL, table);
      for (const r of after.slice(0, 5)) expect((await pgStore.record(r.id))!.storyId).toBe(r.storyId);
      await pgStore.close();
      // the rebuilt state knows every article: grouping one again changes nothing
      const again = await groupRecord({ ...after[0], storyId: undefined, duplicateOf: undefined }, new RedisStoryState(redis, prefix));
      expect(again.result.known).toBe(true);
      expect(again.record.storyId).toBe(after[0].storyId);
    } finally {
      await closeSinks(sinks);
      await redis.quit();
    }
  });
});
