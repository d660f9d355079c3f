/**
 * /stories on the ops listener: the real worker in service mode over the labeled dev set's
 * loopback site; once the records are written, GET /stories (every day since the first article)
 * lists every story of the run and a search narrows it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { startOpsWorker, until, type RunningWorker } from '../helpers/ops-site.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { readLabeled, siteFeeds, siteRoutes } from '../helpers/stories-site.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const FIXTURE = 'tests/fixtures/stories/dev.jsonl';

describe('/stories on the ops listener', () => {
  const prefix = uniquePrefix('stories-ops');
  const jsonl = join(tempDir('stories-ops'), 'a.jsonl');
  const articles = readLabeled(FIXTURE).filter((a) => a.publishedAt >= '2025-01-01'); // the 2025 events
  let site: SiteServer;
  let worker: RunningWorker;

  beforeAll(async () => {
    let base = '';
    site = await startSiteServer(null, siteRoutes(articles, () => base));
    base = site.baseUrl;
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: siteFeeds(articles, base).map((f) => ({ ...f, intervalMinutes: 60 })),
      sinks: [{ type: 'jsonl', path: jsonl, only: 'all' }],
      http: { perHost: { concurrency: 4, minDelayMs: 0 }, respectRobots: false },
    });
    worker = await startOpsWorker(cfg, captureLogger('info').log);
    await until(async () => readJsonlRecords(jsonl).length === articles.length, 'every article to be written', 60_000);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await site?.close();
    await dropPrefix(prefix);
  });

  it('lists the stories of the run, and a search narrows the list', async () => {
    const records = readJsonlRecords(jsonl);
    // the 2025 events: March to August
    const res = await fetch(`${worker.url}/stories?days=180&until=2025-08-12`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    const shown = new Set([...html.matchAll(/data-story="([^"]+)"/g)].map((m) => m[1]));
    expect(shown).toEqual(new Set(records.map((r) => r.storyId)));
    expect(shown.size).toBeGreaterThan(1);
    const q = await (await fetch(`${worker.url}/stories?days=180&until=2025-08-12&q=${encodeURIComponent('Абу-Даби')}`)).text();
    const narrowed = [...q.matchAll(/data-story="([^"]+)"/g)].map((m) => m[1]);
    expect(narrowed).toEqual([records.find((r) => r.url.endsWith('/a/abudhabi-ru-1.html'))!.storyId]);
    expect((await fetch(`${worker.url}/stories`, { method: 'POST' })).status).toBe(405);
  });
});
