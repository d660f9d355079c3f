/**
 * A feed that gives every item the same guid (a CMS writing `0`, or the feed's own URL, into
 * each <guid>) lists different items, not one item repeated: review15 found the link-less and
 * podcast ones dropped as `duplicate-guid` (only the first stored) and, had they been kept,
 * all given the first one's record id.
 */
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/index.js';
import { itemRecordId } from '../../src/feeds/identity.js';

const FEED_URL = 'https://bulletin.example.am/rss';

function rss(items: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bulletin</title><link>https://bulletin.example.am/</link>${items}</channel></rss>`;
}

const briefs = [
  ['Border commission meets in Gabala', 'Mon, 02 Mar 2026 09:00:00 GMT'],
  ['Foreign ministers speak by phone', 'Mon, 02 Mar 2026 11:30:00 GMT'],
  ['Draft treaty text to be initialled', 'Tue, 03 Mar 2026 08:15:00 GMT'],
];

describe('one guid on every item of a feed', () => {
  it('keeps each link-less item and gives each its own stable record id', async () => {
    const xml = rss(briefs.map(([t, d]) => `<item><title>${t}</title><guid isPermaLink="false">0</guid><pubDate>${d}</pubDate><description>${t}: short text.</description></item>`).join(''));
    const a = await parseFeed(xml, { url: FEED_URL });
    const b = await parseFeed(xml, { url: FEED_URL });
    expect(a.skipped).toEqual([]);
    expect(a.items.map((i) => i.title)).toEqual(briefs.map(([t]) => t));
    const ids = a.items.map((i) => itemRecordId(i, FEED_URL, a.feed.link));
    expect(new Set(ids).size).toBe(3);
    expect(b.items.map((i) => itemRecordId(i, FEED_URL, b.feed.link))).toEqual(ids);
  });

  it('keeps podcast episodes linked to the show page under one guid', async () => {
    const xml = rss(briefs.map(([t, d], n) => `<item><title>${t}</title><link>https://bulletin.example.am/</link><guid>https://bulletin.example.am/</guid><pubDate>${d}</pubDate><enclosure url="https://cdn.example.am/ep${n}.mp3" type="audio/mpeg" length="100"/></item>`).join(''));
    const f = await parseFeed(xml, { url: FEED_URL });
    expect(f.items).toHaveLength(3);
    expect(new Set(f.items.map((i) => itemRecordId(i, FEED_URL, f.feed.link))).size).toBe(3);
  });

  it('still skips a link-less item listed twice (same guid, title and date), and keeps a lone guid as the id', async () => {
    const [t, d] = briefs[0];
    const item = `<item><title>${t}</title><guid>b-1</guid><pubDate>${d}</pubDate><description>x</description></item>`;
    const f = await parseFeed(rss(item + item + `<item><title>Other</title><guid>b-2</guid><description>y</description></item>`), { url: FEED_URL });
    expect(f.skipped.map((s) => s.reason)).toEqual(['duplicate-guid']);
    expect(f.items).toHaveLength(2);
    expect(f.items[0].flags ?? []).not.toContain('guid-shared');
    const lone = await parseFeed(rss(item), { url: FEED_URL });
    expect(itemRecordId(f.items[0], FEED_URL, f.feed.link)).toBe(itemRecordId(lone.items[0], FEED_URL, lone.feed.link));
  });
});
