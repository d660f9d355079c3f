/**
 * Bad input through the real worker (in process, local Redis and PostgreSQL): an article
 * whose text is far over the PostgreSQL sink's cap is written once, truncated by the
 * documented rule in PostgreSQL and whole in JSONL, in one attempt: no job retried, no sink
 * stopped for the others.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { MAX_TEXT_CHARS } from '../../src/sinks/sanitize.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TABLE = `t_sinks_bad_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const PARA = 'Armenian and Azerbaijani foreign ministers met in Geneva for a new round of peace talks on the border delimitation. ';

describe('worker with the PostgreSQL sink on an oversized article', () => {
  const prefix = uniquePrefix('sinks-bad');
  const out = join(tempDir('sinks-bad'), 'articles.jsonl');
  let server: Server;
  let base = '';
  let db: pg.Client;

  beforeAll(async () => {
    // ~3.5 MB page: under http.maxBytes (5 MB), 3.5x the sink's text cap.
    const big = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long transcript</title></head><body><article><h1>Long transcript</h1>${`<p>${PARA.repeat(10)}</p>`.repeat(3000)}</article></body></html>`;
    const small = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Short note</title></head><body><article><h1>Short note</h1><p>${PARA.repeat(3)}</p></article></body></html>`;
    server = createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>${base}/</link><item><title>Long</title><link>${base}/big.html</link></item><item><title>Short</title><link>${base}/small.html</link></item></channel></rss>`);
      }
      const body = req.url === '/big.html' ? big : req.url === '/small.html' ? small : null;
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await db.query(`DROP TABLE IF EXISTS ${TABLE}; DROP TABLE IF EXISTS ${TABLE}_migrations; DROP TABLE IF EXISTS ${TABLE}_revisions`);
    await db.end();
    await dropPrefix(prefix);
  });

  it('writes the record once, truncated in PostgreSQL, whole in JSONL, without a retry', async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [{ id: 'bad-input', url: `${base}/feed.xml` }],
      sinks: [
        { type: 'jsonl', path: out, only: 'all' },
        { type: 'postgres', url: PG_URL, table: TABLE, only: 'all' },
      ],
    });
    const { log, lines } = captureLogger('info');
    const summary = await runWorker({ config: cfg, log, once: true });
    expect(summary.articles).toMatchObject({ completed: 2, failed: 0, retried: 0 });
    expect(lines.filter((l) => l.event === 'sink.failed')).toEqual([]);

    const jsonl = readJsonlRecords(out);
    const bigRec = jsonl.find((r) => r.title === 'Long transcript');
    expect(bigRec!.text.length).toBeGreaterThan(3 * MAX_TEXT_CHARS);
    const rows = (await db.query(`SELECT title, length(record->>'text') AS len, sink_flags, version, content_hash FROM ${TABLE} ORDER BY title`)).rows;
    expect(rows).toEqual([
      { title: 'Long transcript', len: MAX_TEXT_CHARS, sink_flags: ['text-truncated'], version: 1, content_hash: bigRec!.contentHash },
      { title: 'Short note', len: expect.any(Number), sink_flags: [], version: 1, content_hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    console.log(`sinks-worker-bad-input: JSONL text ${bigRec!.text.length} chars, PostgreSQL text ${rows[0].len} chars, flags ${rows[0].sink_flags}`);
  }, 120_000);
});
