/**
 * A page decoded in parts (issue 17 round 15: `decodeBodyParts`, so that page→record never holds
 * the page as one two-byte string) must give what the whole text gives: the same characters
 * (invalid UTF-8 included, wherever a cut falls), the same tree, the same extraction, the same
 * wall verdicts and the same AMP ad strip. Bytes and markup here are written for this test; the
 * extraction fixtures are the repository's own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type ChildNode } from 'domhandler';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, decodeBodyParts, headOfParts } from '../../src/http/charset.js';
import { extractArticle } from '../../src/extract/index.js';
import { parseHtml } from '../../src/extract/parse.js';
import { stripAmpAds, stripAmpAdsParts } from '../../src/pipeline/amp.js';
import { wallOf } from '../../src/pipeline/walls.js';

/** Deterministic bytes (xorshift) for the fuzz cases. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Bytes mixing ASCII, valid sequences of 2-4 bytes and broken ones (lone continuation bytes, cut sequences, overlongs, 0xF5-0xFF). */
function messyUtf8(n: number, seed: number): Buffer {
  const r = rng(seed);
  const pieces: number[] = [];
  const pick = (a: number[]) => a[Math.floor(r() * a.length)];
  while (pieces.length < n) {
    const k = r();
    if (k < 0.4) pieces.push(0x20 + Math.floor(r() * 0x5e));
    else if (k < 0.55) pieces.push(...Buffer.from(pick(['é', '’', 'Ա', 'ə', 'Я', '—', '😀', '中'])));
    else if (k < 0.7) pieces.push(0x80 + Math.floor(r() * 0x40));
    else if (k < 0.8) pieces.push(pick([0xc3, 0xe2, 0xf0, 0xf4]), ...(r() < 0.5 ? [0x80 + Math.floor(r() * 0x40)] : []));
    else if (k < 0.9) pieces.push(pick([0xc0, 0xc1, 0xf5, 0xf8, 0xfe, 0xff, 0xe0, 0xed, 0xf0]), 0x80 + Math.floor(r() * 0x40), 0x80 + Math.floor(r() * 0x40));
    else pieces.push(0x80, 0x80, 0x80, 0x80, 0x80);
  }
  return Buffer.from(pieces.slice(0, n));
}

function shape(nodes: ChildNode[]): unknown[] {
  return nodes.map((n) => {
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') return { t: n.type, name: n.name, attribs: n.attribs, kids: shape(n.children) };
    if ('data' in n) return { t: n.type, data: n.data };
    if ('children' in n) return { t: n.type, kids: shape(n.children as ChildNode[]) };
    return { t: (n as ChildNode).type };
  });
}

/** Cuts a string into pieces of `size` characters (the last one shorter). */
function cut(s: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out.length ? out : [''];
}

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/extract/kinds');

describe('decodeBodyParts', () => {
  it('joins to decodeBody\'s text for broken UTF-8 cut anywhere (400 byte strings, parts of 4 to 40 bytes)', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const body = messyUtf8(120 + (seed % 90), seed);
      const whole = decodeBody(body, 'text/html; charset=utf-8', 'html');
      for (const size of [4, 5, 7, 11, 16, 40]) {
        const d = decodeBodyParts(body, 'text/html; charset=utf-8', 'html', size);
        expect(d.parts.join(''), `seed ${seed} size ${size}`).toBe(whole.text);
        expect(d.parts.length).toBeGreaterThan(1);
        expect([d.charset, d.source]).toEqual([whole.charset, whole.source]);
      }
    }
  });

  it('a run of continuation bytes longer than any sequence, a BOM, legacy charsets: same text, charset and source', () => {
    const runs = Buffer.concat([Buffer.from('<p>ab'), Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0xe2]), Buffer.from('cd</p>')]);
    for (let size = 4; size < 12; size++) expect(decodeBodyParts(runs, null, 'html', size).parts.join('')).toBe(decodeBody(runs, null, 'html').text);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>Ереван — Баку</p>'.repeat(20))]);
    const bomParts = decodeBodyParts(bom, null, 'html', 16);
    expect(bomParts.parts.join('')).toBe(decodeBody(bom, null, 'html').text);
    expect([bomParts.charset, bomParts.source]).toEqual(['utf-8', 'bom']);
    const cp1251 = iconv.encode('<meta charset="windows-1251"><p>' + 'Переговоры в Алматы продолжились. '.repeat(30) + '</p>', 'windows-1251');
    const legacy = decodeBodyParts(cp1251, null, 'html', 16);
    expect(legacy.parts).toEqual([decodeBody(cp1251, null, 'html').text]);
    expect(legacy.charset).toBe('windows-1251');
  });

  it('headOfParts is the joined text\'s first n characters', () => {
    const parts = ['ab', 'cdé', '', 'fgh', 'ij'];
    for (let n = 0; n < 14; n++) expect(headOfParts(parts, n)).toBe(parts.join('').slice(0, n));
  });
});

describe('extraction of a page in parts', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));

  it('parses to the tree of the whole text, whatever the part size (the extraction fixtures)', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const body = fs.readFileSync(path.join(FIXTURES, f));
      const whole = shape(parseHtml(decodeBody(body, null, 'html').text).document.children);
      for (const size of [4, 33, 1000]) expect(shape(parseHtml(decodeBodyParts(body, null, 'html', size).parts).document.children), `${f} ${size}`).toEqual(whole);
    }
  });

  it('extractArticle gives the same result for the parts as for the whole text (the extraction fixtures)', () => {
    const url = 'https://news.example.org/2025/05/12/story';
    for (const f of files) {
      const body = fs.readFileSync(path.join(FIXTURES, f));
      const whole = extractArticle(decodeBody(body, null, 'html').text, url, { layoutDate: new Date('2026-12-07') });
      expect(extractArticle(decodeBodyParts(body, null, 'html', 64).parts, url, { layoutDate: new Date('2026-12-07') }), f).toEqual(whole);
    }
  });

  it('the checks before parsing and the length cap read the joined text: empty, not HTML, truncated', () => {
    const url = 'https://news.example.org/x';
    expect(extractArticle(['  ', '\n', ''], url).warnings).toEqual(['empty-body', 'empty-text']);
    expect(extractArticle(['%PD', 'F-1.4 ...'], url).warnings).toEqual(extractArticle('%PDF-1.4 ...', url).warnings);
    expect(extractArticle(['%PD', 'F-1.4 ...'], url).warnings[0]).toBe('not-html-pdf');
    const noMarkup = cut('words only '.repeat(7000), 5000);
    expect(extractArticle(noMarkup, url).warnings).toEqual(['not-html-no-markup', 'empty-text']);
    const big = `<html><body><p>${'Talks resumed in Almaty on the border delimitation. '.repeat(170_000)}</p></body></html>`;
    const parted = extractArticle(cut(big, 1_000_003), url);
    expect(parted.warnings).toContain('truncated');
    expect(parted).toEqual(extractArticle(big, url));
  });
});

describe('walls and AMP ads on a page in parts', () => {
  const url = 'https://news.example.org/2025/05/12/story';
  const para = (n: number) => '<p>The two foreign ministers met for four hours and agreed to instruct the border commissions to finish the next section.</p>'.repeat(n);
  const pages = [
    `<html><head><title>Before you continue</title></head><body><p>We value your privacy.</p><button>Accept all</button></body></html>`,
    `<html><body><div>We value your privacy. We and our partners use cookies to store and/or access information on a device.</div><button>Reject all</button><p>Short teaser.</p></body></html>`,
    `<html><body><article><p>The talks resumed on Monday.</p><p>Subscribe now to continue reading.</p></article></body></html>`,
    `<html><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`,
    `<html><body><article>${para(8)}</article><p>Accept all. Manage cookies.</p></body></html>`,
  ];

  it('wallOf gives the whole page\'s verdict for its parts', () => {
    for (const html of pages) {
      const ex = extractArticle(html, url);
      for (const size of [3, 17, 100]) expect(wallOf(cut(html, size), url, ex), `${html.slice(0, 60)} ${size}`).toEqual(wallOf(html, url, ex));
    }
  });

  it('stripAmpAdsParts strips an ad element cut across parts, and keeps parts without one', () => {
    const html = `<html amp><body>${para(2)}<amp-ad width="300" type="x"><div placeholder>Advertisement loading</div></amp-ad>${para(2)}</body></html>`;
    for (let size = 1; size < 12; size++) expect(stripAmpAdsParts(cut(html, size)).join('')).toBe(stripAmpAds(html));
    const plain = cut(`<html><body>${para(3)}</body></html>`, 50);
    expect(stripAmpAdsParts(plain)).toBe(plain);
  });
});
