/**
 * The webhook sink against a loopback receiver that keeps what it gets by Idempotency-Key,
 * as a receiver honouring the key would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { idempotencyKey } from '../../src/sinks/version.js';
import { signBody, verifySignature, WebhookSink } from '../../src/sinks/webhook.js';
import type { ArticleRecord } from '../../src/types.js';
import { makeRecord } from '../helpers/sink-fixtures.js';

const SECRET = 'test-secret-\u00e9';

interface Call {
  key: string;
  recordId: string;
  signatureValid: boolean;
  body: string;
}

/** A receiver; `respond(callNumber)` picks the status of each call (1-based). */
async function receiver(respond: (n: number, req: IncomingMessage, res: ServerResponse) => number | null) {
  const calls: Call[] = [];
  const accepted = new Map<string, ArticleRecord[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const call: Call = {
        key: String(req.headers['idempotency-key']),
        recordId: String(req.headers['x-record-id']),
        signatureValid: verifySignature(body, req.headers['x-signature'] as string | undefined, SECRET),
        body,
      };
      calls.push(call);
      const status = respond(calls.length, req, res);
      if (status === null) return; // never answer
      if (status >= 200 && status < 300 && call.signatureValid && !accepted.has(call.key)) {
        accepted.set(call.key, [JSON.parse(body) as ArticleRecord]);
      } else if (status >= 200 && status < 300 && accepted.has(call.key)) {
        accepted.get(call.key)!.push(JSON.parse(body) as ArticleRecord); // a repeat, not applied
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  servers.push(server);
  return { url, calls, accepted };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('webhook sink', () => {
  it('delivers each record once when the receiver fails the first two calls', async () => {
    const rx = await receiver((n) => (n <= 2 ? 500 : 200));
    const sink = new WebhookSink({ url: rx.url, secret: SECRET, only: 'all' });
    const recs = Array.from({ length: 25 }, (_, i) => makeRecord({ n: i }));
    // One write is one attempt: the caller (the sink's delivery queue) retries.
    for (const n of [1, 2]) {
      const err = await sink.write(recs[0]).then(() => null, (e: unknown) => e);
      expect([n, (err as IngestError).code, (err as IngestError).retryable]).toEqual([n, 'sink-failed', true]);
    }
    for (const r of recs) expect(await sink.write(r)).toBe('written');
    expect(rx.calls).toHaveLength(27);
    expect(rx.calls.every((c) => c.signatureValid)).toBe(true);
    // The three calls of the first record carry one key: the receiver applies it once.
    expect(new Set(rx.calls.slice(0, 3).map((c) => c.key)).size).toBe(1);
    expect(rx.accepted.size).toBe(25);
    for (const r of recs) {
      const got = rx.accepted.get(idempotencyKey(r));
      expect(got).toHaveLength(1);
      expect(got![0]).toEqual(r);
    }
    console.log(`webhook: ${recs.length} records, ${rx.calls.length} calls, ${rx.accepted.size} accepted, ${rx.calls.filter((c) => c.signatureValid).length} valid signatures`);
  });

  it('sends a re-run with the same key, and a new version with a new key', async () => {
    const rx = await receiver(() => 200);
    const sink = new WebhookSink({ url: rx.url, secret: SECRET, only: 'all' });
    const r = makeRecord({ n: 1 });
    await sink.write(r);
    await sink.write({ ...r, fetchedAt: '2026-11-29T00:00:00.000Z' }); // stalled job re-run
    await sink.write(makeRecord({ n: 1, text: 'Edited text.' })); // new content
    await sink.write(makeRecord({ n: 1, text: 'Edited text.', relevant: false })); // new tags
    expect(rx.calls.map((c) => c.recordId)).toEqual([r.id, r.id, r.id, r.id]);
    const keys = rx.calls.map((c) => c.key);
    expect(keys[0]).toBe(keys[1]);
    expect(new Set(keys).size).toBe(3);
    expect(keys[0]).toMatch(new RegExp(`^${r.id}\\.[0-9a-f]{16}$`));
    expect(rx.accepted.size).toBe(3);
    expect(rx.accepted.get(keys[0]!)).toHaveLength(2); // the repeat reached the receiver and was recognized
  });

  it('signs the exact body bytes (X-Signature: sha256=<hex>)', async () => {
    const rx = await receiver(() => 204);
    const sink = new WebhookSink({ url: rx.url, secret: SECRET, only: 'all' });
    const r = { ...makeRecord({ n: 2 }), title: 'Ереван – Баку: «мир» 🕊' };
    await sink.write(r);
    const body = rx.calls[0]!.body;
    expect(JSON.parse(body)).toEqual(r);
    expect(rx.calls[0]!.signatureValid).toBe(true);
    expect(verifySignature(body, signBody(body, 'another secret'), SECRET)).toBe(false);
    expect(verifySignature(`${body} `, signBody(body, SECRET), SECRET)).toBe(false);
    // RFC 4231 test case 2.
    expect(signBody('what do ya want for nothing?', 'Jefe')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('fails at once with the permanent sink-rejected on a 4xx', async () => {
    const rx = await receiver(() => 422);
    const sink = new WebhookSink({ url: rx.url, secret: SECRET, only: 'all' });
    const err = await sink.write(makeRecord({ n: 3 })).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('sink-rejected');
    expect((err as IngestError).httpStatus).toBe(422);
    expect(rx.calls).toHaveLength(1);
  });

  it('fails a 5xx with the transient sink-failed, carrying Retry-After, in one call', async () => {
    const rx = await receiver((_n, _req, res) => {
      res.setHeader('retry-after', '7');
      return 503;
    });
    const sink = new WebhookSink({ url: rx.url, secret: SECRET, only: 'all' });
    const err = await sink.write(makeRecord({ n: 4 })).then(() => null, (e: unknown) => e);
    expect((err as IngestError).code).toBe('sink-failed');
    expect((err as IngestError).retryable).toBe(true);
    expect((err as IngestError).retryAfterMs).toBe(7000);
    expect(rx.calls).toHaveLength(1);
  });

  it('bounds each attempt by timeoutMs, and stops when the caller aborts', async () => {
    const rx = await receiver((n) => (n <= 2 ? null : 200));
    const sink = new WebhookSink({ url: rx.url, secret: SECRET, only: 'all', timeoutMs: 300 });
    const err = await sink.write(makeRecord({ n: 5 })).then(() => null, (e: unknown) => e);
    expect((err as IngestError).code).toBe('sink-failed');
    expect((err as Error).message).toMatch(/timeout after 300 ms/);
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('caller gave up')), 50);
    const err2 = await sink.write(makeRecord({ n: 5 }), { signal: ac.signal }).then(() => null, (e: unknown) => e);
    expect((err2 as Error).message).toMatch(/caller gave up/);
    expect(await sink.write(makeRecord({ n: 5 }))).toBe('written');
    expect(rx.calls).toHaveLength(3);
    expect(rx.accepted.size).toBe(1);
  });

  it('fails with sink-failed when nothing listens', async () => {
    const rx = await receiver(() => 200);
    const url = rx.url;
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
    const sink = new WebhookSink({ url, only: 'all' });
    const err = await sink.write(makeRecord({ n: 6 })).then(() => null, (e: unknown) => e);
    expect((err as IngestError).code).toBe('sink-failed');
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('sends the credentials of a user:password@ URL as Basic authorization, not as part of the URL', async () => {
    const seen: (string | undefined)[] = [];
    const rx = await receiver((_n, req) => {
      seen.push(req.headers.authorization);
      return 204;
    });
    // fetch refuses a URL with credentials outright; percent-encoded characters are decoded first.
    const url = rx.url.replace('http://', 'http://ingest%40desk:p%3Ass@');
    const sink = new WebhookSink({ url, secret: SECRET, only: 'all' });
    expect(await sink.write(makeRecord({ n: 7 }))).toBe('written');
    expect(seen).toEqual([`Basic ${Buffer.from('ingest@desk:p:ss').toString('base64')}`]);
    const plain = new WebhookSink({ url: rx.url, secret: SECRET, only: 'all' });
    expect(await plain.write(makeRecord({ n: 8 }))).toBe('written');
    expect(seen[1]).toBeUndefined();
  });
});
