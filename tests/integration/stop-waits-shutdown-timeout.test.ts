/**
 * A stopping worker lets a job that is still running end within `worker.shutdownTimeoutMs`
 * (round 18, fresh18; a round 17 leftover). The owner of what runWorker opened (src/queue/owned.ts)
 * gave every close 10 s, the workers' too, while their close waits up to
 * `worker.shutdownTimeoutMs` (default 20 s) for active jobs: a poll of 10-20 s was cut short
 * (`resource.close-timeout` for `workers`), the connections closed under it, and the job was
 * left to be taken over as stalled by the next start. The real worker over a feed whose server
 * answers 12.5 s after the request; the stop asked while the poll waits.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { startOpsWorker, until } from '../helpers/ops-site.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

let server: FaultServer;
const prefix = uniquePrefix('stop-long');

beforeAll(async () => {
  server = await startFaultServer();
});

afterAll(async () => {
  await server?.close();
  await dropPrefix(prefix);
});

describe('stopping a worker while a job runs', () => {
  it('waits for the job up to worker.shutdownTimeoutMs, not the owner\'s 10 s', { timeout: 90_000 }, async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [{ id: 'slow', url: server.url('/slow-headers?ms=12500'), intervalMinutes: 60 }],
      sinks: [{ type: 'jsonl', path: join(tempDir('stop-long'), 'a.jsonl'), only: 'all' }],
      http: { allowPrivateNetworks: true, timeoutMs: 60_000, idleTimeoutMs: 60_000 },
      worker: { shutdownTimeoutMs: 40_000, attempts: 1 },
    });
    const { log, lines } = captureLogger('info');
    const worker = await startOpsWorker(cfg, log);
    await until(async () => server.requests.some((r) => r.path.startsWith('/slow-headers')) || null, 'the poll reached the server');
    await worker.stop();

    expect(lines.filter((l) => l.event === 'resource.close-timeout').map((l) => l.resource)).toEqual([]);
    expect(lines.map((l) => l.event)).not.toContain('worker.forced-close');
    // the poll ended in the worker, before the stop returned: it is not left to be taken over
    expect(lines.filter((l) => l.event === 'job.end' && l.feedId === 'slow')).toEqual([expect.objectContaining({ outcome: 'ok' })]);
  });
});
