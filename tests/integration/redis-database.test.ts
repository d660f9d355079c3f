/**
 * A database index in redis.url that the server does not have (round 15, fresh15's trial):
 * `redis://host:port/9` on a Redis started with `--databases 4`. Redis refuses `SELECT 9`;
 * ioredis alone logged "[ioredis] Unhandled error event" and went on in database 0, so `status`
 * exited 0 and `start --once` wrote its keys into database 0. Every command that connects now
 * refuses at connect (exit 2, a message naming redis.url, the index and Redis's answer, a
 * `redis.database-refused` JSON event) and database 0 stays empty; a client whose reconnect
 * meets the refusal drops the connection instead of falling back. Private redis-servers on
 * loopback (the shared one is never touched).
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertRedisReachable, createProducerRedis, createRedis, whenReady } from '../../src/queue/connection.js';
import { DatabaseCheckedRedis } from '../../src/queue/database.js';
import { RedisDatabaseError } from '../../src/errors.js';
import { runCli } from '../helpers/cli-process.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { captureLogger, tempDir, testConfig } from '../helpers/worker.js';
import { runWorker } from '../../src/queue/worker.js';

let four: PrivateRedis; // --databases 4
beforeAll(async () => {
  four = await startPrivateRedis({ args: ['--databases', '4'] });
});
afterAll(async () => {
  await four?.stop();
});

const keysIn = async (db: number) => {
  await four.client.select(db);
  const n = await four.client.dbsize();
  await four.client.select(0);
  return n;
};

describe('a database index the server does not have: every command refuses at connect', () => {
  const dir = tempDir('redis-db');
  let config = '';
  beforeAll(() => {
    config = join(dir, 'config.yaml');
    writeFileSync(config, stringify({ redis: { url: `${four.url}/9`, prefix: 'dbidx' }, feeds: [], sinks: [{ type: 'jsonl', path: join(dir, 'a.jsonl') }] }));
  });

  const env = { LOG_LEVEL: 'info', REDIS_URL: '', NEWS_INGEST_CONFIG: '' };
  const commands: string[][] = [['status'], ['start', '--once', '--allow-empty'], ['jobs', 'list'], ['backfill', 'list'], ['stories', '--recompute']];
  for (const args of commands) {
    it(`${args.join(' ')}: exit 2, names redis.url, the index and Redis's answer, logs redis.database-refused, writes nothing`, async () => {
      const r = await runCli([...args, '--config', config], env);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`news-ingest: redis.url ${four.url}/9 asks for database 9, but Redis refused SELECT 9: "ERR DB index is out of range" (the server has 4 databases, 0 to 3`);
      expect(r.err).not.toContain('Unhandled error event');
      // the JSON event: in start's log (stdout), on stderr for the other commands
      const lines = (args[0] === 'start' ? r.out : r.err).split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.filter((e) => e.event === 'redis.database-refused')).toEqual([expect.objectContaining({ level: 50, reason: 'redis-database', db: 9, reply: 'ERR DB index is out of range', databases: 4 })]);
      if (args[0] === 'start') expect(lines.filter((e) => e.event === 'worker.failed')).toEqual([expect.objectContaining({ reason: 'redis-database', errorClass: 'RedisDatabaseError' })]);
      for (const db of [0, 1, 2, 3]) expect(await keysIn(db)).toBe(0);
    }, 120_000);
  }
});

describe('the start-up check and the clients', () => {
  it('assertRedisReachable refuses the index with RedisDatabaseError and accepts one the server has', async () => {
    const err = await assertRedisReachable(`${four.url}/4`).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(RedisDatabaseError);
    expect(err).toMatchObject({ db: 4, reply: 'ERR DB index is out of range', databases: 4, code: 'redis-database' });
    await expect(assertRedisReachable(`${four.url}/3`)).resolves.toBeUndefined();
  });

  it('a client of an index the server has writes there, not in database 0', async () => {
    const c = await whenReady(createProducerRedis(`${four.url}/3`, 'dbidx-test'), four.url);
    try {
      await c.set('dbidx:in-three', '1');
      expect(await keysIn(3)).toBe(1);
      expect(await keysIn(0)).toBe(0);
    } finally {
      await four.client.select(3);
      await four.client.del('dbidx:in-three');
      await four.client.select(0);
      c.disconnect();
    }
  });

  it("BullMQ's duplicates of our clients hold to the index too", () => {
    const c = createRedis(`${four.url}/3`);
    try {
      const dup = c.duplicate({ connectionName: 'dup' });
      expect(dup).toBeInstanceOf(DatabaseCheckedRedis);
      expect(dup.options.db).toBe(3);
      dup.disconnect();
    } finally {
      c.disconnect();
    }
  });
});

describe('a reconnect that meets a server without the index', () => {
  let sixteen: PrivateRedis;
  let proxy: TcpProxy;
  const target = { port: 0 };
  beforeAll(async () => {
    sixteen = await startPrivateRedis();
    target.port = sixteen.port;
    proxy = await startTcpProxy(target);
  });
  afterAll(async () => {
    await proxy?.close();
    await sixteen?.stop();
  });

  it('drops the connection and reconnects instead of going on in database 0 (producer, consumer and a duplicate)', async () => {
    const url = `redis://127.0.0.1:${proxy.port}/9`;
    const clients = [createProducerRedis(url, 'dbidx-p'), createRedis(url, 'dbidx-c')];
    clients.push(clients[1]!.duplicate());
    /** The next refusal on `c`, and what follows it: 'reconnecting' (dropped) or 'ready' (went on in database 0). */
    const nextRefusal = (c: (typeof clients)[number]) =>
      new Promise<{ error: unknown; next: string }>((resolve) => {
        const onError = (error: unknown) => {
          if (!(error instanceof RedisDatabaseError)) return;
          c.off('error', onError);
          const next = (what: string) => () => resolve({ error, next: what });
          c.once('ready', next('ready'));
          c.once('reconnecting', next('reconnecting'));
        };
        c.on('error', onError);
      });
    try {
      for (const c of clients) await whenReady(c, url);
      await clients[0]!.set('dbidx:before', '1'); // database 9 of the first server
      // the same address now leads to the --databases 4 server: every client reconnects there
      const seen = clients.map(nextRefusal);
      target.port = four.port;
      proxy.cut();
      proxy.restore();
      for (const o of await Promise.all(seen)) {
        expect(o.next).toBe('reconnecting');
        expect(o.error).toMatchObject({ db: 9, reply: 'ERR DB index is out of range' });
      }
      // a producer command fails at once (no offline queue); a consumer's waits in its offline
      // queue through the next refused reconnect, and is never sent to database 0
      await expect(clients[0]!.set('dbidx:after', '1')).rejects.toThrow();
      const again = nextRefusal(clients[1]!);
      let queued = 'pending';
      clients[1]!.set('dbidx:queued', '1').then(() => (queued = 'written'), () => (queued = 'rejected'));
      expect((await again).next).toBe('reconnecting');
      expect(queued).toBe('pending');
      expect(await keysIn(0)).toBe(0);
      // (ioredis leaves a command of the offline queue unsettled when a reconnecting client is disconnected)
    } finally {
      for (const c of clients) c.disconnect();
    }
  }, 60_000);

  it('start --once whose Redis comes back refusing the index ends with RedisDatabaseError after worker.onceRedisWaitMs', async () => {
    target.port = sixteen.port;
    // a feed whose fetch hangs: the run's job is active when the address is switched
    let asked!: () => void;
    const fetching = new Promise<void>((r) => (asked = r));
    const held: http.ServerResponse[] = [];
    const server = http.createServer((_req, res) => {
      held.push(res);
      asked();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cfg = testConfig({
      redis: { url: `redis://127.0.0.1:${proxy.port}/9`, prefix: `dbidx-once-${process.pid}` },
      feeds: [{ id: 'hang', url: `${origin}/hang.xml` }],
      sinks: [{ type: 'jsonl', path: join(tempDir('redis-db-once'), 'a.jsonl') }],
      http: { respectRobots: false },
      worker: { onceRedisWaitMs: 2000, extractThreads: 0, shutdownTimeoutMs: 2000 },
    });
    const { log, lines } = captureLogger('info');
    const run = runWorker({ config: cfg, log, once: true }).then(() => null, (e: unknown) => e);
    try {
      await fetching;
      target.port = four.port;
      proxy.cut();
      proxy.restore();
      const err = await run;
      expect(err).toBeInstanceOf(RedisDatabaseError);
      expect(err).toMatchObject({ db: 9, reply: 'ERR DB index is out of range' });
      expect(lines.find((l) => l.event === 'redis.database-refused')).toMatchObject({ level: 50, reason: 'redis-database', db: 9 });
      expect(await keysIn(0)).toBe(0);
    } finally {
      for (const r of held) r.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 120_000);
});
