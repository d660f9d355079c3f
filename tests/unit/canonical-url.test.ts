import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, recordIdOf } from '../../src/normalize/url.js';

describe('canonical URL', () => {
  it('drops tracking parameters and the fragment, lower-cases the host, sorts the rest', () => {
    expect(canonicalizeUrl('https://News.Example.ORG:443/world/a.html?utm_source=rss&b=2&fbclid=AbC&a=1&gclid=x#comments')).toBe(
      'https://news.example.org/world/a.html?a=1&b=2',
    );
  });
  it('keeps the path case and meaningful parameters, resolves relative links', () => {
    expect(canonicalizeUrl('/News/Item?id=42&utm_medium=feed', 'http://site.example/feed.xml')).toBe('http://site.example/News/Item?id=42');
  });
  it('gives one id to the same article under different tracking links', () => {
    const a = recordIdOf(canonicalizeUrl('https://x.example/p?utm_campaign=a'));
    const b = recordIdOf(canonicalizeUrl('https://x.example/p?mc_cid=1#top'));
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });
  it('refuses non-http schemes', () => {
    expect(() => canonicalizeUrl('javascript:alert(1)')).toThrow(TypeError);
    expect(() => canonicalizeUrl('mailto:a@b.example')).toThrow(/not an http\(s\) URL/);
  });
});
