/**
 * Stories that change after publication (issue 14): an item whose title or updated date
 * changes is fetched again (a new guid alone is not a change since round 10, docs/review.md) and makes a new record version (PostgreSQL `version` 2, JSONL keeps
 * the latest title and modifiedAt); when nothing changed nothing is fetched again, and a second
 * feed carrying the same link under its own guid and title never causes a refetch. End to end:
 * a loopback Atom feed that changes between runs, the real worker (`--once` runs) through Redis,
 * JSONL and PostgreSQL sinks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { PG_URL } from '../helpers/crash-fixture.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

interface Story {
  slug: string;
  id: string;
  title: string;
  updated: string;
}

const prefix = uniquePrefix('edited');
const table = `t_edited_${process.pid}_${Date.now().toString(36)}`;

describe('edited stories', () => {
  let server: Server;
  let base = '';
  const fetches = new Map<string, number>();
  const stories: Story[] = [
    { slug: 'treaty', id: 'urn:story:1', title: 'Talks resume in Abu Dhabi', updated: '2026-11-20T10:00:00Z' },
    { slug: 'border', id: 'urn:story:2', title: 'Border commissions meet', updated: '2026-11-20T11:00:00Z' },
    { slug: 'corridor', id: 'urn:story:3', title: 'Transit route discussed', updated: '2026-11-20T12:00:00Z' },
  ];
  const dir = tempDir('edited');
  const jsonl = join(dir, 'articles.jsonl');
  let db: pg.Client;

  const atom = (list: Story[], feedTitle: string) =>
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${feedTitle}</title><id>urn:${feedTitle}</id><updated>2026-11-20T12:00:00Z</updated>` +
    list.map((s) => `<entry><id>${s.id}</id><title>${s.title}</title><link href="${base}/a/${s.slug}.html"/><updated>${s.updated}</updated></entry>`).join('') +
    '</feed>';
  const page = (s: Story) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${s.title}</title>
<link rel="canonical" href="${base}/a/${s.slug}.html"><meta property="article:published_time" content="2026-11-20T09:00:00Z">
<meta property="article:modified_time" content="${s.updated}"></head><body><article><h1>${s.title}</h1>
<p>Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov met again on the peace treaty between Armenia and Azerbaijan.</p>
<p>Officials said the delimitation commissions would report on the border after the round.</p></article></body></html>`;

  const run = async () => {
    const before = new Map(fetches);
    const { log } = captureLogger('info');
    const config = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [
        { id: 'wire', url: `${base}/wire.xml` },
        // Another outlet's feed carries the first story under its own id and headline.
        { id: 'digest', url: `${base}/digest.xml` },
      ],
      sinks: [
        { type: 'jsonl', path: jsonl, only: 'all' },
        { type: 'postgres', url: PG_URL, table, only: 'all' },
      ],
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    const summary = await runWorker({ config, log, once: true });
    expect(summary.articles.failed).toBe(0);
    const fetched: Record<string, number> = {};
    for (const [k, v] of fetches) if (v !== (before.get(k) ?? 0)) fetched[k] = v - (before.get(k) ?? 0);
    return fetched;
  };
  const versions = async () =>
    Object.fromEntries((await db.query(`SELECT url, version, title, modified_at FROM ${table} ORDER BY url`)).rows.map((r) => [new URL(r.url).pathname, { version: r.version, title: r.title, modifiedAt: r.modified_at.toISOString() }]));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/wire.xml') return res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom(stories, 'Wire'));
      if (path === '/digest.xml') return res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom([{ ...stories[0]!, id: 'digest-77', title: 'Digest: talks again', updated: '2026-11-20T10:30:00Z' }], 'Digest'));
      const m = /^\/a\/([a-z]+)\.html$/.exec(path);
      const s = m && stories.find((x) => x.slug === m[1]);
      if (!s) return res.writeHead(404).end();
      fetches.set(s.slug, (fetches.get(s.slug) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await db.query(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_migrations; DROP TABLE IF EXISTS ${table}_revisions`);
    await db.end();
    await dropPrefix(prefix);
  });

  it('fetches a changed item again as a new record version, and nothing when nothing changed', async () => {
    expect(await run()).toEqual({ treaty: 1, border: 1, corridor: 1 });
    expect(await run()).toEqual({}); // nothing changed: nothing fetched, from either feed

    // An edited headline, a new guid, a new updated date (each with the page edited too).
    stories[0]!.title = 'Talks resume in Abu Dhabi; treaty text agreed';
    stories[0]!.updated = '2026-11-21T08:00:00Z';
    stories[1]!.id = 'urn:story:2:v2';
    stories[1]!.updated = '2026-11-21T09:00:00Z';
    stories[2]!.updated = '2026-11-21T10:00:00Z';
    expect(await run()).toEqual({ treaty: 1, border: 1, corridor: 1 });

    expect(await versions()).toEqual({
      '/a/border.html': { version: 2, title: 'Border commissions meet', modifiedAt: '2026-11-21T09:00:00.000Z' },
      '/a/corridor.html': { version: 2, title: 'Transit route discussed', modifiedAt: '2026-11-21T10:00:00.000Z' },
      '/a/treaty.html': { version: 2, title: 'Talks resume in Abu Dhabi; treaty text agreed', modifiedAt: '2026-11-21T08:00:00.000Z' },
    });
    const latest = Object.fromEntries(readJsonlRecords(jsonl).map((r) => [new URL(r.url).pathname, { title: r.title, modifiedAt: r.modifiedAt }]));
    expect(latest['/a/treaty.html']).toEqual({ title: 'Talks resume in Abu Dhabi; treaty text agreed', modifiedAt: '2026-11-21T08:00:00.000Z' });
    expect(Object.keys(latest)).toHaveLength(3);

    expect(await run()).toEqual({}); // and once seen in its new version, not again
  }, 120_000);
});
