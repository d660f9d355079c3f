/**
 * A sink that fails for a configuration reason (a path it cannot write, a database that does
 * not exist, a webhook endpoint that refuses every record) is `sink-misconfigured`: retried
 * (nothing lost while the operator fixes it) but named, and `status` says to fix the config.
 * Round 18 (fresh18) left them as plain `sink-failed`, retried silently for hours, and a
 * webhook's 404 as `sink-rejected` (every record lost for that sink).
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDeliveryJob } from '../../jobs/deliver-record.js';
import { IngestError } from '../../src/errors.js';
import type { DeliveryJobData } from '../../src/queue/deliveries.js';
import { formatStatus, type StatusReport } from '../../src/queue/status.js';
import { JsonlSink, WebhookSink } from '../../src/sinks/index.js';
import { makeRecord } from '../helpers/sink-fixtures.js';

const record = makeRecord({ n: 1 });
const job = (sink: string) => ({ data: { sink, record, articleJobId: null, feedId: null, url: record.url, reason: 'poll', handedOff: 'sink-failed' } }) as unknown as Job<DeliveryJobData>;
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as IngestError);

let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sink-misconf-'));
  server = createServer((req, res) => {
    req.resume();
    res.statusCode = 404;
    res.end('no such hook');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wrong-path`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await chmod(dir, 0o700).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

describe('sink-misconfigured', () => {
  it('a JSONL path under a file (ENOTDIR) is sink-misconfigured, retried, named in the message', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const sink = new JsonlSink(join(dir, 'a-file', 'articles.jsonl'), 'all', 'jsonl');
    const err = await failure(processDeliveryJob(job('jsonl'), sink, 5000));
    expect(err).toBeInstanceOf(IngestError);
    expect(err!.code).toBe('sink-misconfigured');
    expect(err!.retryable).toBe(true);
    expect(err!.message).toMatch(/^jsonl record .*: .*a-file.* \(a part of the path is not a folder: fix/);
  });

  it('a PostgreSQL database that does not exist (3D000) is sink-misconfigured', async () => {
    const { PostgresSink } = await import('../../src/sinks/postgres.js');
    const sink = new PostgresSink({ url: 'postgres://postgres@127.0.0.1:5432/no_such_db_fresh19', table: 'articles', only: 'all' }, 'pg');
    try {
      const err = await failure(processDeliveryJob(job('pg'), sink, 10_000));
      expect(err).toBeInstanceOf(IngestError);
      expect(err!.code).toBe('sink-misconfigured');
      expect(err!.retryable).toBe(true);
      expect(err!.message).toMatch(/SQLSTATE 3D000 .*the database does not exist/);
    } finally {
      await sink.close();
    }
  });

  it('a webhook endpoint answering 404 is sink-misconfigured (retried), not sink-rejected (lost)', async () => {
    const sink = new WebhookSink({ url, only: 'all' }, 'hook');
    const err = await failure(processDeliveryJob(job('hook'), sink, 5000));
    expect(err!.code).toBe('sink-misconfigured');
    expect(err!.retryable).toBe(true);
    expect(err!.httpStatus).toBe(404);
  });

  it('status names a misconfigured sink and what to do', () => {
    const report = {
      workers: [], queues: {}, progress: {}, feeds: [], pageWalls: [], failed: [], notices: [],
      redis: { maxmemoryPolicy: 'noeviction', eviction: null, lastReset: null, memory: null },
      sinks: [{ sink: 'pg', waiting: 0, active: 0, delayed: 3, failed: 0, pending: 3, lastError: { reason: 'sink-misconfigured', message: 'pg write record r1: SQLSTATE 3D000 database "x" does not exist', at: '2026-12-07T22:00:00.000Z', attempts: 4, state: 'retrying' } }],
    } as unknown as StatusReport;
    const out = formatStatus(report);
    expect(out).toContain('[sink-misconfigured] pg write record r1');
    expect(out).toMatch(/MISCONFIGURED: pg cannot work as configured; its 3 pending deliveries wait/);
  });
});
