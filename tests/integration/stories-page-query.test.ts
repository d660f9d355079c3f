/**
 * The /stories page as the worker mounts it (`openStoriesPage` on an express app, a real
 * loopback HTTP server, a JSONL sink with one record): a `days` or `until` it cannot use is
 * answered 400 naming the parameter and what it accepts, and logged as `stories.bad-query`
 * (reason `bad-query`); good values still give the page (docs/review.md, Round 9 (new user)).
 */
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoriesPage, type StoriesPageMount } from '../../src/stories/page-mount.js';
import { captureLogger, tempDir, testConfig } from '../helpers/worker.js';

describe('/stories query parameters', () => {
  const { log, lines } = captureLogger('info');
  let page: StoriesPageMount;
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const path = join(tempDir('stories-query'), 'a.jsonl');
    const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
    writeFileSync(path, JSON.stringify({ id: 'r1', storyId: 's-r1', url: 'http://127.0.0.1/a', title: 'Border commission meets in Gazakh', text: 'x', language: 'en', source: 'example', publishedAt: at, fetchedAt: at, relevant: true, actors: [], places: [] }) + '\n');
    page = (await openStoriesPage(testConfig({ sinks: [{ type: 'jsonl', path, only: 'all' }] }), log))!;
    const app = express();
    page.mount(app);
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await page.store.close?.();
  });

  const badQueries = () => lines.filter((l) => l.event === 'stories.bad-query');

  it.each([
    ['days=abc', 'days', 'abc', /days: not a whole number of days from 1 to 365: "abc"/],
    ['days=99999', 'days', '99999', /days: not a whole number of days from 1 to 365: "99999"/],
    ['days=0', 'days', '0', /from 1 to 365: "0"/],
    ['days=2.5', 'days', '2.5', /from 1 to 365: "2.5"/],
    ['until=nope', 'until', 'nope', /until: not a date YYYY-MM-DD .*"nope"/],
    ['days=7&until=2024-13-45', 'until', '2024-13-45', /until: not a date YYYY-MM-DD .*"2024-13-45"/],
    // review12 (docs/review.md Round 10): these fell back to a default in silence
    ['until=2026-02-30', 'until', '2026-02-30', /until: not a date YYYY-MM-DD .*"2026-02-30"/],
    ['lang=english', 'lang', 'english', /lang: not a language code .*"english"/],
    ['lang=e1', 'lang', 'e1', /lang: not a language code .*"e1"/],
    ['by=nope', 'by', 'nope', /by: "language" or "source" .*"nope"/],
    ['by=Source', 'by', 'Source', /by: "language" or "source" .*"Source"/],
    ['lang=en&lang=fr', 'lang', 'en,fr', /lang: given 2 times \("en", "fr"\); give it once/],
    ['days=7&days=30', 'days', '7,30', /days: given 2 times \("7", "30"\); give it once/],
    [`q=${'a'.repeat(201)}`, 'q', 'a'.repeat(200), /q: longer than 200 characters \(201\)/],
  ])('refuses %s with 400 naming the parameter, and logs it', async (query, param, value, message) => {
    const before = badQueries().length;
    const res = await fetch(`${base}/stories?${query}`);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toMatch(message);
    expect(body).not.toContain('<html');
    const logged = badQueries().slice(before);
    expect(logged.map((l) => [l.reason, l.param, l.value, l.level])).toEqual([['bad-query', param, value, 40]]);
  });

  it('keeps valid values: the page for days=7, days=365, until=YYYY-MM-DD, and without them', async () => {
    const before = badQueries().length;
    for (const query of ['', 'days=7', 'days=365', `until=${new Date().toISOString().slice(0, 10)}&days=30`, 'days=&until=', 'lang=EN', 'lang=&by=', 'by=source', 'by=language&lang=hy', `q=${'a'.repeat(200)}`, 'utm_source=x']) {
      const res = await fetch(`${base}/stories?${query}`);
      expect(res.status, query).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h1>');
    }
    const days7 = await (await fetch(`${base}/stories?days=7`)).text();
    expect(days7).toContain('stories of the 7 days');
    expect(days7).toContain('Border commission meets in Gazakh');
    // a good lang keeps filtering: the record is English
    expect(await (await fetch(`${base}/stories?lang=EN`)).text()).toContain('Border commission meets in Gazakh');
    expect(await (await fetch(`${base}/stories?lang=hy`)).text()).not.toContain('Border commission meets in Gazakh');
    expect(badQueries().length).toBe(before);
  });
});
