/**
 * `npm run bench:pipeline:enqueue [-- --items 100000 --max-bytes 60000000]`: the bad-input half
 * of issue 6. One feed of `--items` items (a huge feed, or what a re-ingest of everything looks
 * like) served on loopback; one real worker process (`runWorker`, `--once`) takes the feed job
 * while the article queue is paused, so only the enqueue is measured. Prints the feed job's time,
 * the worker's peak RSS and heap, the longest event-loop delay (the feed job's lock must keep being
 * renewed), `status` progress sampled while it runs (waiting count growing in bounded batches),
 * and Redis used_memory per waiting article job. Redis: a private redis-server (`--own-redis`)
 * or REDIS_URL / 127.0.0.1:6379, under a fresh prefix, cleaned up afterwards.
 *
 * http.maxBytes defaults to 5,000,000 in the config; a 100,000-item feed is about 35 MB, which
 * the default refuses (`too-large`, permanent). `--max-bytes` lifts it for the measurement.
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { parseConfig } from '../src/config/load.js';
import { deleteKeysWithPrefix } from '../src/queue/connection.js';
import { openQueues } from '../src/queue/queues.js';
import { collectStatus } from '../src/queue/status.js';
import { forkTs, nextMessage } from './lib/children.js';
import { startFeedServer } from './lib/feed-server.js';
import type { WorkerReport } from './lib/pipeline-worker-child.js';
import { startOwnRedis, usedMemory } from './lib/redis-stats.js';
import { fmt, mib } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    'max-bytes': { type: 'string', default: '60000000' },
    'own-redis': { type: 'boolean', default: false },
  },
});
const items = Number(args.items);
const maxBytes = Number(args['max-bytes']);
const reproduce = `npm run bench:pipeline:enqueue -- ${process.argv.slice(2).join(' ')}`.trim();

const own = args['own-redis'] ? await startOwnRedis() : null;
const redisUrl = own?.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Pages are never fetched (the article queue stays paused): one placeholder page suffices.
const server = await startFeedServer({ pages: [{ id: 'placeholder', body: Buffer.from('<html></html>') }], articles: items, perFeed: items });
const prefix = `bench-enq-${Date.now().toString(36)}`;
const raw = {
  redis: { url: redisUrl, prefix },
  feeds: [],
  sinks: [{ type: 'jsonl', path: '/dev/null', only: 'all' }],
  http: { allowPrivateNetworks: true, maxBytes, perHost: { concurrency: 100, minDelayMs: 0 } },
  logLevel: 'warn',
};
const config = parseConfig(raw, 'bench');
const admin = new Redis(redisUrl, { maxRetriesPerRequest: null });
const queueConn = new Redis(redisUrl, { maxRetriesPerRequest: null });
const queues = openQueues(config, queueConn);
try {
  const child = forkTs('pipeline-worker-child.ts', { BENCH_CONFIG: JSON.stringify(raw) });
  const done = nextMessage<WorkerReport>(child, 'done');
  await nextMessage(child, 'ready');
  await queues.articles.pause();
  const mem0 = await usedMemory(admin);
  const t0 = Date.now();
  const feedDone = nextMessage<{ outcome: string; durationMs: number }>(child, 'feed-done');
  await queues.feeds.add('fetch-feed', { feedId: 'huge', url: server.feedUrls[0], reason: 'once' });
  child.send({ type: 'go' });
  const samples: string[] = [];
  let finished = false;
  void feedDone.finally(() => (finished = true));
  while (!finished) {
    await new Promise((r) => setTimeout(r, 2000));
    const st = await collectStatus(config, admin, queues, 1);
    samples.push(`${fmt((Date.now() - t0) / 1000)} s: articles waiting ${st.queues.articles.waiting ?? 0} (status, read while the feed job runs)`);
  }
  const feed = await feedDone;
  const elapsed = Date.now() - t0;
  const waiting = (await queues.articles.getJobCounts('waiting')) as Record<string, number>;
  const queued = waiting.waiting ?? 0;
  const mem1 = await usedMemory(admin);
  child.send({ type: 'stop' });
  const rep = await done;
  console.log(`bench:pipeline:enqueue  ${new Date().toISOString()}  one feed of ${items} items, http.maxBytes ${maxBytes}, Redis ${own ? 'private redis-server' : redisUrl}`);
  console.log(`feed job: ${feed.outcome} in ${fmt(feed.durationMs / 1000)} s (${fmt(elapsed / 1000)} s from enqueue), ${queued} article jobs queued`);
  for (const s of samples) console.log(`  ${s}`);
  console.log(`worker: peak RSS ${mib(rep.peakRss)}, heap at end ${mib(rep.heapUsed)}, event-loop delay max ${fmt(rep.loopDelay.maxMs)} ms, p99 ${fmt(rep.loopDelay.p99Ms)} ms`);
  console.log(`Redis used_memory ${mib(mem0)} → ${mib(mem1)}: ${fmt((mem1 - mem0) / Math.max(1, queued), 0)} bytes per waiting article job (job hash with the feed item, seen-set key, wait list entry)`);
  console.log(`Redis commands sent by the worker: ${Object.entries(rep.commands).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`reproduce: ${reproduce}`);
} finally {
  await queues.close();
  queueConn.disconnect();
  await deleteKeysWithPrefix(admin, prefix);
  admin.disconnect();
  await server.close();
  await own?.stop();
}
