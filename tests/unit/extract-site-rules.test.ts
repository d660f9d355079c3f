import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { parseSiteRules, ruleFor, siteRules } from '../../src/extract/site-rules.js';
import { decodePage } from '../../src/extract/batch.js';
import iconv from 'iconv-lite';

const LONG = 'Officials said the sides had agreed on most articles of the draft and would meet again in two weeks to settle the rest.';

describe('site rules', () => {
  it('match the host and its subdomains only', () => {
    expect(ruleFor('https://news.am/eng/news/1.html')?.host).toBe('news.am');
    expect(ruleFor('https://www.news.am/eng/news/1.html')?.host).toBe('news.am');
    expect(ruleFor('https://fakenews.am/x')).toBeNull();
    expect(ruleFor('not a url')).toBeNull();
  });
  it('every rule of config/site-rules.yaml is dated and explained', () => {
    expect(siteRules().length).toBeGreaterThan(0);
    for (const r of siteRules()) {
      expect(r.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.note.length).toBeGreaterThan(10);
    }
  });
  it('a rule holds in its date range: a new layout is a new rule, the old one keeps its pages', () => {
    const rules = parseSiteRules(
      `rules:
  - {host: ex.am, keep: .old-body, since: 2022-01-01, until: 2024-06-01, note: layout before the redesign}
  - {host: ex.am, keep: .new-body, since: 2024-06-01, note: layout after the redesign}
`,
      'rules.yaml',
    );
    const at = (d: string) => ruleFor('https://www.ex.am/a', new Date(d), rules)?.keep;
    expect([at('2021-03-01'), at('2023-02-01'), at('2024-05-31T23:00:00Z'), at('2024-06-01'), at('2026-01-01')]).toEqual(['.old-body', '.old-body', '.old-body', '.new-body', '.new-body']);
  });
  it('extraction takes the rule of the day the HTML was captured (layoutDate), not today\'s', () => {
    const rules = parseSiteRules(
      `rules:
  - {host: ex.am, keep: .story-text, drop: [.read-also], since: 2022-01-01, until: 2024-06-01, note: layout before the redesign}
  - {host: ex.am, keep: .article__body, drop: [.article__promo], since: 2024-06-01, note: layout after the redesign}
`,
      'rules.yaml',
    );
    const teasers = Array.from({ length: 6 }, (_, i) => `<p>Teaser ${i}: ${LONG}</p>`).join('');
    const oldPage = `<html><body><div class="latest">${teasers}</div><div class="story-text"><p>The old-layout story. ${LONG}</p><div class="read-also"><p>Read also: ${LONG}</p></div></div></body></html>`;
    const newPage = `<html><body><div class="latest">${teasers}</div><main class="article__body"><p>The new-layout story. ${LONG}</p><aside class="article__promo"><p>Promo: ${LONG}</p></aside></main></body></html>`;
    const x = (html: string, day: string) => extractArticle(html, 'https://www.ex.am/news/1', { layoutDate: new Date(day), siteRules: rules }).text;
    expect(x(oldPage, '2023-03-10T08:00:00Z')).toBe(`The old-layout story. ${LONG}`);
    expect(x(newPage, '2025-02-01T08:00:00Z')).toBe(`The new-layout story. ${LONG}`);
    // The old page read with the new layout's rule: its keep matches nothing, the generic pass takes the teasers.
    expect(x(oldPage, '2025-02-01T08:00:00Z')).toContain('Teaser 0');
  });
  it('a bad rules file fails naming the file and the key', () => {
    expect(() => parseSiteRules('rules:\n  - {host: ex.am, since: 2024-13-01, note: x}\n', 'site-rules.yaml')).toThrow('site-rules.yaml: rules[0].since: not a day (YYYY-MM-DD): 2024-13-01');
    expect(() => parseSiteRules('rules:\n  - {host: ex.am, since: 2024-01-01, colour: red, note: x}\n', 'site-rules.yaml')).toThrow(/site-rules.yaml: rules\[0\]: Unrecognized key/);
    expect(() => parseSiteRules('rules:\n  - {host: ex.am, since: 2024-05-01, until: 2024-01-01, note: x}\n', 'f.yaml')).toThrow('f.yaml: rule for ex.am: until 2024-01-01 is not after since 2024-05-01');
  });
  it('keep selects the container even when a longer teaser column is next to it', () => {
    const teasers = Array.from({ length: 6 }, (_, i) => `<p>Teaser ${i}: ${LONG}</p>`).join('');
    const html = `<html><body><div class="latest">${teasers}</div><div class="article-text"><p>The real story. ${LONG}</p><div class="similar-news"><p>Similar: ${LONG}</p></div></div></body></html>`;
    const x = extractArticle(html, 'https://news.am/eng/news/123.html');
    expect(x.text).toBe(`The real story. ${LONG}`);
    // Without the rule (another host) the generic pass picks the teaser column.
    expect(extractArticle(html, 'https://other.example/a').text).toContain('Teaser 0');
  });
});

describe('byline precedence', () => {
  it('a byline inside a sidebar or header wrapper is used only when the page has no other', () => {
    const body = `<div class="sidebar"><span class="author">Sidebar Columnist</span></div><article><p class="byline">By Arpi Vardanyan</p><p>${LONG}</p></article>`;
    expect(extractArticle(`<html><body>${body}</body></html>`, 'https://x.example/a').byline).toBe('By Arpi Vardanyan');
    const only = `<div class="site-header"><span class="author">Header Author</span></div><article><p>${LONG}</p></article>`;
    expect(extractArticle(`<html><body>${only}</body></html>`, 'https://x.example/a').byline).toBe('Header Author');
  });
});

describe('decodePage (batch decoding)', () => {
  it('keeps a declared legacy charset for legacy bytes, and reads UTF-8 bytes under a stale declaration as UTF-8', () => {
    const legacy = iconv.encode('<html><head><meta charset="windows-1251"></head><body><p>Переговоры</p></body></html>', 'windows-1251');
    expect(decodePage(legacy)).toContain('Переговоры');
    const stale = Buffer.from('<html><head><meta charset="gb2312"></head><body><p>人工智能 Переговоры</p></body></html>', 'utf8');
    expect(decodePage(stale)).toContain('人工智能 Переговоры');
  });
});
