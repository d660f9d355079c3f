/**
 * The webhook sink's readiness is shared by the worker processes of a prefix (round 17,
 * fresh17; left by fresh16): on main `probe()` answered from its own process's attempts, so a
 * worker that had delivered nothing was ready while another's deliveries all failed. Two sinks of
 * the same name and prefix stand for the sinks of two processes (each with its own
 * SinkAttempts, as createSinks gives every worker), against the local Redis and a loopback
 * receiver whose answer the test switches.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSink } from '../../src/sinks/webhook.js';
import { SinkAttempts, sinkAttemptsKey } from '../../src/state/sink-attempts.js';
import type { ArticleRecord } from '../../src/types.js';
import { dropPrefix, REDIS_URL, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('hook-shared');
let redis: Redis;
let receiver: Server;
let url = '';
let answer = 500;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer === 200 ? 'ok' : 'receiver broken');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  redis?.disconnect();
  await dropPrefix(prefix);
});

const record = { id: 'r1', url: 'http://127.0.0.1/a', title: 't', text: 'x', topics: [] } as unknown as ArticleRecord;

describe('webhook readiness across processes', () => {
  it('a process that delivered nothing is not ready while another\'s newest attempt failed, and ready after its 2xx', async () => {
    const attemptsA = new SinkAttempts(redis, prefix, 'hook');
    const attemptsB = new SinkAttempts(redis, prefix, 'hook');
    const a = new WebhookSink({ url, only: 'all', attempts: attemptsA }, 'hook');
    const b = new WebhookSink({ url, only: 'all', attempts: attemptsB }, 'hook');
    await expect(b.probe()).resolves.toBeUndefined();

    answer = 500;
    await expect(a.write(record)).rejects.toThrow(/HTTP 500/);
    await attemptsA.flush();
    await expect(b.probe()).rejects.toThrow(/^last delivery attempt failed at \S+: \[sink-failed\] hook record r1: HTTP 500 receiver broken$/);

    // Redis lost its data (a restart without persistence): A still knows its own failure
    await redis.del(sinkAttemptsKey(prefix, 'hook'));
    await expect(a.probe()).rejects.toThrow(/\[sink-failed\] hook record r1: HTTP 500/);
    await expect(b.probe()).resolves.toBeUndefined();

    answer = 200;
    await expect(a.write(record)).resolves.toBe('written');
    await attemptsA.flush();
    await expect(b.probe()).resolves.toBeUndefined();
    await expect(a.probe()).resolves.toBeUndefined();
  });

  it('a success in a process that did not know of the other\'s failure clears it: when written (throttled while it knew of no failure)', async () => {
    const attemptsA = new SinkAttempts(redis, `${prefix}-2`, 'hook');
    const attemptsB = new SinkAttempts(redis, `${prefix}-2`, 'hook');
    const a = new WebhookSink({ url, only: 'all', attempts: attemptsA }, 'hook');
    const b = new WebhookSink({ url, only: 'all', attempts: attemptsB }, 'hook');
    answer = 200;
    await expect(b.write(record)).resolves.toBe('written'); // B's first success: written at once
    await attemptsB.flush();
    answer = 500;
    await expect(a.write(record)).rejects.toThrow(/HTTP 500/);
    await attemptsA.flush();
    answer = 200;
    // B's next success falls in its throttle window: held back, so A still sees the failure ...
    await expect(b.write(record)).resolves.toBe('written');
    await expect(a.probe()).rejects.toThrow(/\[sink-failed\] hook record r1: HTTP 500/);
    // ... until it is written (the throttle's timer, or here flush)
    await attemptsB.flush();
    await expect(a.probe()).resolves.toBeUndefined();

    // once B has read the failure (its own probe), its next success clears it
    answer = 500;
    await expect(a.write(record)).rejects.toThrow(/HTTP 500/);
    await attemptsA.flush();
    await expect(b.probe()).rejects.toThrow(/HTTP 500/);
    answer = 200;
    await expect(b.write(record)).resolves.toBe('written');
    await attemptsB.flush();
    await expect(a.probe()).resolves.toBeUndefined();
  });
});
