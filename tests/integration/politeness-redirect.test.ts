/**
 * Per-host politeness on redirect hops (docs/review.md round 8: a 301 to another host was
 * fetched 3 ms after a direct request to that host, whose minDelayMs was 300). Two loopback
 * servers on two ports are two hosts (the politeness key is `URL.host`, port included).
 * - The real worker (`runWorker --once`): the feed's article on host A redirects to host B; just
 *   before A answers, B gets a direct request through B's slot (another worker's). B's server
 *   stamps both arrivals: they must be minDelayMs apart.
 * - fetchResource with the job's gate (waitHostSlot) while B's only slot is held elsewhere: the
 *   fetch fails with `host-busy` (the job is then delayed) after a bounded wait, and B is not asked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { IngestError } from '../../src/errors.js';
import { fetchResource } from '../../src/http/fetch.js';
import { runWorker } from '../../src/queue/worker.js';
import { acquireHostSlot, waitHostSlot } from '../../src/state/politeness.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

const MIN_DELAY_MS = 300;
const PARA = 'Armenian and Azerbaijani negotiators met again on the border commission and agreed a schedule for the next round of talks. ';
const page = (title: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${PARA.repeat(4)}</p></article></body></html>`;

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('politeness on redirect hops to another host', () => {
  const prefix = uniquePrefix('polite-redirect');
  const perHost = { concurrency: 1, minDelayMs: MIN_DELAY_MS };
  const http = HttpConfigSchema.parse({ allowPrivateNetworks: true, timeoutMs: 5000, perHost });
  let redis: Redis;
  let a: { server: Server; origin: string };
  let b: { server: Server; origin: string };
  /** B's arrivals, stamped by B's server (ms, performance.now). */
  const bArrivals: { path: string; at: number }[] = [];

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    b = await listen((req, res) => {
      bArrivals.push({ path: req.url ?? '/', at: performance.now() });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(`Talks on the border ${req.url}`));
    });
    a = await listen((req, res) => {
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>A</title><link>${a.origin}/</link><item><title>Talks</title><link>${a.origin}/r/1</link></item></channel></rss>`);
      }
      // Another worker's direct request to B, through B's slot, just before A redirects there.
      void (async () => {
        const bHost = new URL(b.origin).host;
        const slot = await acquireHostSlot(redis, prefix, bHost, perHost);
        if (!slot.ok) throw new Error(`B busy at the start (${slot.waitMs} ms)`);
        try {
          await fetchResource(`${b.origin}/direct.html`, { http, userAgent: 'other-worker', kind: 'html', onResponseStart: slot.started });
        } finally {
          await slot.release();
        }
        res.writeHead(301, { location: `${b.origin}/article.html` }).end();
      })().catch(() => res.writeHead(500).end());
    });
  });

  afterAll(async () => {
    await new Promise((r) => a.server.close(r));
    await new Promise((r) => b.server.close(r));
    redis.disconnect();
    await dropPrefix(prefix);
  });

  it(`the hop to B waits for B's slot: B's two requests arrive at least minDelayMs (${MIN_DELAY_MS} ms) apart`, async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [{ id: 'redirecting', url: `${a.origin}/feed.xml` }],
      sinks: [{ type: 'jsonl', path: join(tempDir('polite-redirect'), 'articles.jsonl'), only: 'all' }],
      http: { respectRobots: false, perHost },
      worker: { extractThreads: 0 },
    });
    const { log } = captureLogger('info');
    const summary = await runWorker({ config: cfg, log, once: true });
    expect(summary.articles.completed).toBe(1);
    expect(bArrivals.map((r) => r.path)).toEqual(['/direct.html', '/article.html']);
    const gap = bArrivals[1].at - bArrivals[0].at;
    console.log(`redirect hop to B: ${gap.toFixed(1)} ms after B's direct request (minDelayMs ${MIN_DELAY_MS})`);
    // B's server stamps a request before answering and the slot is marked after the answer: the
    // gap as B sees it is never under minDelayMs; 20 ms of margin for timer granularity.
    expect(gap).toBeGreaterThanOrEqual(MIN_DELAY_MS - 20);
  }, 120_000);

  it('a hop whose host stays busy fails with host-busy after a bounded wait, without asking that host', async () => {
    const c = await listen((_req, res) => res.writeHead(302, { location: `${b.origin}/busy.html` }).end());
    const bHost = new URL(b.origin).host;
    const busy = { concurrency: 1, minDelayMs: 0 };
    // another worker holds B's only slot for the whole test
    const held = await acquireHostSlot(redis, prefix, bHost, busy, { leaseMs: 10_000 });
    expect(held.ok).toBe(true);
    const before = bArrivals.length;
    let calls = 0;
    try {
      const hopSlot = (h: string, o: { signal: AbortSignal }) => waitHostSlot(() => (calls++, acquireHostSlot(redis, prefix, h, busy)), h, { maxWaitMs: 400, signal: o.signal });
      const err = await fetchResource(`${c.origin}/x`, { http, userAgent: 't', kind: 'html', hopSlot }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IngestError);
      expect((err as IngestError).code).toBe('host-busy');
      expect((err as IngestError).retryAfterMs).toBeGreaterThan(0);
      expect(calls).toBeGreaterThan(1); // it waited in process before giving up
      expect(bArrivals.length).toBe(before);
    } finally {
      if (held.ok) await held.release();
      await new Promise((r) => c.server.close(r));
    }
  });

  it('a hop on the first host, or back to it, takes no new slot (the caller holds it)', async () => {
    const d = await listen((req, res) => {
      if (req.url === '/start') return void res.writeHead(301, { location: '/moved' }).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Same host'));
    });
    const asked: string[] = [];
    try {
      const hopSlot = async (h: string) => {
        asked.push(h);
        throw new IngestError('host-busy', `gate asked for ${h}`);
      };
      const res = await fetchResource(`${d.origin}/start`, { http, userAgent: 't', kind: 'html', hopSlot });
      expect(res.finalUrl).toBe(`${d.origin}/moved`);
      expect(asked).toEqual([]);
    } finally {
      await new Promise((r) => d.server.close(r));
    }
  });
});
