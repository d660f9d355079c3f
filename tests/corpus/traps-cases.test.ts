/**
 * The item-missing-link case of ../shared/corpus/cases run end to end (corpus tier): its feed
 * bytes served on loopback (its host pointed at the test server: tests never fetch a public
 * host), the real worker polling it twice through the local Redis, and its expected.json
 * checked: article fetches, records after the second fetch, ids stable across fetches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';
import { requireCorpus } from './require-corpus.js';

const caseDir = requireCorpus('corpus/cases/item-missing-link');
const exp = JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8')) as {
  input: { url: string };
  items: number;
  articleFetchJobs: number;
  recordsAfterSecondFetch: number;
};
const PAGE = (title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${'<p>A page served for the case by the test server, long enough to be an article.</p>'.repeat(4)}</article></body></html>`;

describe('case item-missing-link, end to end', () => {
  const prefix = uniquePrefix('case-nolink');
  const out = join(tempDir('case-nolink'), 'articles.jsonl');
  let server: SiteServer;
  const origin = new URL(exp.input.url).origin;
  const ids: string[][] = [];

  beforeAll(async () => {
    const feed = readFileSync(join(caseDir, 'feed.xml'), 'utf8');
    // Every page the feed links is served as an article page.
    const paths = [...feed.matchAll(new RegExp(`${origin.replace(/\./g, '\\.')}(/[^<"\\s]+)`, 'g'))].map((m) => m[1]).filter((p) => p !== '/rss.xml');
    server = await startSiteServer(null, {
      '/rss.xml': { handle: (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed.replaceAll(origin, server.baseUrl)) },
      ...Object.fromEntries(paths.map((p) => [p, { headers: { 'content-type': 'text/html' }, body: PAGE(p) }])),
    });
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [{ id: 'case', url: `${server.baseUrl}/rss.xml` }],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { respectRobots: false, perHost: { concurrency: 4, minDelayMs: 0 } },
    });
    for (let i = 0; i < 2; i++) {
      await runWorker({ config: cfg, log: captureLogger('info').log, once: true });
      ids.push((await readJsonlRecords(out)).map((r) => r.id).sort());
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await dropPrefix(prefix);
  });

  it(`fetches ${exp.articleFetchJobs} article pages in all, stores ${exp.recordsAfterSecondFetch} records, ids stable`, async () => {
    const pageRequests = server.requests.filter((r) => r !== '/rss.xml' && r !== '/robots.txt');
    expect(pageRequests).toHaveLength(exp.articleFetchJobs);
    const records = await readJsonlRecords(out);
    expect(records).toHaveLength(exp.recordsAfterSecondFetch);
    expect(records.filter((r) => r.textSource === 'feed')).toHaveLength(exp.recordsAfterSecondFetch - exp.articleFetchJobs);
    expect(ids[1]).toEqual(ids[0]);
    // Each record was written once over the two fetches (the JSONL keeps every write until compaction).
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(exp.recordsAfterSecondFetch);
  });
});
