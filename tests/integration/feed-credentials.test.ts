/**
 * A feed configured with credentials in its URL (`http://user:pass@host/feed.xml`): the worker
 * (a real `start --once` child process) still fetches with them (HTTP Basic, also for the
 * relative article links resolved against the feed URL), but no record, log line or `status`
 * output carries them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REDIS_URL, REPO_ROOT, startWorker } from '../helpers/crash-fixture.js';
import { dropPrefix } from '../helpers/worker.js';

const SECRET = 's3cret-pw';
const prefix = `test-feed-creds-${process.pid}-${Date.now().toString(36)}`;

describe('credentials in a feed URL', () => {
  let server: Server;
  let origin: string;
  let dir: string;
  const authorized: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      const ok = auth === `Basic ${Buffer.from(`reader:${SECRET}`).toString('base64')}`;
      if (!ok) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="feeds"' }).end();
      authorized.push(req.url ?? '');
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const items = [1, 2, 3].map((i) => `<item><title>Border talks, round ${i}</title><link>/news/${i}.html</link><guid>r${i}</guid></item>`).join('');
        return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Protected feed</title><link>/</link>${items}</channel></rss>`);
      }
      const m = /^\/news\/(\d)\.html$/.exec(req.url ?? '');
      if (m) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(
          `<html lang="en"><head><title>Border talks, round ${m[1]}</title></head><body><article><h1>Border talks, round ${m[1]}</h1><p>Delegations of Armenia and Azerbaijan met for round ${m[1]} of the talks on the peace treaty and the border.</p></article></body></html>`,
        );
      }
      res.writeHead(404).end('not here');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'feed-creds-'));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await dropPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches with them, and keeps them out of records, logs and status', async () => {
    const jsonl = join(dir, 'articles.jsonl');
    const cfgFile = join(dir, 'config.yaml');
    writeFileSync(
      cfgFile,
      stringify({
        redis: { url: REDIS_URL, prefix },
        feeds: [
          { id: 'protected', url: `http://reader:${SECRET}@${origin}/feed.xml` },
          { id: 'gone', url: `http://reader:${SECRET}@${origin}/gone.xml` },
        ],
        sinks: [{ type: 'jsonl', path: jsonl, only: 'all' }],
        http: { allowPrivateNetworks: true, respectRobots: false, perHost: { minDelayMs: 0 } },
        worker: { attempts: 1 },
        logLevel: 'debug',
      }),
    );
    const w = startWorker(cfgFile, join(dir, 'worker.log'));
    expect(await w.exited).toBe(4); // the gone feed failed: a completed run with a failed job (review round 9: was 0)
    const log = readFileSync(w.logFile, 'utf8');
    const records = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { url: string; canonicalUrl: string; feed: { url: string } });
    const { stdout: status } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'status', '--json', '--config', cfgFile], { cwd: REPO_ROOT, env: { ...process.env, NEWS_INGEST_CONFIG: '', REDIS_URL: '' } });

    // Fetched with the credentials: the feed and its three (relative) article links.
    expect(authorized.sort()).toEqual(['/feed.xml', '/gone.xml', '/news/1.html', '/news/2.html', '/news/3.html']);
    expect(records.map((r) => r.url).sort()).toEqual([1, 2, 3].map((i) => `http://${origin}/news/${i}.html`));
    expect(new Set(records.map((r) => r.feed.url))).toEqual(new Set([`http://${origin}/feed.xml`]));
    // The 404 feed's failure is logged and shown, with the URL masked.
    expect(log).toMatch(/"reason":"not-found"/);
    expect(log).toContain(`http://***@${origin}/gone.xml`);
    expect(JSON.parse(status).feeds.map((f: { url: string }) => f.url)).toEqual([`http://***@${origin}/feed.xml`, `http://***@${origin}/gone.xml`]);
    // Nowhere in clear.
    for (const [what, text] of [['records', readFileSync(jsonl, 'utf8')], ['log', log], ['status', status]] as const) {
      expect(text.includes(SECRET), what).toBe(false);
      expect(text.includes('reader:'), what).toBe(false);
    }
  }, 120_000);
});
