/**
 * A stand-in worker process for the cross-process politeness test: it makes `count`
 * requests to one URL, each through acquireHostSlot + fetchResource (with the slot's `started`
 * wired as `onResponseStart`), waiting `waitMs` when
 * the host is busy (as a delayed job would). Usage:
 *   tsx tests/helpers/politeness-worker.ts '<json: {redisUrl, prefix, url, count, worker, perHost}>'
 * Prints one JSON line with its counts when done.
 */
import { Redis } from 'ioredis';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { fetchResource } from '../../src/http/fetch.js';
import { acquireHostSlot } from '../../src/state/politeness.js';

const args = JSON.parse(process.argv[2] ?? '{}') as { redisUrl: string; prefix: string; url: string; count: number; worker: string; perHost: { concurrency: number; minDelayMs: number } };
const redis = new Redis(args.redisUrl);
const http = HttpConfigSchema.parse({ allowPrivateNetworks: true, timeoutMs: 5000, perHost: args.perHost });
let done = 0;
let waits = 0;
try {
  const host = new URL(args.url).hostname;
  while (done < args.count) {
    const slot = await acquireHostSlot(redis, args.prefix, host, http.perHost);
    if (!slot.ok) {
      waits++;
      await new Promise((r) => setTimeout(r, slot.waitMs));
      continue;
    }
    try {
      await fetchResource(`${args.url}?worker=${args.worker}&n=${done}`, { http, userAgent: 'politeness-test', kind: 'feed', onResponseStart: slot.started });
    } finally {
      await slot.release();
    }
    done++;
  }
  console.log(JSON.stringify({ worker: args.worker, done, waits }));
} finally {
  redis.disconnect();
}
