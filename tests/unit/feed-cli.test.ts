import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/schema.js';
import { IngestError } from '../../src/errors.js';
import { showFeed } from '../../src/feeds/cli.js';

const FEED = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Armenpress</title><link>/</link><language>en</language>
<item><title>Mirzoyan and Bayramov meet in Almaty</title><link>/news/1?utm_medium=rss</link><guid>n1</guid>
<pubDate>2023-06-29 18:00:00</pubDate><description>&lt;p&gt;Foreign ministers met.&lt;/p&gt;</description><author>desk@example.org (Desk)</author></item>
<item><title>No link here</title><guid isPermaLink="false">n2</guid></item>
</channel></rss>`;

const config = ConfigSchema.parse({
  feeds: [{ id: 'armenpress', url: 'https://armenpress.example.org/rss', timezone: 'Asia/Yerevan' }],
});
const fetched: string[] = [];
const fetchBytes = async (url: string) => {
  fetched.push(url);
  if (url.includes('notfound')) throw new IngestError('not-found', `HTTP 404 for ${url}`);
  const body = url.includes('html') ? Buffer.from('<!doctype html><html></html>') : Buffer.from(FEED);
  return { body, contentType: 'application/rss+xml', finalUrl: url.replace('/rss', '/rss.xml') };
};

const dir = mkdtempSync(path.join(tmpdir(), 'feed-cli-'));
const file = path.join(dir, 'saved.xml');
writeFileSync(file, FEED);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('showFeed', () => {
  it('--json on a configured feed id: that feed URL and timezone, the documented shape', async () => {
    const out = JSON.parse(await showFeed('armenpress', { json: true, config, fetchBytes }));
    expect(fetched.at(-1)).toBe('https://armenpress.example.org/rss');
    expect(out).toEqual({
      feed: { title: 'Armenpress', link: 'https://armenpress.example.org/', language: 'en' },
      items: [
        {
          title: 'Mirzoyan and Bayramov meet in Almaty',
          link: 'https://armenpress.example.org/news/1?utm_medium=rss',
          canonicalUrl: 'https://armenpress.example.org/news/1',
          guid: 'n1',
          publishedAt: '2023-06-29T14:00:00.000Z', // 18:00 in Asia/Yerevan (+04:00)
          summary: 'Foreign ministers met.',
          authors: ['Desk'],
          enclosures: [],
        },
        // No link: kept, stored from the feed's text by the pipeline (src/feeds/identity.ts).
        { title: 'No link here', link: null, canonicalUrl: null, guid: 'n2', publishedAt: null, summary: null, authors: [], enclosures: [] },
      ],
      skipped: [],
    });
  });

  it('a file with --url: links resolve against --url, and a configured URL brings its timezone', async () => {
    const out = JSON.parse(await showFeed(file, { url: 'https://armenpress.example.org/rss', json: true, config, fetchBytes }));
    expect(out.items[0].link).toBe('https://armenpress.example.org/news/1?utm_medium=rss');
    expect(out.items[0].publishedAt).toBe('2023-06-29T14:00:00.000Z');
  });

  it('a file without --url: relative links cannot resolve, dates read in UTC', async () => {
    const text = await showFeed(file, { config, fetchBytes });
    expect(text).toContain('items     2    skipped 0');
    expect(text).toContain('(no link: stored from the feed text)   (item-bad-link)');
    expect(text).toContain('(no link: stored from the feed text)   (item-missing-link)');
  });

  it('a plain URL: the table names the feed, each item, and the skipped ones', async () => {
    const text = await showFeed('https://other.example.org/rss', { config, fetchBytes });
    expect(text).toContain('feed      Armenpress');
    expect(text).toContain('timezone UTC');
    expect(text).toContain('2023-06-29T18:00:00Z  Mirzoyan and Bayramov meet in Almaty');
    expect(text).toContain('https://other.example.org/news/1');
    expect(text).toMatch(/No link here\n\s+\(no link: stored from the feed text\)\s+\(item-missing-link\)/);
  });

  it('passes IngestErrors through (not-a-feed, not-found)', async () => {
    await expect(showFeed('https://x.example.org/html', { config, fetchBytes })).rejects.toMatchObject({ code: 'not-a-feed' });
    await expect(showFeed('https://x.example.org/notfound', { config, fetchBytes })).rejects.toMatchObject({ code: 'not-found' });
  });
});
