/**
 * `npm run demo`: the repository's fixture site (tests/fixtures/site: three feeds, pages in
 * six languages) served on loopback, the real worker run once against the local Redis (a
 * fresh prefix), then a short table of what was written. Needs Redis at REDIS_URL (default
 * redis://127.0.0.1:6379); nothing outside the repository.
 */
import { resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { parseConfig } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import { createProducerRedis, deleteKeysWithPrefix, RedisUnavailableError, whenReady } from '../src/queue/connection.js';
import { runWorker } from '../src/queue/worker.js';
import { readJsonlRecords } from '../src/sinks/jsonl.js';
import { SITE_DIR, startSiteServer } from './lib/site-server.js';

/** The site's feeds whose articles are all reachable (feeds/faults.xml is for the tests). */
const FEEDS = [
  { id: 'caucasus-ledger', path: 'feeds/world.xml' },
  { id: 'vestnik-ru', path: 'feeds/ru.xml' },
  { id: 'regional-desk', path: 'feeds/regional.atom' },
];
const out = resolve('data/demo-articles.jsonl');
rmSync(out, { force: true });
const server = await startSiteServer(SITE_DIR);
const prefix = `demo-${Date.now().toString(36)}`;
const config = parseConfig({
  redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix },
  feeds: FEEDS.map((f) => ({ id: f.id, url: `${server.baseUrl}/${f.path}` })),
  sinks: [{ type: 'jsonl', path: out, only: 'all' }],
  http: { allowPrivateNetworks: true, perHost: { concurrency: 4, minDelayMs: 0 } },
  logLevel: process.env.LOG_LEVEL ?? 'warn',
});
console.log(`serving the fixture site at ${server.baseUrl}; running the worker once (Redis prefix ${prefix})`);
try {
  const s = await runWorker({ config, log: createLogger(config.logLevel, { pretty: false }), once: true });
  console.log(`feeds ${s.feeds.completed} ok / ${s.feeds.failed} failed, articles ${s.articles.completed} ok / ${s.articles.failed} failed, ${s.durationMs} ms`);
} catch (err) {
  // Exit codes as `start`'s: 3 Redis unreachable, 1 anything else. Nothing to clean in a
  // Redis that is not there (a reconnecting client would print its errors forever).
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  await server.close();
  process.exit(err instanceof RedisUnavailableError ? 3 : 1);
}
await server.close();
{
  const redis = createProducerRedis(config.redis.url, 'news-ingest-demo');
  redis.on('error', () => {});
  await whenReady(redis, config.redis.url)
    .then(() => deleteKeysWithPrefix(redis, prefix))
    .catch(() => 0);
  redis.disconnect();
}
const recs = readJsonlRecords(out);
console.log(`\n${recs.length} records in ${out}\n`);
const row = (t: string, l: string, r: string, s: string) => `${t.padEnd(72)} ${l.padEnd(5)} ${r.padEnd(9)} ${s}`;
console.log(row('title', 'lang', 'relevant', 'score'));
for (const r of recs) {
  const t = r.topics[0];
  const title = r.title.length > 70 ? `${r.title.slice(0, 69)}…` : r.title;
  console.log(row(title, r.language ?? '-', String(t?.relevant ?? '-'), t ? t.score.toFixed(2) : '-'));
}
