/**
 * /readyz follows a webhook sink (round 16, fresh16): 200 while its receiver takes records, 503
 * naming the sink, its reason code and the receiver's answer while every delivery fails (HTTP
 * 500, then a refused connection), 200 again after the next delivery the receiver takes. On main
 * /readyz stayed 200 throughout: the webhook sink had no probe. Real worker, its ops listener, a
 * private redis-server and a loopback receiver whose answer the test switches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SiteServer } from '../helpers/site-server.js';
import { startOpsSite, startOpsWorker, until, type RunningWorker } from '../helpers/ops-site.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { captureLogger, testConfig, uniquePrefix } from '../helpers/worker.js';
import { WebhookSink } from '../../src/sinks/webhook.js';
import type { ArticleRecord } from '../../src/types.js';

let redis: PrivateRedis;
let site: SiteServer;
let worker: RunningWorker;
let receiver: Server;
let port = 0;
/** What the receiver answers now. */
let answer = 500;
let received = 0;

beforeAll(async () => {
  redis = await startPrivateRedis();
  site = await startOpsSite();
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer === 200 ? 'ok' : 'receiver broken');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  port = (receiver.address() as AddressInfo).port;
  const cfg = testConfig({
    redis: { url: redis.url, prefix: uniquePrefix('readyzhook') },
    feeds: [{ id: 'herald', url: `${site.baseUrl}/feed.xml`, intervalMinutes: 60 }],
    // short delivery backoff: the retry after the receiver recovers comes within seconds
    sinks: [{ type: 'webhook', name: 'hook', url: `http://127.0.0.1:${port}/in`, only: 'all', backoffMs: 200 }],
    http: { perHost: { concurrency: 4, minDelayMs: 0 }, respectRobots: false },
    worker: { shutdownTimeoutMs: 2000, attempts: 1 },
  });
  worker = await startOpsWorker(cfg, captureLogger('info').log);
});

afterAll(async () => {
  await worker?.stop();
  await site?.close();
  await new Promise((r) => receiver?.close(r));
  await redis?.stop();
});

type Ready = { status: number; body: { problems: { check: string; name?: string; code: string; reason: string }[] } };
const readyz = async (): Promise<Ready> => {
  const r = await fetch(`${worker.url}/readyz`);
  return { status: r.status, body: (await r.json()) as Ready['body'] };
};

describe('/readyz and a failing webhook sink', () => {
  it('is 503 naming the webhook while its receiver answers 500, 200 again once it takes a delivery', async () => {
    const down = await until(async () => {
      const r = await readyz();
      return r.status === 503 ? r : null;
    }, '/readyz 503 while the receiver answers 500', 60_000);
    expect(received).toBeGreaterThan(0);
    expect(down.body.problems).toHaveLength(1);
    const p = down.body.problems[0];
    expect([p.check, p.name, p.code]).toEqual(['sink', 'hook', 'sink-failed']);
    expect(p.reason).toMatch(/last delivery attempt failed at \S+: \[sink-failed\] hook record \S+: HTTP 500 receiver broken/);
    // the process itself is healthy: only readiness says the sink fails
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);

    // the receiver recovers: the delivery queue's next retry goes through
    const before = received;
    answer = 200;
    await until(async () => (await readyz()).status === 200, '/readyz 200 after a delivery the receiver took', 60_000);
    expect(received).toBeGreaterThan(before);
  }, 120_000);
});

const record = { id: 'r1', url: 'http://127.0.0.1/a', title: 't', text: 'x', topics: [] } as unknown as ArticleRecord;

describe('WebhookSink.probe', () => {
  it('follows the newest attempt: refused connection and endpoint refusals fail it, a record refusal does not, a 2xx clears it', async () => {
    const sink = new WebhookSink({ url: `http://127.0.0.1:${port}/in` }, 'hook');
    await expect(sink.probe()).resolves.toBeUndefined();
    answer = 404;
    await expect(sink.write(record)).rejects.toThrow(/HTTP 404/);
    await expect(sink.probe()).rejects.toThrow(/\[sink-misconfigured\] hook record r1: HTTP 404/);
    answer = 200;
    await expect(sink.write(record)).resolves.toBe('written');
    await expect(sink.probe()).resolves.toBeUndefined();
    answer = 422;
    await expect(sink.write(record)).rejects.toThrow(/HTTP 422/);
    await expect(sink.probe()).resolves.toBeUndefined();
    // nothing listens on a closed port: every record would fail
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const gone = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const dead = new WebhookSink({ url: `http://127.0.0.1:${gone}/in` }, 'dead');
    await expect(dead.write(record)).rejects.toThrow(/ECONNREFUSED/);
    await expect(dead.probe()).rejects.toThrow(/\[sink-failed\] dead record r1: .*ECONNREFUSED/);
    // a write the caller aborted (shutdown) says nothing of the receiver
    const ac = new AbortController();
    ac.abort(new Error('stopping'));
    await expect(sink.write(record, { signal: ac.signal })).rejects.toThrow();
    await expect(sink.probe()).resolves.toBeUndefined();
  });
});
