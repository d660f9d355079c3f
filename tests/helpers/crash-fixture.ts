/**
 * Fixtures of the crash tests (tests/integration/crash-*.test.ts): a loopback article site,
 * the real worker CLI in a child process, and counters over PostgreSQL, JSONL and Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { stringify } from 'yaml';
import { afterPipes } from './child-exit.js';
import { canonicalizeUrl } from '../../src/normalize/url.js';
import { verifySignature } from '../../src/sinks/webhook.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One article page request as the site saw it. */
export interface ServedPage {
  /** The page's canonical URL. */
  url: string;
  /** When the request arrived, epoch ms (fractional). */
  at: number;
  /** The client's address. */
  from?: string;
  /** When the answer was finished, epoch ms (absent while in flight, and for a held page). */
  end?: number;
  /** Held by `opts.hold`: headers and half the body sent, the rest never. */
  held?: boolean;
}

export interface ArticleSite {
  baseUrl: string;
  /** Feed URLs, one per feed. */
  feeds: string[];
  /** The distinct canonical URLs the feeds link to (what must end up in the sinks). */
  canonicalUrls: Set<string>;
  /** Article pages served so far (a re-fetch counts again). */
  pagesServed: number;
  /** Every article page served: its canonical URL, when (epoch ms), and the client's address. */
  served: ServedPage[];
  /** When each feed request was answered (epoch ms). */
  feedFetches: number[];
  /** Makes the site carry `n` articles from now on (the feeds list the new ones too). */
  setArticles(n: number): void;
  close(): Promise<void>;
}

/**
 * Serves `feeds` RSS feeds over `articles` tiny article pages. Feed k lists the articles
 * i with i % feeds == k, plus every `overlap`-th article of the others with another
 * tracking parameter (the same canonical URL). Each page answers after `delayMs`, so a
 * run lasts long enough to be interrupted. It listens on `host` (default 127.0.0.1), on `port`
 * (default: any free one).
 * - `headersFirst`: the headers go out on arrival, the body `delayMs` later (a slow body);
 * - `hold(from)`: asked on every page request; when true the page's headers and half its body go
 *   out and the rest never does (the connection stays open until the client drops it);
 * - `onServed(page, phase)`: called on arrival and again when the answer is finished or held.
 */
export async function startArticleSite(opts: {
  articles: number;
  feeds: number;
  overlap?: number;
  delayMs?: number;
  host?: string;
  port?: number;
  headersFirst?: boolean;
  hold?: (from: string | undefined) => boolean;
  onServed?: (page: ServedPage, phase: 'arrived' | 'answered' | 'held') => void;
}): Promise<ArticleSite> {
  const overlap = opts.overlap ?? 10;
  let baseUrl = '';
  const site: ArticleSite = {
    baseUrl: '',
    feeds: [],
    canonicalUrls: new Set(),
    pagesServed: 0,
    served: [],
    feedFetches: [],
    setArticles: (n) => {
      opts.articles = n;
      for (let k = 0; k < opts.feeds; k++) for (const l of links(k)) site.canonicalUrls.add(canonicalizeUrl(l));
    },
    close: async () => {},
  };
  const links = (k: number): string[] => {
    const out: string[] = [];
    for (let i = 0; i < opts.articles; i++) {
      if (i % opts.feeds === k) out.push(`${baseUrl}/a/${i}.html?utm_source=feed${k}`);
      else if (i % overlap === 0) out.push(`${baseUrl}/a/${i}.html?utm_medium=rss&utm_source=other${k}`);
    }
    return out;
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const feed = /^\/feed-(\d+)\.xml$/.exec(path);
    const art = /^\/a\/(\d+)\.html$/.exec(path);
    if (feed) {
      site.feedFetches.push(Date.now());
      const items = links(Number(feed[1]))
        .map((l, j) => `<item><title>Talks ${j}</title><link>${l.replaceAll('&', '&amp;')}</link><guid isPermaLink="false">f${feed[1]}-${j}</guid><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>`)
        .join('\n');
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${feed[1]}</title><link>${baseUrl}/</link>${items}</channel></rss>`);
    }
    if (art && Number(art[1]) < opts.articles) {
      const n = Number(art[1]);
      site.pagesServed++;
      const page: ServedPage = { url: `${baseUrl}/a/${n}.html`, at: performance.timeOrigin + performance.now(), from: req.socket.remoteAddress };
      site.served.push(page);
      opts.onServed?.(page, 'arrived');
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Peace talks, round ${n}</title>
<link rel="canonical" href="${baseUrl}/a/${n}.html"><meta property="article:published_time" content="2026-11-20T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Peace talks, round ${n}</h1>
<p>Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov met in Washington for round ${n} of the talks on the peace treaty between Armenia and Azerbaijan.</p>
<p>The delimitation commissions reported progress on the border, officials said after round ${n}.</p></article><footer>© News</footer></body></html>`;
      const head = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      if (opts.hold?.(page.from)) {
        head();
        res.write(body.slice(0, body.length >> 1));
        page.held = true;
        opts.onServed?.(page, 'held');
        return;
      }
      if (opts.headersFirst) head().flushHeaders();
      setTimeout(() => {
        if (!opts.headersFirst) head();
        res.end(body, () => {
          page.end = performance.timeOrigin + performance.now();
          opts.onServed?.(page, 'answered');
        });
      }, opts.delayMs ?? 0);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((r) => server.listen(opts.port ?? 0, host, () => r()));
  baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
  site.baseUrl = baseUrl;
  site.feeds = Array.from({ length: opts.feeds }, (_, k) => `${baseUrl}/feed-${k}.xml`);
  for (let k = 0; k < opts.feeds; k++) for (const l of links(k)) site.canonicalUrls.add(canonicalizeUrl(l));
  site.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return site;
}

export const WEBHOOK_SECRET = 'crash-test-secret';

export interface WebhookReceiver {
  url: string;
  /** Every call: its Idempotency-Key, whether the signature was valid, the status answered. */
  calls: { key: string; valid: boolean; status: number }[];
  /** Keys applied (first 2xx with a valid signature), with how many 2xx repeats followed. */
  applied: Map<string, { canonicalUrl: string; repeats: number }>;
  close(): Promise<void>;
}

/**
 * A webhook receiver that honours Idempotency-Key: it applies a key once and counts repeats.
 * It answers 500 to the first `failFirst` calls of every key, then 200.
 */
export async function startWebhookReceiver(failFirst: number): Promise<WebhookReceiver> {
  const seenCalls = new Map<string, number>();
  const rx: WebhookReceiver = { url: '', calls: [], applied: new Map(), close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const key = String(req.headers['idempotency-key']);
      const valid = verifySignature(body, req.headers['x-signature'] as string | undefined, WEBHOOK_SECRET);
      const n = (seenCalls.get(key) ?? 0) + 1;
      seenCalls.set(key, n);
      const status = !valid ? 401 : n <= failFirst ? 500 : 200;
      rx.calls.push({ key, valid, status });
      if (status === 200) {
        const prev = rx.applied.get(key);
        if (prev) prev.repeats++;
        else rx.applied.set(key, { canonicalUrl: (JSON.parse(body.toString('utf8')) as { canonicalUrl: string }).canonicalUrl, repeats: 0 });
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  rx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  rx.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return rx;
}

/** Writes a worker config for the site (loopback allowed, no politeness delay, short backoff). */
export function writeWorkerConfig(
  file: string,
  o: {
    site: ArticleSite;
    redisUrl: string;
    prefix: string;
    pgUrl: string;
    table: string;
    jsonl: string;
    attempts?: number;
    webhookUrl?: string;
    /**
     * Feed cadence (service mode), minutes. It is also the feeds' `maxIntervalMinutes`: tests that
     * count polls need a fixed cadence, and the adaptive schedule (src/schedule/next-poll.ts)
     * doubles a quiet feed's wait after every empty poll (its own tests cover that).
     */
    intervalMinutes?: number;
    /** Extra `worker` keys (they win over the defaults here). */
    worker?: Record<string, unknown>;
  },
): void {
  const cfg = {
    redis: { url: o.redisUrl, prefix: o.prefix },
    feeds: o.site.feeds.map((url, k) => ({ id: `crash-feed-${k}`, url, ...(o.intervalMinutes ? { intervalMinutes: o.intervalMinutes, maxIntervalMinutes: o.intervalMinutes } : {}) })),
    sinks: [
      { type: 'jsonl', path: o.jsonl, only: 'all' },
      { type: 'postgres', url: o.pgUrl, table: o.table, only: 'all' },
      ...(o.webhookUrl ? [{ type: 'webhook', url: o.webhookUrl, secret: WEBHOOK_SECRET, only: 'all', timeoutMs: 5000, retries: 3, backoffMs: 20 }] : []),
    ],
    http: { allowPrivateNetworks: true, respectRobots: false, timeoutMs: 10_000, perHost: { concurrency: 8, minDelayMs: 0 } },
    worker: { articleConcurrency: 6, feedConcurrency: 3, attempts: o.attempts ?? 12, backoffMs: 300, shutdownTimeoutMs: 5000, statsIntervalMs: 2000, lockDurationMs: 5000, stalledIntervalMs: 2000, ...o.worker },
    logLevel: 'info',
  };
  writeFileSync(file, stringify(cfg));
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
  /** The log file (stdout and stderr). */
  logFile: string;
}

/**
 * Starts `news-ingest start --once --config <file>` (or, with `mode: 'service'`, `start`
 * with its job schedulers, until SIGTERM) as a child process: `node --import tsx
 * src/cli.ts`, so the child's pid is the worker itself (kill -9 hits it, not a wrapper).
 * DATABASE_URL and REDIS_URL are removed from its environment so the config file rules.
 */
export function startWorker(configFile: string, logFile: string, mode: 'once' | 'service' = 'once'): WorkerProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', CI: '1' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.LOG_LEVEL;
  delete env.NEWS_INGEST_CONFIG;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', ...(mode === 'once' ? ['--once'] : []), '--config', configFile], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(logFile, { flags: 'a' });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  // Settles once the log file holds every line the process wrote: 'close' (its pipes ended,
  // unlike 'exit', which can come before the last lines were read) and the file stream flushed.
  // Before, a test reading the log right after `exited` could miss the last lines (run.summary,
  // worker.stopped) on a loaded machine.
  const exited = afterPipes(child).then((status) => new Promise<number | string>((r) => out.end(() => r(status))));
  return { child, exited, logFile };
}

/** The `done in ...` summary of a `--once` run (the message of its `run.summary` log event), or null. */
export function summaryOf(logFile: string): string | null {
  if (!existsSync(logFile)) return null;
  for (const l of readFileSync(logFile, 'utf8').split('\n')) {
    if (!l.includes('"event":"run.summary"')) continue;
    try {
      return (JSON.parse(l) as { msg?: string }).msg ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Polls `fn` every `everyMs` until it returns true, or throws after `timeoutMs`. */
export async function waitFor(what: string, fn: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Row counts of a sink table (0s when it does not exist yet). */
export async function pgCounts(client: pg.Client, table: string): Promise<{ rows: number; ids: number; urls: number; maxVersion: number }> {
  const exists = (await client.query('SELECT to_regclass($1) AS t', [table])).rows[0].t;
  if (!exists) return { rows: 0, ids: 0, urls: 0, maxVersion: 0 };
  const r = (
    await client.query(`SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids, count(DISTINCT canonical_url)::int AS urls, coalesce(max(version), 0)::int AS "maxVersion" FROM ${table}`)
  ).rows[0];
  return r;
}

/** Lines of a JSONL file: total, parsable, torn (unparsable), and distinct record ids/canonical URLs. */
export function jsonlCounts(file: string): { lines: number; parsed: number; torn: number; ids: number; urls: Set<string> } {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const lines = text.split('\n').filter((l) => l.length > 0);
  const ids = new Set<string>();
  const urls = new Set<string>();
  let torn = 0;
  for (const l of lines) {
    try {
      const r = JSON.parse(l) as { id: string; canonicalUrl: string };
      ids.add(r.id);
      urls.add(r.canonicalUrl);
    } catch {
      torn++;
    }
  }
  return { lines: lines.length, parsed: lines.length - torn, torn, ids: ids.size, urls };
}

/** Job counts per state of a queue under `prefix`, read straight from Redis. */
export async function queueCounts(prefix: string, queue: string): Promise<Record<string, number>> {
  const r = new Redis(REDIS_URL);
  try {
    const k = (s: string) => `${prefix}:${queue}:${s}`;
    const [wait, active, delayed, failed, completed] = await Promise.all([r.llen(k('wait')), r.llen(k('active')), r.zcard(k('delayed')), r.zcard(k('failed')), r.zcard(k('completed'))]);
    return { wait, active, delayed, failed, completed };
  } finally {
    r.disconnect();
  }
}

/** The JSON log events named `event` in a worker's log file. */
export function logEvents(logFile: string, event: string): Record<string, unknown>[] {
  if (!existsSync(logFile)) return [];
  const out: Record<string, unknown>[] = [];
  for (const l of readFileSync(logFile, 'utf8').split('\n')) {
    if (!l.startsWith('{')) continue;
    try {
      const e = JSON.parse(l) as Record<string, unknown>;
      if (e.event === event) out.push(e);
    } catch {
      // a line cut by kill -9
    }
  }
  return out;
}

/** Kills a process by pid and waits for its exit (no-op when it has exited). */
export async function killProcess(w: WorkerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill(signal);
  await w.exited;
}

export { join };
