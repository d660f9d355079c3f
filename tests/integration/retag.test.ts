/** `retag`: records already in the sinks are re-tagged without fetching anything. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildRecord } from '../../src/normalize/record.js';
import { tagWithTopics } from '../../src/pipeline/page.js';
import { retagSinks } from '../../src/pipeline/retag.js';
import { JsonlSink, readJsonlRecords } from '../../src/sinks/jsonl.js';
import { PostgresSink } from '../../src/sinks/postgres.js';
import { WebhookSink } from '../../src/sinks/webhook.js';
import { loadTopic } from '../../src/tagging/index.js';
import type { ArticleRecord, Extracted } from '../../src/types.js';
import { tempDir } from '../helpers/worker.js';

const extracted = (title: string, text: string): Extracted => ({
  title,
  authors: [],
  publishedAt: '2024-04-21T10:00:00.000Z',
  modifiedAt: null,
  language: 'en',
  canonicalUrl: null,
  summary: null,
  siteName: null,
  leadImageUrl: null,
  text,
  warnings: [],
});

describe('retag', () => {
  it('updates records whose topics changed, in place, and leaves the others alone', async () => {
    const path = join(tempDir('retag'), 'a.jsonl');
    const sink = new JsonlSink(path, 'all');
    const stale = { id: 'armenia-azerbaijan-talks', relevant: false, score: 0, signals: { countries: [], actors: [], places: [], mediators: [], terms: [] } };
    const talks = buildRecord({
      url: 'https://news.example/a',
      extracted: extracted(
        'Armenia and Azerbaijan agree on first stretch of border delimitation',
        'The border delimitation commissions of Armenia and Azerbaijan, led by deputy prime ministers Mher Grigoryan and Shahin Mustafayev, agreed on the first section of the border near Tavush and Gazakh.\n\nThe agreement is a step towards the peace treaty both governments are negotiating.',
      ),
      topics: [stale],
      fetchedAt: new Date('2024-04-21T12:00:00Z'),
    });
    const topic = loadTopic('armenia-azerbaijan-talks');
    // Tagged with the current topic already: retag must leave it as it is.
    const snow = extracted('Heavy snow closes mountain roads in the Alps', 'Several passes in Switzerland and Austria were closed after heavy snowfall overnight.');
    const current = tagWithTopics([topic], snow.title, snow.text, 'en').topics;
    const weather = buildRecord({
      url: 'https://news.example/b',
      extracted: snow,
      topics: current,
      fetchedAt: new Date('2024-04-21T12:00:00Z'),
    });
    await sink.write(talks);
    await sink.write(weather);
    const s = await retagSinks([sink], [topic]);
    await sink.close();
    expect(s).toMatchObject({ read: 2, changed: 1, flipped: 1, written: 1, failed: 0 });
    const after = readJsonlRecords(path);
    expect(after).toHaveLength(2);
    const t = after.find((r) => r.id === talks.id)!;
    expect(t.topics[0].relevant).toBe(true);
    expect(t.topics[0].signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    expect(t.contentHash).toBe(talks.contentHash);
    expect(after.find((r) => r.id === weather.id)!.topics).toEqual(current);
  });

  it('counts the lines of a JSONL sink that are no record (a torn write, a foreign line) instead of skipping them in silence', async () => {
    const path = join(tempDir('retag-skip'), 'a.jsonl');
    const sink = new JsonlSink(path, 'all');
    const rec = buildRecord({ url: 'https://news.example/c', extracted: extracted('Ministers meet in Almaty', 'The foreign ministers of Armenia and Azerbaijan met in Almaty for two days of talks on the peace treaty.'), topics: [], fetchedAt: new Date('2024-05-10T12:00:00Z') });
    await sink.write(rec);
    await sink.close();
    appendFileSync(path, '{"id":"torn-by-a-crash","title":"half a li\n{"note":"another writer\'s line without an id"}\n');
    const lines: Record<string, unknown>[] = [];
    const log = { warn: (o: Record<string, unknown>) => lines.push(o) } as unknown as Parameters<typeof retagSinks>[2];
    const again = new JsonlSink(path, 'all');
    const s = await retagSinks([again], [loadTopic('armenia-azerbaijan-talks')], log);
    await again.close();
    expect(s).toMatchObject({ read: 1, changed: 1, skipped: 2 });
    expect(lines.filter((l) => l.event === 'retag.lines-skipped')).toEqual([expect.objectContaining({ sink: 'jsonl', lines: 2, reason: 'not-a-record' })]);
  });
});

describe('retag over PostgreSQL', () => {
  const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const TABLE = `t_retag_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

  it('writes nothing when nothing changed (jsonb reorders keys), and the webhook gets nothing', async () => {
    const calls: string[] = [];
    const server = createServer((req, res) => {
      calls.push(String(req.headers['x-record-id']));
      req.resume().on('end', () => res.writeHead(200).end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const hook = new WebhookSink({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, only: 'all' });
    const pgSink = new PostgresSink({ url: PG_URL, table: TABLE, only: 'all' });
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const topic = loadTopic('armenia-azerbaijan-talks');
      const texts = [
        ['Armenia and Azerbaijan agree on first stretch of border delimitation', 'Deputy prime ministers Mher Grigoryan and Shahin Mustafayev agreed on the first section of the border near Tavush and Gazakh; the peace treaty is next.'],
        ['Heavy snow closes mountain roads in the Alps', 'Several passes in Switzerland and Austria were closed after heavy snowfall overnight.'],
        ['Mirzoyan and Bayramov meet in Washington', 'The foreign ministers of Armenia and Azerbaijan, Ararat Mirzoyan and Jeyhun Bayramov, discussed the draft peace agreement.'],
      ];
      const records = texts.map(([title, text], i) => {
        const e = extracted(title, text);
        return buildRecord({ url: `https://news.example/pg-${i}`, extracted: e, topics: tagWithTopics([topic], e.title, e.text, 'en').topics, fetchedAt: new Date('2024-04-21T12:00:00Z') });
      });
      for (const r of records) await pgSink.write(r);
      // What jsonb gives back really is in another key order (the cause of the old bug).
      const back = (await admin.query(`SELECT record FROM ${TABLE} WHERE id = $1`, [records[0].id])).rows[0].record as ArticleRecord;
      expect(JSON.stringify(back.topics)).not.toBe(JSON.stringify(records[0].topics));

      const s = await retagSinks([pgSink, hook], [topic]);
      expect(s).toMatchObject({ read: 3, changed: 0, written: 0, failed: 0 });
      expect(calls).toEqual([]);
      const versions = (await admin.query(`SELECT version FROM ${TABLE} ORDER BY id`)).rows.map((r) => r.version);
      expect(versions).toEqual([1, 1, 1]);

      // A record whose tags are stale is still found and written, to PostgreSQL and the webhook.
      const stale = { id: 'armenia-azerbaijan-talks', relevant: false, score: 0, signals: { countries: [], actors: [], places: [], mediators: [], terms: [] } };
      await pgSink.write({ ...records[2], topics: [stale] });
      const s2 = await retagSinks([pgSink, hook], [topic]);
      expect(s2).toMatchObject({ read: 3, changed: 1, flipped: 1, written: 2, failed: 0 });
      expect(calls).toEqual([records[2].id]);
      expect((await admin.query(`SELECT version FROM ${TABLE} WHERE id = $1`, [records[2].id])).rows[0].version).toBe(3);
    } finally {
      await pgSink.close();
      await hook.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await admin.query(`DROP TABLE IF EXISTS ${TABLE}; DROP TABLE IF EXISTS ${TABLE}_migrations; DROP TABLE IF EXISTS ${TABLE}_revisions`);
      await admin.end();
    }
  });
});
