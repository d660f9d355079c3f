import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { parseDate } from '../../src/extract/dates.js';

const URL_ = 'https://news.example.org/world/2023/06/29/talks';
const BODY = '<p>Armenia and Azerbaijan resumed talks on a peace treaty on Thursday, the foreign ministries of both countries said in statements.</p>';

function doc(head: string, body = BODY, htmlAttrs = ''): string {
  return `<!DOCTYPE html><html${htmlAttrs}><head><meta charset="utf-8">${head}</head><body><article>${body}</article></body></html>`;
}
const ld = (o: unknown) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

describe('JSON-LD', () => {
  it('reads a NewsArticle object', () => {
    const x = extractArticle(doc(ld({
      '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Talks resume in Washington',
      datePublished: '2023-06-29T22:14:00+04:00', dateModified: '2023-06-30T08:00:00Z',
      author: [{ '@type': 'Person', name: 'Ani Petrosyan' }, { '@type': 'Person', name: 'Rashad Aliyev' }],
      publisher: { '@type': 'Organization', name: 'Example News' }, inLanguage: 'en-GB',
    })), URL_);
    expect(x.title).toBe('Talks resume in Washington');
    expect(x.publishedAt).toBe('2023-06-29T18:14:00.000Z');
    expect(x.modifiedAt).toBe('2023-06-30T08:00:00.000Z');
    expect(x.authors).toEqual(['Ani Petrosyan', 'Rashad Aliyev']);
    expect(x.byline).toBe('Ani Petrosyan, Rashad Aliyev');
    expect(x.siteName).toBe('Example News');
    expect(x.language).toBe('en');
  });
  it('finds the article inside @graph, next to WebPage and Organization objects', () => {
    const x = extractArticle(doc(ld({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'WebPage', name: 'Page name' }, { '@type': 'Organization', name: 'Org' }, { '@type': ['Article', 'ReportageNewsArticle'], headline: 'Graph headline', datePublished: '2023-05-19' }],
    })), URL_);
    expect(x.title).toBe('Graph headline');
    expect(x.publishedAt).toBe('2023-05-19T00:00:00.000Z');
  });
  it('finds the article in a top-level array and survives a broken block', () => {
    const x = extractArticle(doc('<script type="application/ld+json">{broken</script>' + ld([{ '@type': 'BreadcrumbList' }, { '@type': 'BlogPosting', headline: 'Array headline', author: 'Lilit Hakobyan' }])), URL_);
    expect(x.title).toBe('Array headline');
    expect(x.authors).toEqual(['Lilit Hakobyan']);
    expect(x.warnings).toContain('bad-json-ld');
  });
});

describe('meta tags', () => {
  it('reads OpenGraph and article:* meta', () => {
    const x = extractArticle(doc('<title>Doc title | Site</title><meta property="og:title" content="OG title of the story"><meta property="article:published_time" content="2023-07-05T12:05:00+03:00">' +
      '<meta property="article:author" content="Gohar Sargsyan"><meta property="og:site_name" content="OG Site"><meta property="og:url" content="/world/canonical-og">' +
      '<meta property="og:description" content="A short description."><meta property="og:image" content="/img/lead.jpg">'), URL_);
    expect(x.title).toBe('OG title of the story');
    expect(x.publishedAt).toBe('2023-07-05T09:05:00.000Z');
    expect(x.authors).toEqual(['Gohar Sargsyan']);
    expect(x.siteName).toBe('OG Site');
    expect(x.canonicalUrl).toBe('https://news.example.org/world/canonical-og');
    expect(x.summary).toBe('A short description.');
    expect(x.leadImageUrl).toBe('https://news.example.org/img/lead.jpg');
  });
  it('reads Dublin Core meta', () => {
    const x = extractArticle(doc('<meta name="DC.title" content="Dublin Core title"><meta name="DC.creator" content="Karen Mkrtchyan"><meta name="DC.date.issued" content="2023-03-01"><meta name="DC.language" content="hy">'), URL_);
    expect(x.title).toBe('Dublin Core title');
    expect(x.authors).toEqual(['Karen Mkrtchyan']);
    expect(x.publishedAt).toBe('2023-03-01T00:00:00.000Z');
    expect(x.language).toBe('hy');
  });
  it('reads parsely-* meta', () => {
    const x = extractArticle(doc('<meta name="parsely-title" content="Parsely title"><meta name="parsely-author" content="Elmar Mammadov"><meta name="parsely-pub-date" content="2023-02-10T10:00:00Z">'), URL_);
    expect(x.title).toBe('Parsely title');
    expect(x.authors).toEqual(['Elmar Mammadov']);
    expect(x.publishedAt).toBe('2023-02-10T10:00:00.000Z');
  });
  it('reads sailthru.* meta', () => {
    const x = extractArticle(doc('<meta name="sailthru.title" content="Sailthru title"><meta name="sailthru.author" content="Nino Beridze"><meta name="sailthru.date" content="2023-01-20 15:30:00">'), URL_);
    expect(x.title).toBe('Sailthru title');
    expect(x.authors).toEqual(['Nino Beridze']);
    expect(x.publishedAt).toBe('2023-01-20T15:30:00.000Z');
  });
  it('prefers JSON-LD over meta', () => {
    const x = extractArticle(doc('<meta property="article:published_time" content="2020-01-01T00:00:00Z">' + ld({ '@type': 'NewsArticle', headline: 'LD', datePublished: '2023-06-29T10:00:00Z' })), URL_);
    expect(x.publishedAt).toBe('2023-06-29T10:00:00.000Z');
  });
});

describe('the page itself', () => {
  it('reads <time datetime>, preferring a pubdate one', () => {
    const x = extractArticle(doc('<title>Short</title>', `<time datetime="2023-08-01T09:00:00Z">Aug 1</time><time pubdate datetime="2023-07-31T21:00:00-03:00">Jul 31</time>${BODY}`), URL_);
    expect(x.publishedAt).toBe('2023-08-01T00:00:00.000Z');
  });
  it('reads a byline element (rel=author, class byline)', () => {
    const x = extractArticle(doc('<title>A title for the page here</title>', `<div class="byline">By <a rel="author" href="/a/tigran">Tigran Avetisyan</a> and Leyla Huseynova</div>${BODY}`), URL_);
    expect(x.byline).toBe('By Tigran Avetisyan and Leyla Huseynova');
    expect(x.authors).toEqual(['Tigran Avetisyan', 'Leyla Huseynova']);
  });
  it('takes the title from <title> without the site part, the language from <html lang>', () => {
    const x = extractArticle(doc('<title>Ministers agree to meet again next month | Example Wire</title>', BODY, ' lang="ru-RU"'), URL_);
    expect(x.title).toBe('Ministers agree to meet again next month');
    expect(x.language).toBe('ru');
  });
  it('resolves the canonical URL against <base href>', () => {
    const x = extractArticle(doc('<base href="https://cdn.example.org/en/"><link rel="canonical" href="story/42">'), URL_);
    expect(x.canonicalUrl).toBe('https://cdn.example.org/en/story/42');
  });
});

describe('parseDate', () => {
  it('reads ISO with zone, zone-less as UTC, compact and RFC 2822 dates', () => {
    expect(parseDate('2023-06-29T18:14:00+04:00')).toBe('2023-06-29T14:14:00.000Z');
    expect(parseDate('2023-06-29 18:14')).toBe('2023-06-29T18:14:00.000Z');
    expect(parseDate('20230629')).toBe('2023-06-29T00:00:00.000Z');
    expect(parseDate('Thu, 29 Jun 2023 18:14:00 GMT')).toBe('2023-06-29T18:14:00.000Z');
    expect(parseDate('not a date')).toBeNull();
    expect(parseDate('0001-01-01T00:00:00Z')).toBeNull();
  });
});
