/**
 * parseFeed hands the event loop back between slices of ITEMS_PER_SLICE items, so a long
 * feed does not hold a worker's loop (issue 17: event-loop delay); the items come out the same.
 */
import { describe, expect, it } from 'vitest';
import { ITEMS_PER_SLICE, parseFeed } from '../../src/feeds/parse.js';
import { parseXml, parseXmlSliced, XML_SLICE_CHARS, XmlSyntaxError, type XmlNode } from '../../src/feeds/xml.js';

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

describe('XML parsed in slices', () => {
  it('lets other callbacks run while sax reads a feed of several slices, with the same tree as one write', async () => {
    const text = feed(1200); // ~330,000 characters: 6 slices
    expect(text.length).toBeGreaterThan(4 * XML_SLICE_CHARS);
    let ticks = 0;
    let parsing = true;
    const spin = () => {
      if (!parsing) return;
      ticks++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const sliced = await parseXmlSliced(text, 'https://news.example/feed.xml');
    parsing = false;
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(text.length / XML_SLICE_CHARS) - 1);
    const whole = parseXml(text, 'https://news.example/feed.xml');
    const strip = (n: XmlNode): unknown => ({ name: n.name, uri: n.uri, text: n.text, attrs: n.attrs, children: n.children.map(strip) });
    expect(strip(sliced)).toEqual(strip(whole));
    expect(sliced.children[0].children.filter((c) => c.local === 'item')).toHaveLength(1200);
  });

  it('reads a tag, an entity and a CDATA section cut by a slice boundary, and reports a syntax error past the first slice', async () => {
    // the slice boundary falls d characters into `</title><item><title>Talks &amp; <![CDATA[...]]>`
    for (let d = 0; d <= 60; d += 3) {
      const doc = `<rss><channel><title>${'x'.repeat(XML_SLICE_CHARS - 21 - d)}</title><item><title>Talks &amp; <![CDATA[<b>border</b>]]> commission</title></item></channel></rss>`;
      const root = await parseXmlSliced(doc, null);
      const item = root.children[0].children.find((c) => c.local === 'item')!;
      expect(item.children[0].text).toBe('Talks & <b>border</b> commission');
    }
    const pad = 'x'.repeat(XML_SLICE_CHARS);
    const broken = `<rss><channel><title>${pad}${pad}</title><item></channel></rss>`;
    await expect(parseXmlSliced(broken, null)).rejects.toBeInstanceOf(XmlSyntaxError);
  });
});
