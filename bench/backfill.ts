/**
 * `npm run bench:backfill [-- --pages 50000 --sitemaps 50 --delay-ms 1000 --concurrency 2]`:
 * backfill speed and memory against the generated loopback site (tests/helpers/sitemap-site.ts:
 * nested index, news sitemaps, gzip, robots.txt). Two runs over the whole three years, each
 * under a fresh Redis prefix (REDIS_URL or 127.0.0.1:6379):
 * - politeness off: perHost minDelayMs 0, concurrency 64;
 * - politeness on: perHost minDelayMs --delay-ms (default 1000, the config default) and
 *   --concurrency (default 2): every sitemap and robots.txt fetch waits its turn.
 * Prints sitemap entries handled per second and article jobs queued per second (the run's own
 * work: fetching sitemaps, reading them, robots, seen-set, enqueue; the pages themselves are
 * fetched later by the worker), and heap after GC and RSS at 20/50/100 % of the entries.
 * Run with `node --expose-gc --import tsx bench/backfill.ts` for the GC'd heap figures.
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { runBackfill } from '../src/backfill/index.js';
import { parseConfig } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import { deleteKeysWithPrefix } from '../src/queue/connection.js';
import { openQueues } from '../src/queue/queues.js';
import { SITE_END, SITE_START, startSitemapSite } from '../tests/helpers/sitemap-site.js';

const { values: o } = parseArgs({
  options: {
    pages: { type: 'string', default: '50000' },
    sitemaps: { type: 'string', default: '50' },
    'delay-ms': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '2' },
  },
});
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const mib = (b: number) => (b / 1048576).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc;

async function one(label: string, perHost: { concurrency: number; minDelayMs: number }, site: Awaited<ReturnType<typeof startSitemapSite>>, total: number) {
  const prefix = `bench-backfill-${process.pid}-${Date.now().toString(36)}`;
  const redis = new Redis(REDIS_URL);
  const cfg = parseConfig({ redis: { url: REDIS_URL, prefix }, http: { allowPrivateNetworks: true, perHost }, logLevel: 'warn' }, '(bench)', {});
  const queues = openQueues(cfg, redis);
  const marks = [0.2, 0.5, 1];
  const samples: string[] = [];
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peakRss = 0;
  const t0 = Date.now();
  try {
    const r = await runBackfill(
      { source: { kind: 'site', value: site.origin }, since: new Date(SITE_START).toISOString(), until: new Date(SITE_END).toISOString(), feedId: null, includeUndated: false, prune: true },
      {
        config: cfg, redis, queues, log: createLogger('warn', { pretty: false, destination: process.stderr }), userAgent: 'news-ingest-bench',
        onProgress: (p) => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          while (marks.length && p.counters.entries >= marks[0] * total) {
            gc?.();
            const m = process.memoryUsage();
            samples.push(`${Math.round(marks.shift()! * 100)}%: heap ${mib(m.heapUsed)} MiB, rss ${mib(m.rss)} MiB`);
          }
        },
      },
    );
    const secs = (Date.now() - t0) / 1000;
    console.log(`${label}: ${r.counters.entries} entries, ${r.counters.queued} queued in ${secs.toFixed(1)} s → ${Math.round(r.counters.entries / secs)} entries/s, ${Math.round(r.counters.queued / secs)} jobs queued/s; sitemaps ${r.counters.sitemapsDone}`);
    console.log(`  heap before ${mib(heap0)} MiB; ${samples.join('; ')}; peak rss ${mib(peakRss)} MiB`);
  } finally {
    await queues.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  }
}

const pages = Number(o.pages);
const site = await startSitemapSite({ pages, sitemaps: Number(o.sitemaps) });
console.log(`site: ${pages} pages in ${o.sitemaps} sitemaps on ${site.origin}; gc ${gc ? 'on' : 'off (run with --expose-gc)'}`);
try {
  await one('politeness off (minDelayMs 0, concurrency 64)', { concurrency: 64, minDelayMs: 0 }, site, pages);
  await one(`politeness on (minDelayMs ${o['delay-ms']}, concurrency ${o.concurrency})`, { concurrency: Number(o.concurrency), minDelayMs: Number(o['delay-ms']) }, site, pages);
} finally {
  await site.close();
}
console.log('reproduce: node --expose-gc --import tsx bench/backfill.ts');
