/**
 * A tiny loopback news site for the ops tests (our own words): one RSS feed with four items
 * (two pages on the Armenia–Azerbaijan talks, one on something else, one link that answers
 * 404) and a second feed URL that answers 404. Plus a helper that runs the real worker in
 * service mode with the ops listener on 127.0.0.1 and a free port.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startSiteServer, type SiteServer } from './site-server.js';
import type { Config } from '../../src/config/schema.js';
import type { Logger } from '../../src/log.js';
import { runWorker, type RunOptions, type RunSummary } from '../../src/queue/worker.js';
import { join } from 'node:path';
import { REDIS_URL, tempDir, testConfig } from './worker.js';

const PAGES: Record<string, { title: string; body: string }> = {
  '/news/border-commissions.html': {
    title: 'Border commissions of Armenia and Azerbaijan agree on next steps',
    body:
      'The delimitation commissions of Armenia and Azerbaijan met on Friday and agreed on a timetable for the next round. ' +
      'Deputy prime ministers from both sides said the peace treaty text was nearly settled, and that foreign ministers would meet in Washington.',
  },
  '/news/treaty-talks.html': {
    title: 'Foreign ministers discuss the peace treaty draft',
    body:
      'Ararat Mirzoyan and Jeyhun Bayramov discussed the remaining articles of the peace agreement between Armenia and Azerbaijan. ' +
      'The talks covered the opening of transport links and the work of the border commissions.',
  },
  '/news/harvest.html': {
    title: 'Apricot harvest expected to be large this year',
    body: 'Farmers in the valley expect a large apricot harvest after a mild spring. Prices at the market fell for the second week in a row.',
  },
};
/** Links in the feed that answer 404. */
export const MISSING_PAGE = '/news/removed.html';
/** Items in the site's feed. */
export const FEED_ITEMS = Object.keys(PAGES).length + 1;
/** Pages that answer 200. */
export const GOOD_PAGES = Object.keys(PAGES).length;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><header><nav>Home | World | Region</nav></header><article><h1>${title}</h1><p>${body}</p><p>${body}</p></article><footer>© Example Herald</footer></body></html>`;
}

function feed(base: string): string {
  const links = [...Object.entries(PAGES).map(([p, v]) => [p, v.title]), [MISSING_PAGE, 'A story that was taken down']];
  const items = links.map(([p, t], i) => `<item><title>${t}</title><link>${base}${p}</link><guid>item-${i}</guid><pubDate>Fri, 04 Dec 2026 0${i}:00:00 GMT</pubDate></item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Herald</title><link>${base}/</link><description>Regional news</description>\n${items}\n</channel></rss>`;
}

/** Starts the site. Feed: `/feed.xml`; a feed that is gone: `/gone.xml`. */
export async function startOpsSite(): Promise<SiteServer> {
  const send = (status: number, type: string, body: string) => (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  let base = '';
  const routes: Parameters<typeof startSiteServer>[1] = {
    '/feed.xml': { handle: (req, res) => send(200, 'application/rss+xml; charset=utf-8', feed(base))(req, res) },
    '/gone.xml': { status: 404, headers: { 'content-type': 'text/plain' }, body: 'gone' },
    '/robots.txt': { status: 404, body: '' },
  };
  for (const [p, v] of Object.entries(PAGES)) routes[p] = { handle: send(200, 'text/html; charset=utf-8', page(v.title, v.body)) };
  const server = await startSiteServer(null, routes);
  base = server.baseUrl;
  return server;
}

/** A worker running in service mode, with its ops listener's URL. */
export interface RunningWorker {
  url: string;
  stop(): Promise<RunSummary>;
  /** Rejects if the worker failed. */
  done: Promise<RunSummary>;
}

/** Runs the worker in service mode with the ops listener on 127.0.0.1:0; resolves once it has started. */
export async function startOpsWorker(config: Config, log: Logger, extra: Partial<RunOptions> = {}): Promise<RunningWorker> {
  const ac = new AbortController();
  let started!: (url: string) => void;
  const ready = new Promise<string>((r) => (started = r));
  const done = runWorker({ config, log, stopSignal: ac.signal, ops: { host: '127.0.0.1', port: 0, dashboardActions: false }, onStarted: (i) => started(i.opsUrl!), ...extra });
  const url = await Promise.race([ready, done.then(() => Promise.reject(new Error('worker stopped before starting')))]);
  return {
    url,
    done,
    stop: () => {
      ac.abort();
      return done;
    },
  };
}

/** Polls `fn` every 100 ms until it returns a truthy value (at most `ms`, default 20 s). */
export async function until<T>(fn: () => Promise<T | null | undefined | false | 0 | ''>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/**
 * The config of the ops tests: the shared Redis under `prefix`, the site's good feed (`herald`)
 * and its missing one (`gone`), one JSONL sink (`only: all`) in a temp folder named after `name`,
 * no politeness delay, no robots, one attempt per job.
 */
export function opsTestConfig(site: SiteServer, prefix: string, name: string): Config {
  return testConfig({
    redis: { url: REDIS_URL, prefix },
    feeds: [
      { id: 'herald', url: `${site.baseUrl}/feed.xml`, intervalMinutes: 60 },
      { id: 'gone', url: `${site.baseUrl}/gone.xml`, intervalMinutes: 60 },
    ],
    sinks: [{ type: 'jsonl', path: join(tempDir(name), 'a.jsonl'), only: 'all' }],
    http: { perHost: { concurrency: 4, minDelayMs: 0 }, respectRobots: false },
    worker: { attempts: 1, articleBatch: 1 }, // the metrics tests count article jobs: one per article
  });
}
