/**
 * What feeds really carry (issue 14), one hand-written document per kind: markup inside text
 * fields, one mismatched end tag, author forms, the other elements that hold a summary, a
 * full text, an author or a date, the publisher's link behind an ad network's redirect,
 * Atom xhtml and Atom 0.3 text constructs, items without a link, and the feed's full text
 * kept beside its description.
 */
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/index.js';
import { authorName } from '../../src/feeds/formats.js';
import { isMediaItem, isTextOnlyItem, itemRecordId } from '../../src/feeds/identity.js';
import { titleFromText } from '../../src/pipeline/feed-item.js';
import type { FeedItem } from '../../src/types.js';

const url = 'https://wire.example.net/rss';
const fetchedAt = new Date('2026-01-01T00:00:00Z');
const NS =
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
  'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom" ' +
  'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0" xmlns:pheedo="http://www.pheedo.com/namespace/pheedo"';
const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0" ${NS}><channel><title>Wire</title><link>https://wire.example.net/</link>${items}</channel></rss>`;
const read = (xml: string) => parseFeed(xml, { url, fetchedAt });

describe('markup inside text fields keeps its text', () => {
  it('inline and block markup written raw in a title, and a raw table in a description', async () => {
    const feed = await read(
      rss(`<item><title>Breaking: <b>talks</b> resume</title><link>/1</link></item>
           <item><title><p>Item Title</p></title><link>/2</link></item>
           <item><title>Plain</title><link>/3</link><description><table><tr><td><a href="/u/anna">anna</a> posted to <a href="/r/caucasus">caucasus</a></td></tr></table></description></item>`),
    );
    expect(feed.items.map((i) => i.title)).toEqual(['Breaking: talks resume', 'Item Title', 'Plain']);
    expect(feed.items[2].summary).toBe('anna posted to caucasus');
  });

  it('escaped HTML beside raw markup in one description', async () => {
    const feed = await read(rss(`<item><title>T</title><link>/1</link><description>&lt;p&gt;Officials &lt;i&gt;met&lt;/i&gt;&lt;/p&gt; <b>today</b></description></item>`));
    expect(feed.items[0].summary).toBe('Officials met today');
  });
});

describe('one mismatched end tag does not reject the feed', () => {
  it('a misspelt end tag closes the open element; the other items are read', async () => {
    const feed = await read(
      rss(`<item><title>First</titel><link>https://wire.example.net/1</link></item><item><title>Second</title><link>https://wire.example.net/2</link></item>`),
    );
    expect(feed.parsedBy).toEqual({ parser: 'xml', repaired: 'tags' });
    expect(feed.items.map((i) => [i.title, i.link])).toEqual([
      ['First', 'https://wire.example.net/1'],
      ['Second', 'https://wire.example.net/2'],
    ]);
  });

  it('an end tag naming an element further up closes the ones opened since', async () => {
    const feed = await read(rss(`<item><title>A</title><link>https://wire.example.net/a</link><description><p>unclosed</description></item>`));
    expect(feed.items.map((i) => [i.title, i.summary])).toEqual([['A', 'unclosed']]);
  });

  it('a document cut short stays invalid-feed (its last item would be partial)', async () => {
    await expect(read(rss('').replace('</channel></rss>', '<item><title>cut'))).rejects.toMatchObject({ code: 'invalid-feed' });
  });
});

describe('authors, summaries, full text, dates and links from the elements feeds use', () => {
  it('author forms: "Name (email)", "email (Name)", "Name <email>"', () => {
    expect(['Lilit Grigoryan (lilit@wire.example.net)', 'desk@wire.example.net (News Desk)', 'Rauf Aliyev <rauf@wire.example.net>', 'Solo'].map(authorName)).toEqual([
      'Lilit Grigoryan', 'News Desk', 'Rauf Aliyev', 'Solo',
    ]);
  });

  it('dc:description, itunes:summary, media:description, atom:content as summaries; itunes:author, dc:author; dcterms:created', async () => {
    const feed = await read(
      rss(`<item><title>a</title><link>/a</link><dc:description>From dc.</dc:description><dcterms:created>2025-05-01T10:00:00Z</dcterms:created></item>
           <item><title>b</title><link>/b</link><itunes:summary>From itunes.</itunes:summary><itunes:author>Podcast Team</itunes:author></item>
           <item><title>c</title><link>/c</link><media:group><media:description>From media.</media:description></media:group><dc:author>Arman K.</dc:author></item>
           <item><title>d</title><link>/d</link><atom:content type="html">&lt;p&gt;From atom content.&lt;/p&gt;</atom:content><author>Nune (nune@wire.example.net)</author></item>`),
    );
    expect(feed.items.map((i) => [i.summary, i.authors, i.publishedAt])).toEqual([
      ['From dc.', [], '2025-05-01T10:00:00.000Z'],
      ['From itunes.', ['Podcast Team'], null],
      ['From media.', ['Arman K.'], null],
      ['From atom content.', ['Nune'], null],
    ]);
    expect(feed.items[3].content).toBe('From atom content.');
  });

  it('content:encoded is kept as the full text beside a description, paragraphs separated', async () => {
    const feed = await read(
      rss(`<item><title>t</title><link>/t</link><description>Teaser.</description><content:encoded><![CDATA[<p>First &amp; foremost.</p><p>Second <em>paragraph</em>.</p><ul><li>one</li><li>two</li></ul>]]></content:encoded></item>`),
    );
    expect(feed.items[0].summary).toBe('Teaser.');
    expect(feed.items[0].content).toBe('First & foremost.\n\nSecond paragraph.\n\none\n\ntwo');
  });

  it('feedburner:origLink and pheedo:origLink win over the ad network redirect', async () => {
    const feed = await read(
      rss(`<item><title>f</title><link>https://feedproxy.example.com/~r/wire/1</link><feedburner:origLink>https://wire.example.net/story/1</feedburner:origLink></item>
           <item><title>p</title><link>https://ads.example.com/click.phdo?i=abc</link><pheedo:origLink>https://wire.example.net/story/2</pheedo:origLink></item>`),
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://wire.example.net/story/1', 'https://wire.example.net/story/2']);
  });
});

describe('what an entry inherits or falls back to', () => {
  it('Atom: the feed author for entries without one (RFC 4287 §4.2.1), the e-mail of an author without a name, an http id as the link', async () => {
    const feed = await read(`<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><author><name>Desk</name></author><author><name>Wire</name></author>
      <entry><id>https://wire.example.net/e/1</id><title>one</title></entry>
      <entry><id>tag:wire,2025:2</id><title>two</title><link href="/e/2"/><author><email>night@wire.example.net</email></author></entry></feed>`);
    expect(feed.items.map((i) => [i.link, i.authors])).toEqual([
      ['https://wire.example.net/e/1', ['Desk', 'Wire']],
      ['https://wire.example.net/e/2', ['night@wire.example.net']],
    ]);
  });

  it("RSS: the channel's itunes:author or dc:creator, never a bare address; JSON Feed: the feed's authors", async () => {
    const rssFeed = await read(rss('<item><title>a</title><link>/a</link></item><item><title>b</title><link>/b</link><dc:creator>Ani</dc:creator></item>').replace('<title>Wire</title>', '<title>Wire</title><itunes:author>Wire Podcast</itunes:author><dc:creator>bot@wire.example.net</dc:creator>'));
    expect(rssFeed.items.map((i) => i.authors)).toEqual([['Wire Podcast'], ['Ani']]);
    const json = await parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', authors: [{ name: 'Feed Author' }], items: [{ id: '1', url: 'https://wire.example.net/j/1' }, { id: '2', url: 'https://wire.example.net/j/2', authors: [{ name: 'Own' }] }] }), { url, fetchedAt });
    expect(json.items.map((i) => i.authors)).toEqual([['Feed Author'], ['Own']]);
  });

  it('JSON Feed: `authors` written as one object, and `author` beside `authors`, are both read', async () => {
    const json = await parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', url: 'https://wire.example.net/j/1', authors: { name: 'One Object' } }, { id: '2', url: 'https://wire.example.net/j/2', authors: [{ name: 'New' }], author: { name: 'Old' } }] }), { url, fetchedAt });
    expect(json.items.map((i) => i.authors)).toEqual([['One Object'], ['New', 'Old']]);
  });

  it('a record of an item without a title is named by the start of its text', () => {
    expect(titleFromText('Talks resumed at noon. Both sides then met again.')).toBe('Talks resumed at noon.');
    expect(titleFromText('word '.repeat(40).trim())).toMatch(/^(word ){18,}word…$/);
    expect(titleFromText('')).toBeNull();
  });

  it('a title that is only tag-like text keeps it; an item with only an enclosure is kept', async () => {
    const feed = await read(rss(`<item><title>&lt;/example&gt;</title><link>/x</link></item><item><enclosure url="https://cdn.example.net/a.mp3" type="audio/mpeg" length="10"/></item>`));
    expect(feed.items[0].title).toBe('</example>');
    expect(feed.items[1]).toMatchObject({ link: null, enclosures: [{ url: 'https://cdn.example.net/a.mp3', type: 'audio/mpeg', length: 10 }] });
  });

  it('a stray end tag inside an entry is dropped, the entry kept whole', async () => {
    const feed = await read(`<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><id>1</id><title>Kept</title><link href="https://wire.example.net/k"/></content></entry></feed>`);
    expect([feed.parsedBy, feed.items.map((i) => [i.title, i.link])]).toEqual([{ parser: 'xml', repaired: 'tags' }, [['Kept', 'https://wire.example.net/k']]]);
  });
});

describe('Atom text constructs', () => {
  it('a feed-level type="xhtml" title and an entry xhtml title', async () => {
    const feed = await read(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Caucasus <em>Wire</em></div></title>
      <entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A &amp; <b>B</b></div></title><link href="https://wire.example.net/1"/></entry></feed>`);
    expect(feed.feed.title).toBe('Caucasus Wire');
    expect(feed.items[0].title).toBe('A & B');
  });

  it('Atom 0.3: escaped, inline xml and base64 modes', async () => {
    const b64 = Buffer.from('<p>Encoded summary</p>').toString('base64');
    const feed = await read(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="escaped" type="text/html">Old &lt;b&gt;Atom&lt;/b&gt;</title>
      <entry><title mode="xml" type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">Entry <i>one</i></div></title><link rel="alternate" type="text/html" href="https://wire.example.net/o/1"/><id>o1</id><issued>2004-06-01T10:00:00Z</issued>
        <summary mode="base64" type="text/html">${b64}</summary></entry>
      <entry><title>Entry two</title><link rel="alternate" type="text/html" href="https://wire.example.net/o/2"/><id>o2</id><modified>2004-06-02T10:00:00Z</modified>
        <summary type="text/html" mode="escaped">&lt;p&gt;Escaped summary&lt;/p&gt;</summary></entry></feed>`);
    expect(feed.feed.title).toBe('Old Atom');
    expect(feed.items.map((i) => [i.title, i.summary, i.publishedAt])).toEqual([
      ['Entry one', 'Encoded summary', '2004-06-01T10:00:00.000Z'],
      ['Entry two', 'Escaped summary', '2004-06-02T10:00:00.000Z'],
    ]);
  });
});

describe('items without a link and media items', () => {
  const item = (o: Partial<FeedItem>): FeedItem => ({ guid: null, link: null, canonicalUrl: null, title: null, publishedAt: null, summary: null, authors: [], enclosures: [], ...o });

  it('an item without a link is kept with its text; one with nothing at all is skipped', async () => {
    const feed = await read(rss(`<item><guid isPermaLink="false">n1</guid><title>Statement</title><description>Text only.</description></item><item><guid isPermaLink="false">n2</guid></item>`));
    expect(feed.items.map((i) => [i.guid, i.link, i.title, i.flags])).toEqual([['n1', null, 'Statement', ['item-missing-link']]]);
    expect(feed.skipped).toEqual([{ reason: 'item-missing-link', guid: 'n2', title: null }]);
  });

  it('stable ids: feed URL + guid, else title + date; a page link uses the canonical URL', () => {
    const a = itemRecordId(item({ guid: 'n1', title: 'x' }), url, null);
    expect(itemRecordId(item({ guid: 'n1', title: 'edited' }), url, null)).toBe(a);
    expect(itemRecordId(item({ guid: 'n1' }), 'https://other.example.net/rss', null)).not.toBe(a);
    const t = itemRecordId(item({ title: 'Statement', publishedAt: '2025-01-01T00:00:00.000Z' }), url, null);
    expect(itemRecordId(item({ title: 'Statement', publishedAt: '2025-01-01T00:00:00.000Z', summary: 'changed' }), url, null)).toBe(t);
    expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(itemRecordId(item({ link: 'https://wire.example.net/s', canonicalUrl: 'https://wire.example.net/s', guid: 'g' }), url, null)).not.toBe(itemRecordId(item({ guid: 'g' }), url, null));
  });

  it('media items: the link is the audio file, an enclosure, or the show home page', () => {
    const mp3 = { url: 'https://cdn.example.net/ep.mp3', type: 'audio/mpeg' };
    expect(isMediaItem(item({ link: 'https://cdn.example.net/ep.mp3', enclosures: [mp3] }), 'https://show.example.net/')).toBe(true);
    expect(isMediaItem(item({ link: 'https://show.example.net/', enclosures: [mp3] }), 'https://show.example.net')).toBe(true);
    expect(isMediaItem(item({ link: 'https://cdn.example.net/v.mp4' }), null)).toBe(true);
    expect(isMediaItem(item({ link: 'https://show.example.net/episodes/12', enclosures: [mp3] }), 'https://show.example.net/')).toBe(false);
    expect(isMediaItem(item({ link: 'https://wire.example.net/a', enclosures: [{ url: 'https://wire.example.net/a.jpg', type: 'image/jpeg' }] }), null)).toBe(false);
    expect(isTextOnlyItem(item({ guid: 'x' }), null)).toBe(true);
  });
});
