/**
 * parseFeed hands the event loop back between slices of ITEMS_PER_SLICE items, so a long
 * feed does not hold a worker's loop (issue 17: event-loop delay); the items come out the same.
 */
import { describe, expect, it } from 'vitest';
import { ITEMS_PER_SLICE, parseFeed } from '../../src/feeds/parse.js';

const feed = (n: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>https://news.example/</link>${Array.from(
    { length: n },
    (_, i) => `<item><title>Round ${i} of the border commission</title><link>https://news.example/a/${i}</link><description>&lt;p&gt;Teaser &lt;b&gt;${i}&lt;/b&gt;&lt;/p&gt;</description><pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate></item>`,
  ).join('')}</channel></rss>`;

describe('parseFeed slices', () => {
  it('lets other callbacks run while it normalises a 300-item feed, and keeps every item in order', async () => {
    let ticks = 0;
    let parsing = true;
    const spin = () => {
      if (!parsing) return;
      ticks++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const parsed = await parseFeed(feed(300), { url: 'https://news.example/feed.xml' });
    parsing = false;
    expect(parsed.items.map((i) => i.link)).toEqual(Array.from({ length: 300 }, (_, i) => `https://news.example/a/${i}`));
    expect(parsed.items[7].summary).toBe('Teaser 7');
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(300 / ITEMS_PER_SLICE) - 1);
  });

  it('does not yield for a feed shorter than one slice', async () => {
    let ran = false;
    setImmediate(() => (ran = true));
    const parsed = await parseFeed(feed(ITEMS_PER_SLICE - 1), { url: 'https://news.example/feed.xml' });
    expect(parsed.items).toHaveLength(ITEMS_PER_SLICE - 1);
    expect(ran).toBe(false);
  });
});
