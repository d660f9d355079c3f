import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidTimezone, parseFeedDate, zoneOffsetAt } from '../../src/feeds/dates.js';
import { parseFeed } from '../../src/feeds/index.js';

// Issue 17 round 18: the first Intl.DateTimeFormat a process makes reads ICU's locale and zone
// data out of node's binary (+5.9 MiB of resident memory for the worker's life). A feed in the
// default zone (UTC) must not make one: its dates and the zone check are answered without ICU.
// Counted by wrapping the global constructor (the module looks it up at each call).
const Original = Intl.DateTimeFormat;
let made = 0;

beforeEach(() => {
  made = 0;
  const Counting = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    made++;
    return new Original(...args);
  } as unknown as typeof Intl.DateTimeFormat;
  Object.assign(Counting, { supportedLocalesOf: Original.supportedLocalesOf });
  Object.defineProperty(Intl, 'DateTimeFormat', { value: Counting, writable: true, configurable: true });
});
afterEach(() => {
  Object.defineProperty(Intl, 'DateTimeFormat', { value: Original, writable: true, configurable: true });
});

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example.org/</link>
<item><title>Talks resume</title><link>https://news.example.org/a/1</link><pubDate>2024-03-05</pubDate></item>
<item><title>Second round</title><link>https://news.example.org/a/2</link><pubDate>2024-03-06 10:30</pubDate></item>
</channel></rss>`;

describe('feed dates in UTC without ICU', () => {
  it('reads zone-less dates in UTC and checks the zone name without making an Intl.DateTimeFormat', () => {
    expect(isValidTimezone('UTC')).toBe(true);
    expect(isValidTimezone('Etc/UTC')).toBe(true);
    expect(zoneOffsetAt('UTC', Date.UTC(2024, 6, 1))).toBe(0);
    expect(parseFeedDate('2024-03-05')?.toISOString()).toBe('2024-03-05T00:00:00.000Z');
    expect(parseFeedDate('5 March 2024 10:30', 'Etc/UTC')?.toISOString()).toBe('2024-03-05T10:30:00.000Z');
    expect(made).toBe(0);
  });

  it('parses a feed in the default zone without making one', async () => {
    const feed = await parseFeed(RSS, { url: 'https://news.example.org/feed.xml', fetchedAt: new Date('2024-03-07T00:00:00Z') });
    expect(feed.items.map((i) => i.publishedAt)).toEqual(['2024-03-05T00:00:00.000Z', '2024-03-06T10:30:00.000Z']);
    expect(made).toBe(0);
  });

  it('still asks ICU for any other zone, with the answers it gave before', () => {
    expect(isValidTimezone('Asia/Yerevan')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(parseFeedDate('2024-03-05 10:30', 'Asia/Baku')?.toISOString()).toBe('2024-03-05T06:30:00.000Z');
    expect(made).toBeGreaterThan(0);
  });
});
