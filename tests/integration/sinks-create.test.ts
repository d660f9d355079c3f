/**
 * `createSinks` from a validated config: all three kinds at once, the PostgreSQL table made
 * at start, and an unreachable PostgreSQL that neither throws nor stops the other sinks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { closeSinks, createSinks, deliver } from '../../src/sinks/index.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { captureLogger } from '../helpers/worker.js';
import { makeRecord } from '../helpers/sink-fixtures.js';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TABLE = `t_sinks_create_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe('createSinks', () => {
  let dir: string;
  let db: pg.Client;
  let server: Server;
  let hookUrl: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sinks-create-'));
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    server = createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        bodies.push(b);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${TABLE}; DROP TABLE IF EXISTS ${TABLE}_migrations; DROP TABLE IF EXISTS ${TABLE}_revisions`);
    await db.end();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds jsonl, postgres and webhook sinks, migrates at start, and applies each one\'s filter', async () => {
    const cfg = parseConfig(
      {
        sinks: [
          { type: 'jsonl', path: join(dir, 'a.jsonl'), only: 'relevant' },
          { type: 'postgres', url: PG_URL, table: TABLE, only: 'all' },
          { type: 'webhook', url: hookUrl, secret: 's', only: 'relevant' },
        ],
      },
      '(test)',
      {},
    );
    const sinks = await createSinks(cfg);
    expect(sinks.map((s) => s.name)).toEqual(['jsonl', 'postgres', 'webhook']);
    expect((await db.query('SELECT to_regclass($1)::text AS t', [TABLE])).rows[0].t).toBe(TABLE);

    const relevant = makeRecord({ n: 1 });
    const other = makeRecord({ n: 2, relevant: false });
    const r1 = await deliver(relevant, sinks);
    expect(r1.delivered.sort((a, b) => a.sink.localeCompare(b.sink))).toEqual([
      { sink: 'jsonl', outcome: 'written' },
      { sink: 'postgres', outcome: 'inserted' },
      { sink: 'webhook', outcome: 'written' },
    ]);
    expect(r1.failed).toEqual([]);
    const r2 = await deliver(other, sinks);
    expect(r2.delivered).toEqual([{ sink: 'postgres', outcome: 'inserted' }]);
    expect(r2.skipped.sort()).toEqual(['jsonl', 'webhook']);
    // The same version again: JSONL and PostgreSQL say so; a webhook cannot know, it sends again.
    const r3 = await deliver(relevant, sinks);
    expect(Object.fromEntries(r3.delivered.map((d) => [d.sink, d.outcome]))).toEqual({ jsonl: 'unchanged', postgres: 'unchanged', webhook: 'written' });
    expect(await closeSinks(sinks)).toEqual([]);

    expect(readJsonlRecords(join(dir, 'a.jsonl')).map((r) => r.id)).toEqual([relevant.id]);
    expect((await db.query(`SELECT id FROM ${TABLE} ORDER BY id`)).rows.map((r) => r.id)).toEqual([relevant.id, other.id].sort());
    expect(bodies.map((b) => (JSON.parse(b) as { id: string }).id)).toEqual([relevant.id, relevant.id]);
  });

  it('starts with PostgreSQL unreachable: a warning, the other sinks work, postgres fails as transient', async () => {
    const cfg = parseConfig(
      {
        sinks: [
          { type: 'jsonl', path: join(dir, 'b.jsonl'), only: 'all' },
          { type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test', table: TABLE, only: 'all' },
        ],
      },
      '(test)',
      {},
    );
    const { log, lines } = captureLogger('info');
    const sinks = await createSinks(cfg, { log });
    expect(lines.filter((l) => l.msg === 'sink.init failed; retried on first write').map((l) => l.sink)).toEqual(['postgres']);
    const res = await deliver(makeRecord({ n: 3 }), sinks);
    expect(res.delivered).toEqual([{ sink: 'jsonl', outcome: 'written' }]);
    expect(res.failed.map((f) => ({ sink: f.sink, permanent: f.permanent, msg: f.error.message.includes('ECONNREFUSED') }))).toEqual([{ sink: 'postgres', permanent: false, msg: true }]);
    await closeSinks(sinks);
  });
});
