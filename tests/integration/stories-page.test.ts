/**
 * The /stories page in a real browser (playwright-core driving Debian's chromium): the
 * records of a worker run over the labeled dev set are served by `handleStoriesRequest`; the
 * page lists their stories, draws the coverage chart, and a search narrows the list. A
 * screenshot is saved to test-output/stories-page.png (docs/stories-page.png, in the README, is a copy).
 * Without chromium it fails in CI (.ci/run installs it) and is skipped elsewhere, saying why,
 * as the queue dashboard's browser test does.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonlRecordStore } from '../../src/search/store.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { handleStoriesRequest } from '../../src/stories/page.js';
import type { ArticleRecord } from '../../src/types.js';
import { runWorkerOnLabeledSite } from '../helpers/stories-site.js';
import { dropPrefix, tempDir, uniquePrefix } from '../helpers/worker.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURE = 'tests/fixtures/stories/dev.jsonl';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'the /stories page in chromium' : `the /stories page in chromium (skipped: no ${CHROMIUM})`, () => {
  const prefix = uniquePrefix('stories-page');
  const jsonl = join(tempDir('stories-page'), 'articles.jsonl');
  let records: ArticleRecord[] = [];
  let server: Server;
  let base = '';
  let browser: Browser;
  let closeSite: () => Promise<void> = async () => {};
  // the page shows the last `days` days before this clock: the fixture's Tavush–Almaty weeks of 2024
  const now = Date.parse('2024-05-12T00:00:00Z');

  beforeAll(async () => {
    const run = await runWorkerOnLabeledSite(FIXTURE, prefix, [{ type: 'jsonl', path: jsonl, only: 'all' }]);
    closeSite = () => run.site.close();
    records = readJsonlRecords(jsonl);
    const store = new JsonlRecordStore(jsonl);
    server = createServer((req, res) => {
      if ((req.url ?? '').split('?')[0] === '/stories') return void handleStoriesRequest(req, res, { store, now: () => now });
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await closeSite();
    await dropPrefix(prefix);
  });

  it('lists the stories of the run, draws the chart, and a search narrows the list', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    await page.goto(`${base}/stories?days=30`);
    // every story with an article in the 30 days before `now`
    const since = now - 30 * 86_400_000;
    const inWindow = records.filter((r) => Date.parse(r.publishedAt ?? r.fetchedAt) >= since && Date.parse(r.publishedAt ?? r.fetchedAt) <= now);
    const expectedStories = new Set(inWindow.map((r) => r.storyId));
    expect(expectedStories.size).toBeGreaterThan(1);
    const shown = await page.locator('article.story').evaluateAll((els) => els.map((e) => e.getAttribute('data-story')));
    expect(new Set(shown)).toEqual(expectedStories);
    // article links point at the articles' pages
    const links = await page.locator('article.story li.article a').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
    expect(new Set(links)).toEqual(new Set(inWindow.map((r) => r.url)));
    // the chart: one bar segment per (day, language), counts adding up to the articles shown
    const bars = await page.locator('#coverage rect.bar').evaluateAll((els) => els.map((e) => ({ n: Number(e.getAttribute('data-count')), h: (e as SVGRectElement).getBBox().height })));
    expect(bars.reduce((a, b) => a + b.n, 0)).toBe(inWindow.length);
    for (const b of bars) expect(b.h).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-output/stories-page.png', fullPage: false }); // docs/stories-page.png is a copy of it

    // a search in Russian narrows the list to the Almaty story
    await page.fill('input[name=q]', 'Нуртлеу');
    await Promise.all([page.waitForURL(/q=/), page.click('button[type=submit]')]);
    const after = await page.locator('article.story').evaluateAll((els) => els.map((e) => e.getAttribute('data-story')));
    const almaty = records.find((r) => r.url.endsWith('/a/almaty-ru-1.html'))!.storyId;
    expect(after).toEqual([almaty]);
    expect(await page.locator('#story-count').textContent()).toBe('1');
    await page.close();
  }, 120_000);
});
