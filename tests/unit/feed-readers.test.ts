/**
 * The one XML reader (src/feeds/xml.ts tree, one mapping per format in formats.ts): the
 * kinds of documents that once needed a second reader (rss-parser's mapping fell back to the
 * sax adapter for them) are read with one, with their values asserted. The fixture site's
 * feeds are checked in tests/unit/site-fixtures.test.ts; rss-parser's parseString as an
 * oracle on every file of ../shared/corpus/feeds in tests/corpus/feed-readers-corpus.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/index.js';
import type { ParsedFeed } from '../../src/types.js';

const url = 'https://feeds.example.org/news.xml';
const fetchedAt = new Date('2026-01-01T00:00:00Z');

/** Reads a document with the one XML reader; no repair may be needed for these. */
async function one(xml: string): Promise<ParsedFeed> {
  const feed = await parseFeed(xml, { url, fetchedAt });
  expect(feed.parsedBy?.parser).toBe('xml');
  return feed;
}

const rss = (items: string, attrs = '', channel = '') =>
  `<?xml version="1.0"?><rss version="2.0" ${attrs}><channel${channel}><title>News</title><link>https://news.example.org/</link>${items}</channel></rss>`;

describe('ordinary feeds', () => {
  it('FeedBurner RSS: atom10: prefix, feedburner:origLink, media bound to another URI, dc:creator', async () => {
    const feed = await one(
      rss(
        `<item><title>Talks resume</title><link>https://feedproxy.example.com/~r/x/1</link><feedburner:origLink>https://news.example.org/a/1</feedburner:origLink>
           <guid isPermaLink="false">tag:news,1</guid><pubDate>Tue, 03 Jun 2025 09:30:00 +0400</pubDate><dc:creator>Anna</dc:creator>
           <enclosure url="https://news.example.org/1.mp3" type="audio/mpeg" length="12"/><media:content url="https://news.example.org/1.jpg"/></item>
         <item><title>Second</title><atom10:link rel="self" href="https://news.example.org/self"/><atom10:link href="https://news.example.org/a/2"/><guid isPermaLink="false">tag:news,2</guid></item>`,
        'xmlns:atom10="http://www.w3.org/2005/Atom" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0" xmlns:media="http://www.rssboard.org/media-rss" xmlns:dc="http://purl.org/dc/elements/1.1/"',
      ),
    );
    expect(feed.items.map((i) => [i.link, i.guid, i.publishedAt, i.authors])).toEqual([
      ['https://news.example.org/a/1', 'tag:news,1', '2025-06-03T05:30:00.000Z', ['Anna']],
      ['https://news.example.org/a/2', 'tag:news,2', null, []],
    ]);
    // media:content is not Media RSS here (another namespace URI): only the enclosure counts.
    expect(feed.items[0].enclosures).toEqual([{ url: 'https://news.example.org/1.mp3', type: 'audio/mpeg', length: 12 }]);
  });

  it('xml:base on the rss root, the channel, an item and a link, read from the raw elements', async () => {
    const feed = await one(
      rss(
        `<item><title>A</title><link>a.html</link></item>
         <item xml:base="/world/"><title>B</title><link>b.html</link><enclosure url="b.jpg" type="image/jpeg"/></item>
         <item><title>C</title><link xml:base="https://other.example.org/x/">c.html</link></item>`,
        'xml:base="https://base.example.org/root/"',
        ' xml:base="news/"',
      ),
    );
    expect(feed.feed.link).toBe('https://news.example.org/');
    expect(feed.items.map((i) => i.link)).toEqual([
      'https://base.example.org/root/news/a.html',
      'https://base.example.org/world/b.html',
      'https://other.example.org/x/c.html',
    ]);
    expect(feed.items[1].enclosures).toEqual([{ url: 'https://base.example.org/world/b.jpg', type: 'image/jpeg' }]);
  });

  it('an <rss> root without a version, a WordPress post-id default namespace, a repaired bare &', async () => {
    const feed = await one(
      `<rss><channel><title>Q &amp; A & more</title><item><title>T</title><link>https://e.example.org/a?x=1&y=2</link><post-id xmlns="com-wordpress:feed-additions:1">7</post-id></item></channel></rss>`,
    );
    expect(feed.feed.title).toBe('Q & A & more');
    expect(feed.items.map((i) => i.link)).toEqual(['https://e.example.org/a?x=1&y=2']);
  });

  it('Atom: rel=alternate chosen among all links, xhtml content unused beside a text summary, xml:lang', async () => {
    const feed = await one(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru"><title>Policy</title><link rel="self" href="/feed"/><link href="https://policy.example.org/"/>
      <entry><id>urn:1</id><title type="html">A &amp;amp; B</title><link rel="edit" href="https://policy.example.org/edit/1"/><link rel="alternate" type="text/html" href="/p/1"/>
        <published>2025-06-03T10:00:00+04:00</published><updated>2025-06-04T10:00:00Z</updated><summary>Short</summary>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a <b>b</b> c</p></div></content><author><name>Thomas</name></author></entry></feed>`);
    expect(feed.feed).toEqual({ title: 'Policy', link: 'https://policy.example.org/', language: 'ru' });
    expect(feed.items.map((i) => [i.link, i.title, i.publishedAt, i.updatedAt, i.summary, i.authors])).toEqual([
      ['https://feeds.example.org/p/1', 'A & B', '2025-06-03T06:00:00.000Z', '2025-06-04T10:00:00.000Z', 'Short', ['Thomas']],
    ]);
  });
});

describe('documents that once needed a second reader', () => {
  const atom = (entries: string) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>${entries}</feed>`;

  it('an Atom date that does not parse: the feed is read, the entry falls back to updated', async () => {
    const feed = await one(atom(`<entry><id>1</id><link href="https://e.example.org/1"/><published>yesterday</published><updated>2025-06-01T00:00:00Z</updated></entry>
      <entry><id>2</id><link href="https://e.example.org/2"/><published>2025-06-02T00:00:00Z</published></entry>`));
    expect(feed.items.map((i) => i.publishedAt)).toEqual(['2025-06-01T00:00:00.000Z', '2025-06-02T00:00:00.000Z']);
  });

  it('an xhtml summary (mixed content in document order)', async () => {
    const feed = await one(atom(`<entry><id>1</id><link href="https://e.example.org/1"/><summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">one <b>two</b> three</div></summary></entry>`));
    expect(feed.items[0].summary).toBe('one two three');
  });

  it('a bare <channel> root, an item beside the channel, an <rss> without a channel', async () => {
    const bare = await one(`<channel><title>C</title><item><link>https://e.example.org/1</link></item></channel>`);
    expect(bare.items.map((i) => i.link)).toEqual(['https://e.example.org/1']);
    const beside = await one(`<rss version="0.91"><channel><title>C</title></channel><item><link>https://e.example.org/2</link></item></rss>`);
    expect(beside.items.map((i) => i.link)).toEqual(['https://e.example.org/2']);
    const empty = await one(`<rss version="2.0"></rss>`);
    expect(empty.items).toEqual([]);
  });

  it('an Atom link declared inside an RSS item (a default namespace on an element we read)', async () => {
    const feed = await one(rss(`<item><title>T</title><guid>https://e.example.org/g</guid><link xmlns="http://www.w3.org/2005/Atom" rel="alternate" href="https://e.example.org/a"/></item>`));
    expect(feed.items.map((i) => i.link)).toEqual(['https://e.example.org/a']);
  });

  it('an undeclared well-known prefix in capitals, and a prefix bound to two URIs', async () => {
    const caps = await one(rss(`<item><title>T</title><link>https://e.example.org/a</link><DC:creator>Anna</DC:creator></item>`));
    expect(caps.items[0].authors).toEqual(['Anna']);
    const twice = await one(
      rss(`<item xmlns:x="http://purl.org/dc/elements/1.1/"><title>T</title><link>https://e.example.org/a</link><x:creator>Anna</x:creator></item>
           <item xmlns:x="http://example.org/other"><title>U</title><link>https://e.example.org/b</link><x:creator>Not an author</x:creator></item>`),
    );
    expect(twice.items.map((i) => i.authors)).toEqual([['Anna'], []]);
  });

  it('XML that does not parse even repaired is invalid-feed with the sax message', async () => {
    await expect(parseFeed(`<rss version="2.0"><channel><title>x</title><item><![CDATA[ cut`, { url })).rejects.toMatchObject({ code: 'invalid-feed', message: expect.stringContaining('Unclosed root tag') });
  });
});
