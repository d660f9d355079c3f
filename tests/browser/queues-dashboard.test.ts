/**
 * The queue dashboard in a real browser: playwright-core driving Debian's chromium opens
 * /queues during a run over the loopback site, finds both queues with the counts Redis
 * holds, checks that the dashboard is read-only (no retry/clean actions), and saves a
 * screenshot to test-output/queues.png. Every request the page makes to another host (web
 * fonts) is blocked: tests talk only to loopback.
 *
 * Needs chromium (`apt-get install -y chromium`; .ci/run installs it). Without it the test
 * fails in CI and is skipped elsewhere, saying why.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { createProducerRedis, whenReady } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import type { SiteServer } from '../helpers/site-server.js';
import { FEED_ITEMS, opsTestConfig, startOpsSite, startOpsWorker, until, type RunningWorker } from '../helpers/ops-site.js';
import { REDIS_URL, captureLogger, dropPrefix, testConfig, uniquePrefix } from '../helpers/worker.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);
const OUT_DIR = resolve(import.meta.dirname, '../../test-output');

let site: SiteServer;
let worker: RunningWorker;
let browser: Browser;
const prefix = uniquePrefix('dashboard');
let cfg: ReturnType<typeof testConfig>;

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'queue dashboard in chromium' : `queue dashboard in chromium (skipped: no ${CHROMIUM})`, () => {
  beforeAll(async () => {
    site = await startOpsSite();
    cfg = opsTestConfig(site, prefix, 'dashboard');
    worker = await startOpsWorker(cfg, captureLogger('silent').log);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await site?.close();
    await dropPrefix(prefix);
  });

  it('shows both queues with the counts Redis holds, read-only, and saves a screenshot', async () => {
    const redis = await whenReady(createProducerRedis(REDIS_URL), REDIS_URL);
    const queues = openQueues(cfg, redis);
    let counts: Record<string, Record<string, number>>;
    try {
      // Wait for the run to settle: every article job finished.
      counts = await until(async () => {
        const a = await queues.articles.getJobCounts();
        const f = await queues.feeds.getJobCounts();
        return a.completed + a.failed === FEED_ITEMS && f.completed + f.failed === 2 ? { articles: a, feeds: f } : null;
      }, 'the run to finish');
    } finally {
      await queues.close();
      await redis.quit();
    }
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const blocked: string[] = [];
    const origin = new URL(worker.url).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      blocked.push(new URL(url).host);
      return route.abort();
    });
    const res = await page.goto(`${worker.url}/queues`);
    expect(res?.status()).toBe(200);
    for (const name of ['articles', 'feeds'] as const) {
      const card = page.locator('li', { has: page.locator(`a[title="${name}"]`) }).last();
      await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain(`${total(counts[name])} Jobs`);
    }
    const articles = await page.locator('li', { has: page.locator('a[title="articles"]') }).last().innerText();
    expect(articles.replace(/\s+/g, ' ')).toMatch(new RegExp(`failed ${counts.articles.failed} ${total(counts.articles)} jobs`, 'i'));
    mkdirSync(OUT_DIR, { recursive: true });
    const shot = join(OUT_DIR, 'queues.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`dashboard screenshot: ${shot}`);

    // Read-only: the failed jobs are listed, with no action to retry or clean them.
    await page.goto(`${worker.url}/queues/queue/articles?status=failed`);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain('not-found');
    expect(await page.getByRole('button', { name: /retry|clean|remove|promote/i }).count()).toBe(0);
    await page.screenshot({ path: join(OUT_DIR, 'queues-failed.png'), fullPage: true });
    expect(blocked.every((h) => !h.startsWith('127.0.0.1'))).toBe(true);
    await page.close();
  });

  it('offers job actions only with ops.dashboardActions', async () => {
    const withActions = await startOpsWorker(cfg, captureLogger('silent').log, { ops: { host: '127.0.0.1', port: 0, dashboardActions: true } });
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) => (route.request().url().startsWith(withActions.url) ? route.continue() : route.abort()));
      await page.goto(`${withActions.url}/queues/queue/articles?status=failed`);
      await expect.poll(() => page.getByRole('button', { name: /retry/i }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await page.close();
    } finally {
      await withActions.stop();
    }
  });
});
