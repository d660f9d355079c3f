/**
 * The PostgreSQL sink against the machine's PostgreSQL (127.0.0.1:5432, db `test`), in a
 * table of its own per run (dropped after).
 */
import { MIGRATIONS } from '../../src/sinks/migrations/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { deliver, JsonlSink } from '../../src/sinks/index.js';
import { PostgresSink } from '../../src/sinks/postgres.js';
import { MAX_STRING_CHARS, MAX_TEXT_CHARS } from '../../src/sinks/sanitize.js';
import type { ArticleRecord } from '../../src/types.js';
import { makeRecord } from '../helpers/sink-fixtures.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TABLE = `t_sinks_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

let admin: pg.Client;
const sinks: PostgresSink[] = [];
function sink(opts: Partial<ConstructorParameters<typeof PostgresSink>[0]> = {}): PostgresSink {
  const s = new PostgresSink({ url: PG_URL, table: TABLE, only: 'all', ...opts });
  sinks.push(s);
  return s;
}
async function row(id: string): Promise<Record<string, unknown> | undefined> {
  return (await admin.query(`SELECT * FROM ${TABLE} WHERE id = $1`, [id])).rows[0];
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
});

afterAll(async () => {
  await Promise.all(sinks.map((s) => s.close()));
  await admin.query(`DROP TABLE IF EXISTS ${TABLE}; DROP TABLE IF EXISTS ${TABLE}_migrations; DROP TABLE IF EXISTS ${TABLE}_revisions`);
  await admin.end();
});

describe('postgres sink: schema', () => {
  it('migrates once when eight workers start at the same time', async () => {
    const starters = Array.from({ length: 8 }, () => sink());
    const applied = await Promise.all(starters.map((s) => s.migrate()));
    // Exactly one of them applied each migration; the others found them applied.
    const all = [...MIGRATIONS].sort((a, b) => a.version - b.version);
    expect(applied.flat().sort((a, b) => a - b)).toEqual(all.map((m) => m.version));
    const versions = (await admin.query(`SELECT version, name FROM ${TABLE}_migrations ORDER BY version`)).rows;
    expect(versions).toEqual(all.map((m) => ({ version: m.version, name: m.name })));
    const idx = (await admin.query(`SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY 1`, [TABLE])).rows.map((r) => r.indexname);
    expect(idx).toContain(`${TABLE}_actors_idx`);
    expect(idx).toContain(`${TABLE}_relevant_published_idx`);
    await Promise.all(starters.map((s) => s.init()));
  });
});

describe('postgres sink: upsert', () => {
  it('inserts, ignores a re-run, and bumps the version only when text or tags change', async () => {
    const s = sink();
    const r = makeRecord({ n: 1 });
    expect(await s.write(r)).toBe('inserted');
    const first = await row(r.id);
    expect(first).toMatchObject({
      id: r.id,
      canonical_url: 'https://news.example.am/news/1',
      source_domain: 'example.am',
      language: 'en',
      relevant: true,
      version: 1,
      content_hash: r.contentHash,
      actors: ['Ararat Mirzoyan'],
      topic_ids: ['armenia-azerbaijan-talks'],
      sink_flags: [],
    });
    expect((first!.published_at as Date).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(first!.score).toBeCloseTo(0.8, 5);
    expect(first!.record).toEqual(r);

    // A re-run (stalled job, crash) with a new fetch time: same version, nothing changes.
    expect(await s.write({ ...r, fetchedAt: '2026-11-29T00:00:00.000Z' })).toBe('unchanged');
    expect((await row(r.id))!.version).toBe(1);
    expect(((await row(r.id))!.record as ArticleRecord).fetchedAt).toBe(r.fetchedAt);

    const edited = makeRecord({ n: 1, text: 'Foreign ministers met again.\n\nA text edit.' });
    expect(edited.id).toBe(r.id);
    expect(await s.write(edited)).toBe('updated');
    expect(await row(r.id)).toMatchObject({ version: 2, content_hash: edited.contentHash });

    const retagged = makeRecord({ n: 1, text: 'Foreign ministers met again.\n\nA text edit.', relevant: false });
    expect(await s.write(retagged)).toBe('updated');
    expect(await row(r.id)).toMatchObject({ version: 3, relevant: false });
    const updated = (await row(r.id))!;
    expect((updated.updated_at as Date).getTime()).toBeGreaterThanOrEqual((updated.created_at as Date).getTime());
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${TABLE} WHERE id = $1`, [r.id])).rows[0].n).toBe(1);
  });

  it('keeps one row per id when the same records are written by several writers at once', async () => {
    const writers = [sink(), sink(), sink()];
    const recs = Array.from({ length: 30 }, (_, i) => makeRecord({ n: 100 + i }));
    const outcomes = await Promise.all(writers.flatMap((w) => recs.map((r) => w.write(r))));
    expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(30);
    expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(60);
    const res = await admin.query(`SELECT count(*)::int AS n, max(version) AS v FROM ${TABLE} WHERE id = ANY($1)`, [recs.map((r) => r.id)]);
    expect(res.rows[0]).toEqual({ n: 30, v: 1 });
  });
});

describe('postgres sink: the README queries', () => {
  it('finds relevant articles of the last 7 days by source, and articles mentioning an actor, with the indexes', async () => {
    const s = sink();
    const now = Date.now();
    const day = 86_400_000;
    const recs = [
      makeRecord({ n: 201, host: 'a.example.az', publishedAt: new Date(now - 1 * day).toISOString(), actors: ['Jeyhun Bayramov'] }),
      makeRecord({ n: 202, host: 'a.example.az', publishedAt: new Date(now - 2 * day).toISOString(), relevant: false }),
      makeRecord({ n: 203, host: 'b.example.ru', publishedAt: new Date(now - 3 * day).toISOString(), actors: ['Ararat Mirzoyan', 'Jeyhun Bayramov'] }),
      makeRecord({ n: 204, host: 'b.example.ru', publishedAt: new Date(now - 10 * day).toISOString() }),
    ];
    for (const r of recs) await s.write(r);
    const ids = recs.map((r) => r.id);
    const bySource = await admin.query(
      `SELECT source_domain, count(*)::int AS n FROM ${TABLE}
        WHERE relevant AND published_at >= now() - interval '7 days' AND id = ANY($1)
        GROUP BY source_domain ORDER BY source_domain`,
      [ids],
    );
    expect(bySource.rows).toEqual([
      { source_domain: 'example.az', n: 1 },
      { source_domain: 'example.ru', n: 1 },
    ]);
    const actor = await admin.query(`SELECT id FROM ${TABLE} WHERE actors @> ARRAY[$1]::text[] AND id = ANY($2) ORDER BY id`, ['Jeyhun Bayramov', ids]);
    expect(actor.rows.map((r) => r.id)).toEqual([recs[0]!.id, recs[2]!.id].sort());

    // With sequential scans priced out, the planner must have an index for each query.
    await admin.query('SET enable_seqscan = off');
    const plan1 = (await admin.query(`EXPLAIN SELECT id FROM ${TABLE} WHERE relevant AND source_domain = 'example.az' AND published_at >= now() - interval '7 days'`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    const plan2 = (await admin.query(`EXPLAIN SELECT id FROM ${TABLE} WHERE actors @> ARRAY['Jeyhun Bayramov']`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    await admin.query('RESET enable_seqscan');
    expect(plan1).toContain(`${TABLE}_relevant_published_idx`);
    expect(plan2).toContain(`${TABLE}_actors_idx`);
  });
});

describe('postgres sink: bad input', () => {
  it('strips NUL bytes from every string and says so in sink_flags', async () => {
    const s = sink();
    const base = makeRecord({ n: 301 });
    const r: ArticleRecord = { ...base, title: 'Peace\u0000 talks', summary: 'a\u0000b', text: 'Line one\u0000.\n\nLine two.', authors: ['X\u0000Y'], source: { name: 'N\u0000', domain: 'example.am' } };
    expect(await s.write(r)).toBe('inserted');
    const got = (await row(r.id))!;
    expect(got.title).toBe('Peace talks');
    expect(got.sink_flags).toEqual(['nul-stripped']);
    const stored = got.record as ArticleRecord;
    expect(stored.text).toBe('Line one.\n\nLine two.');
    expect(stored.authors).toEqual(['XY']);
    expect(stored.summary).toBe('ab');
    expect(JSON.stringify(stored)).not.toContain('\\u0000');
  });

  it('truncates a 10 MB text to MAX_TEXT_CHARS and keeps the version identity of the full text', async () => {
    const s = sink();
    const text = 'Переговоры о мире. '.repeat(Math.ceil(10_000_000 / 19)).slice(0, 10_000_000);
    const r = makeRecord({ n: 302, text });
    expect(r.text.length).toBeGreaterThan(9_000_000);
    expect(await s.write(r)).toBe('inserted');
    const got = (await admin.query(`SELECT length(record->>'text') AS len, content_hash, sink_flags, version FROM ${TABLE} WHERE id = $1`, [r.id])).rows[0];
    expect(got).toEqual({ len: MAX_TEXT_CHARS, content_hash: r.contentHash, sink_flags: ['text-truncated'], version: 1 });
    // The retry of the same record is recognized as the same version.
    expect(await s.write(r)).toBe('unchanged');
  });

  it('truncates an oversized title and replaces lone surrogates', async () => {
    const s = sink();
    const r = { ...makeRecord({ n: 303 }), title: 'T'.repeat(50_000), summary: 'bad \uD800 half' };
    expect(await s.write(r)).toBe('inserted');
    const got = (await row(r.id))!;
    expect((got.title as string).length).toBe(MAX_STRING_CHARS);
    expect((got.record as ArticleRecord).summary).toBe('bad \uFFFD half');
    expect(got.sink_flags).toEqual(['field-truncated', 'surrogate-replaced']);
  });

  it('stores an unparsable date as NULL in the typed column, keeping the record', async () => {
    const s = sink();
    const r = makeRecord({ n: 304, publishedAt: 'yesterday-ish' });
    await s.write(r);
    const got = (await row(r.id))!;
    expect(got.published_at).toBeNull();
    expect((got.record as ArticleRecord).publishedAt).toBe('yesterday-ish');
  });

  it('fails a row PostgreSQL refuses with the permanent sink-rejected, and keeps writing the next one', async () => {
    const s = sink();
    const bad = { ...makeRecord({ n: 305 }), contentHash: null } as unknown as ArticleRecord;
    const err = await s.write(bad).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('sink-rejected');
    expect((err as IngestError).retryable).toBe(false);
    expect((err as Error).message).toContain('SQLSTATE 23502');
    const good = makeRecord({ n: 306 });
    expect(await s.write(good)).toBe('inserted');
  });
});

describe('postgres sink: faults', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy({ port: 5432 });
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('fails while PostgreSQL is cut, succeeds after it is back, and writes nothing twice', async () => {
    const u = new URL(PG_URL);
    u.port = String(proxy.port);
    const s = sink({ url: u.toString(), connectTimeoutMs: 1000 });
    const recs = Array.from({ length: 20 }, (_, i) => makeRecord({ n: 400 + i }));
    const failedIds: string[] = [];
    for (const [i, r] of recs.entries()) {
      if (i === 5) proxy.cut();
      if (i === 12) proxy.restore();
      try {
        await s.write(r);
      } catch (err) {
        expect(err).toBeInstanceOf(IngestError);
        expect((err as IngestError).code).toBe('sink-failed');
        expect((err as IngestError).retryable).toBe(true);
        failedIds.push(r.id);
      }
    }
    expect(failedIds).toEqual(recs.slice(5, 12).map((r) => r.id));
    // The job's retry: every record once more (the delivered ones too, as a stalled job would).
    const outcomes = [];
    for (const r of recs) outcomes.push(await s.write(r));
    expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(7);
    expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(13);
    const res = await admin.query(`SELECT count(*)::int AS n, count(DISTINCT canonical_url)::int AS urls, max(version) AS v FROM ${TABLE} WHERE id = ANY($1)`, [recs.map((r) => r.id)]);
    expect(res.rows[0]).toEqual({ n: 20, urls: 20, v: 1 });
  });

  it('times out instead of hanging when PostgreSQL stops answering', async () => {
    const u = new URL(PG_URL);
    u.port = String(proxy.port);
    const s = sink({ url: u.toString(), connectTimeoutMs: 500 });
    proxy.cut('blackhole');
    try {
      const err = await s.write(makeRecord({ n: 450 })).then(() => null, (e: unknown) => e);
      expect((err as IngestError).code).toBe('sink-failed');
    } finally {
      proxy.restore();
    }
    expect(await s.write(makeRecord({ n: 450 }))).toBe('inserted');
  });

  it('delivers to the other sinks while PostgreSQL is unreachable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sinks-pg-'));
    const jsonl = new JsonlSink(join(dir, 'a.jsonl'), 'all');
    const u = new URL(PG_URL);
    u.port = String(proxy.port);
    const s = sink({ url: u.toString(), connectTimeoutMs: 500 });
    proxy.cut();
    try {
      const res = await deliver(makeRecord({ n: 460 }), [jsonl, s]);
      expect(res.delivered).toEqual([{ sink: 'jsonl', outcome: 'written' }]);
      expect(res.failed.map((f) => [f.sink, f.permanent])).toEqual([['postgres', false]]);
      // The job's retry of the failed sink only.
      proxy.restore();
      const again = await deliver(makeRecord({ n: 460 }), [jsonl, s], new Set(['postgres']));
      expect(again).toEqual({ delivered: [{ sink: 'postgres', outcome: 'inserted' }], skipped: [], failed: [] });
    } finally {
      proxy.restore();
      await jsonl.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
