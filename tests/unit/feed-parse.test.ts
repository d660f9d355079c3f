import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { parseFeed, readFeed } from '../../src/feeds/index.js';

const FETCHED = new Date('2023-07-01T12:00:00Z');
const opts = { url: 'https://news.example.org/feeds/main.xml', fetchedAt: FETCHED };

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof IngestError ? err.code : `not an IngestError: ${String(err)}`;
  }
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:base="https://news.example.org/base/">
<channel>
  <title>Example &amp; News</title>
  <link>/</link>
  <language>hy</language>
  <item>
    <title><![CDATA[Yerevan&#8217;s <b>draft</b> &amp; Baku]]></title>
    <link>2023/06/29/draft?utm_source=rss&amp;b=2&amp;a=1#top</link>
    <guid isPermaLink="false">draft-1</guid>
    <pubDate>Thu, 29 Jun 2023 18:00:00 +0400</pubDate>
    <description><![CDATA[<p>Talks&nbsp;resume <a href="x">here</a>&hellip;</p>]]></description>
    <dc:creator>Anna Petrosyan</dc:creator>
    <author>desk@example.org (News Desk)</author>
    <enclosure url="/img/1.jpg" type="image/jpeg" length="1234"/>
  </item>
  <item xml:base="https://other.example.org/sub/">
    <title>Item-scoped base</title>
    <link>page.html</link>
    <pubDate>2023-06-29T10:00:00</pubDate>
  </item>
  <item>
    <title>Permalink guid only</title>
    <guid>https://news.example.org/p/3</guid>
  </item>
  <item>
    <title>No link at all</title>
    <guid isPermaLink="false">4</guid>
  </item>
  <item>
    <title>Repeated entry</title>
    <link>https://news.example.org/base/2023/06/29/draft?a=1&amp;b=2</link>
    <guid isPermaLink="false">draft-1</guid>
  </item>
  <item>
    <title>Same link, new guid</title>
    <link>https://news.example.org/p/3</link>
    <guid isPermaLink="false">other</guid>
  </item>
  <item>
    <title>Reused guid, other article</title>
    <link>https://news.example.org/p/7</link>
    <guid isPermaLink="false">draft-1</guid>
    <pubDate>Sat, 01 Jul 2023 13:00:00 GMT</pubDate>
  </item>
</channel>
</rss>`;

describe('parseFeed: RSS 2.0', async () => {
  const logged: Record<string, unknown>[] = [];
  const feed = await parseFeed(RSS, { ...opts, timezone: 'Asia/Yerevan', log: { info: (o) => logged.push(o) } });

  it('reads the channel', () => {
    expect(feed.format).toBe('rss');
    expect(feed.parsedBy).toEqual({ parser: 'xml' });
    expect(feed.feed).toEqual({ title: 'Example & News', link: 'https://news.example.org/', language: 'hy' });
  });

  it('normalizes the first item', () => {
    const it0 = feed.items[0];
    expect(it0.link).toBe('https://news.example.org/base/2023/06/29/draft?utm_source=rss&b=2&a=1#top');
    expect(it0.canonicalUrl).toBe('https://news.example.org/base/2023/06/29/draft?a=1&b=2');
    expect(it0.title).toBe('Yerevan’s draft & Baku');
    expect(it0.guid).toBe('draft-1');
    expect(it0.publishedAt).toBe('2023-06-29T14:00:00.000Z');
    expect(it0.summary).toBe('Talks resume here…');
    expect(it0.authors).toEqual(['Anna Petrosyan', 'News Desk']);
    expect(it0.enclosures).toEqual([{ url: 'https://news.example.org/img/1.jpg', type: 'image/jpeg', length: 1234 }]);
  });

  it('resolves links against an item-scoped xml:base and reads zone-less dates in the feed zone', () => {
    expect(feed.items[1].link).toBe('https://other.example.org/sub/page.html');
    expect(feed.items[1].publishedAt).toBe('2023-06-29T06:00:00.000Z');
  });

  it('takes a permalink guid as the link', () => {
    expect(feed.items[2].link).toBe('https://news.example.org/p/3');
  });

  it('keeps an item without a link (link null, flagged: stored from feed text) and skips a repeated item, with a log line', () => {
    const noLink = feed.items.find((i) => i.guid === '4');
    expect(noLink).toMatchObject({ link: null, canonicalUrl: null, title: 'No link at all', flags: ['item-missing-link'] });
    expect(feed.skipped).toEqual([{ reason: 'duplicate-guid', guid: 'draft-1', title: 'Repeated entry' }]);
    expect(logged.map((l) => l.reason)).toEqual(['duplicate-guid']);
  });

  it('keeps an item that shares a link under another guid (the pipeline collapses by canonical URL)', () => {
    expect(feed.items.filter((i) => i.canonicalUrl === 'https://news.example.org/p/3').map((i) => i.guid)).toEqual(['https://news.example.org/p/3', 'other']);
  });

  it('keeps a reused guid on another article, flagged, and replaces a future date by the fetch time', () => {
    const last = feed.items[feed.items.length - 1];
    expect(feed.items).toHaveLength(6);
    expect(last.link).toBe('https://news.example.org/p/7');
    expect(last.flags).toEqual(['date-in-future', 'guid-collision']);
    expect(last.publishedAt).toBe(FETCHED.toISOString());
  });
});

describe('parseFeed: Atom, RDF, JSON Feed', () => {
  it('reads Atom: alternate link over self/edit/enclosure, published vs updated, xhtml content', async () => {
    const atom = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru" xml:base="https://policy.example.org/blog/">
  <title type="html">Policy &lt;i&gt;notes&lt;/i&gt;</title>
  <link rel="self" href="https://policy.example.org/atom.xml"/>
  <link href="/"/>
  <entry>
    <id>tag:policy.example.org,2023:1</id>
    <title type="text">5 &lt; 6 questions</title>
    <link rel="edit" href="https://policy.example.org/api/1"/>
    <link rel="enclosure" href="/a.mp3" type="audio/mpeg" length="99"/>
    <link rel="alternate" type="application/pdf" href="/p/1.pdf"/>
    <link rel="alternate" type="text/html" href="posts/1"/>
    <published>2023-06-29T16:00:00+02:00</published>
    <updated>2023-07-01T09:30:00Z</updated>
    <author><name>Thomas de Waal</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Border <b>talks</b> resume &amp; continue</p><p>Next</p></div></content>
  </entry>
  <entry>
    <id>tag:policy.example.org,2023:2</id>
    <title>Only updated</title>
    <link href="https://policy.example.org/p/2"/>
    <updated>2023-06-20T04:00:00Z</updated>
  </entry>
</feed>`;
    const feed = await parseFeed(atom, opts);
    expect(feed.format).toBe('atom');
    // Its xhtml content is the summary: xml2js would group the children by name (rssparser.ts).
    expect(feed.parsedBy).toEqual({ parser: 'xml' });
    expect(feed.feed).toEqual({ title: 'Policy notes', link: 'https://policy.example.org/', language: 'ru' });
    const [a, b] = feed.items;
    expect(a.link).toBe('https://policy.example.org/blog/posts/1');
    expect(a.title).toBe('5 < 6 questions');
    expect(a.guid).toBe('tag:policy.example.org,2023:1');
    expect(a.publishedAt).toBe('2023-06-29T14:00:00.000Z');
    expect(a.updatedAt).toBe('2023-07-01T09:30:00.000Z');
    expect(a.authors).toEqual(['Thomas de Waal']);
    expect(a.summary).toBe('Border talks resume & continue Next');
    expect(a.enclosures).toEqual([{ url: 'https://policy.example.org/a.mp3', type: 'audio/mpeg', length: 99 }]);
    expect(b.publishedAt).toBe('2023-06-20T04:00:00.000Z');
    expect(b.updatedAt).toBe('2023-06-20T04:00:00.000Z');
  });

  it('reads RSS 1.0 (RDF) with dc:date', async () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.org/"><title>RDF news</title><link>https://rdf.example.org/</link><dc:language>en</dc:language></channel>
  <item rdf:about="https://rdf.example.org/1"><title>One</title><link>https://rdf.example.org/1</link><dc:date>2023-06-29T14:00:00+00:00</dc:date><dc:creator>A. Writer</dc:creator></item>
</rdf:RDF>`;
    const feed = await parseFeed(rdf, opts);
    expect(feed.format).toBe('rdf');
    expect(feed.parsedBy).toEqual({ parser: 'xml' });
    expect(feed.feed).toEqual({ title: 'RDF news', link: 'https://rdf.example.org/', language: 'en' });
    expect(feed.items.map((i) => [i.guid, i.link, i.publishedAt, i.authors])).toEqual([
      ['https://rdf.example.org/1', 'https://rdf.example.org/1', '2023-06-29T14:00:00.000Z', ['A. Writer']],
    ]);
  });

  it('reads JSON Feed 1.1 and 1.0 (author vs authors, relative url, attachments)', async () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON news',
      home_page_url: 'https://json.example.org/',
      language: 'az',
      items: [
        {
          id: '1', url: '/2023/06/29/one', title: 'Baku &amp; Yerevan', content_html: '<p>Peace <em>talks</em></p>',
          date_published: '2023-06-29T18:00:00+04:00', date_modified: '2023-06-30T00:00:00Z',
          authors: [{ name: 'Leyla' }], attachments: [{ url: 'https://json.example.org/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 5 }],
        },
        { id: 'https://json.example.org/2', title: 'Id is the URL', content_text: 'plain', author: { name: 'Old Style' } },
        { id: '3', title: 'No URL' },
      ],
    };
    const feed = await parseFeed(JSON.stringify(doc), opts);
    expect(feed.format).toBe('json');
    expect(feed.parsedBy).toEqual({ parser: 'json-feed' });
    expect(feed.feed).toEqual({ title: 'JSON news', link: 'https://json.example.org/', language: 'az' });
    expect(feed.items[0]).toMatchObject({
      guid: '1', link: 'https://news.example.org/2023/06/29/one', title: 'Baku & Yerevan', summary: 'Peace talks',
      publishedAt: '2023-06-29T14:00:00.000Z', updatedAt: '2023-06-30T00:00:00.000Z', authors: ['Leyla'],
      enclosures: [{ url: 'https://json.example.org/a.mp3', type: 'audio/mpeg', length: 5 }],
    });
    expect(feed.items[1]).toMatchObject({ link: 'https://json.example.org/2', summary: 'plain', authors: ['Old Style'] });
    expect(feed.skipped).toEqual([]);
    expect(feed.items[2]).toMatchObject({ guid: '3', link: null, title: 'No URL', flags: ['item-missing-link'] });
  });
});

describe('parseFeed: not a feed, broken feeds, repairs', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>', 'not-a-feed'],
    ['other XML', '<?xml version="1.0"?><note><to>A</to></note>', 'not-a-feed'],
    ['JSON that is not a JSON Feed', '{"rss":{"channel":{}}}', 'not-a-feed'],
    ['an empty body', '  \n', 'not-a-feed'],
    ['plain text', 'Service unavailable', 'not-a-feed'],
    ['RSS cut in the middle', '<rss version="2.0"><channel><title>x</title><item><title>a', 'invalid-feed'],
    ['a truncated JSON Feed', '{"version":"https://jsonfeed.org/version/1.1","items":[{"id":', 'invalid-feed'],
  ])('%s gives %s', async (_name, text, code) => {
    expect(await reason(parseFeed(text, opts))).toBe(code);
  });

  it('rejects a timezone that is not an IANA zone name with a RangeError naming it', async () => {
    await expect(parseFeed(RSS, { ...opts, timezone: 'GMT+4 Yerevan' })).rejects.toThrow(/"GMT\+4 Yerevan" is not an IANA zone/);
  });

  it('repairs bare ampersands, unknown entities and a missing last ">"', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><title>A & B &copy; &bogus;</title><item><title>x</title><link>https://e.example.org/?a=1&b=2</link></item></channel></rss', opts);
    expect(feed.feed.title).toBe('A & B © &bogus;');
    expect(feed.items[0].link).toBe('https://e.example.org/?a=1&b=2');
  });

  it('reads RSS without a version, RSS 2.0 with a default namespace, and Atom without its namespace', async () => {
    const noVersion = await parseFeed('<rss><channel><item><title>a</title><link>https://e.example.org/a</link></item></channel></rss>', opts);
    const userland = await parseFeed('<rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><item><link>https://e.example.org/b</link></item></channel></rss>', opts);
    const bareAtom = await parseFeed('<feed><entry><title>c</title><link href="https://e.example.org/c"/></entry></feed>', opts);
    expect([noVersion, userland, bareAtom].map((f) => f.items.map((i) => i.link))).toEqual([['https://e.example.org/a'], ['https://e.example.org/b'], ['https://e.example.org/c']]);
  });
});

describe('readFeed: bytes in', () => {
  const rss = '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости</title><item><title>Мирный договор</title><link>https://ru.example.org/1</link></item></channel></rss>';

  it('decodes a legacy charset from the XML declaration', async () => {
    const feed = await readFeed(iconv.encode(rss, 'windows-1251'), 'text/xml', opts);
    expect(feed.items[0].title).toBe('Мирный договор');
  });

  it('inflates a gzip body sent without Content-Encoding', async () => {
    const feed = await readFeed(gzipSync(iconv.encode(rss, 'windows-1251')), null, opts);
    expect(feed.feed.title).toBe('Новости');
  });

  it('reads UTF-16 and UTF-32 without a BOM, and UTF-32 with one (XML 1.0 Appendix F)', async () => {
    const doc = '<?xml version="1.0"?><rss version="2.0"><channel><title>Ереван</title></channel></rss>';
    const be16 = Buffer.from(doc, 'utf16le').swap16();
    const le32 = iconv.encode(doc, 'utf-32le');
    const bom32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), le32]);
    for (const body of [be16, Buffer.from(doc, 'utf16le'), le32, bom32]) {
      expect((await readFeed(body, 'application/xml; charset=utf-8', opts)).feed.title).toBe('Ереван');
    }
  });

  it('gives not-a-feed for an HTML page and invalid-feed for a broken gzip body', async () => {
    expect(await reason(readFeed(Buffer.from('<html><body>Hi</body></html>'), 'text/html', opts))).toBe('not-a-feed');
    expect(await reason(readFeed(Buffer.from([0x1f, 0x8b, 1, 2, 3]), null, opts))).toBe('invalid-feed');
  });
});
