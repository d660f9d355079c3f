import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConfigSchema } from '../../src/config/schema.js';
import { fetchResource, HEAD_BYTES } from '../../src/http/fetch.js';
import { ampCanonicalOf } from '../../src/pipeline/amp.js';
import { loadTopic } from '../../src/tagging/index.js';
import { countWords, tokenize } from '../../src/tagging/tokenize.js';

// An HTML page longer than the head, with two-byte characters on both sides of the 64 KiB cut.
const PAGE = `<!doctype html><html lang="hy"><head><title>Երևան — բանակցություններ</title></head><body>${'<p>Հայաստան և Ադրբեջան, խաղաղության պայմանագիր. </p>'.repeat(900)}</body></html>`;
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

let server: Server;
let origin = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const html = req.url === '/page';
    res.writeHead(200, { 'content-type': html ? 'text/html; charset=utf-8' : 'application/rss+xml' });
    res.end(html ? PAGE : FEED);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const http = HttpConfigSchema.parse({ timeoutMs: 3000, allowPrivateNetworks: true, userAgent: 'cost20-test/1.0' });

describe('the page head decoded once (issue 17 round 20)', () => {
  it('an HTML page comes back with its first 64 KiB decoded, as the AMP check would decode them', async () => {
    const res = await fetchResource(`${origin}/page`, { http, userAgent: 'cost20-test/1.0', kind: 'html' });
    expect(res.body.length).toBeGreaterThan(HEAD_BYTES);
    expect(res.head).toBe(res.body.subarray(0, HEAD_BYTES).toString('utf8'));
    expect(res.head!.startsWith('<!doctype html><html lang="hy">')).toBe(true);
    // A feed comes back without a head: the fetch decoded none.
    const feed = await fetchResource(`${origin}/feed`, { http, userAgent: 'cost20-test/1.0', kind: 'feed' });
    expect(feed.sniffed).toBe('rss');
    expect(feed.head).toBeUndefined();
  });

  it('ampCanonicalOf reads the head it is given instead of decoding the body again', () => {
    const body = Buffer.from('<html><head></head><body>not AMP</body></html>');
    const head = '<html amp><head><link rel="canonical" href="/story"></head>';
    expect(ampCanonicalOf(body, 'https://news.example.org/amp/story', head)).toBe('https://news.example.org/story');
    expect(ampCanonicalOf(body, 'https://news.example.org/amp/story')).toBeNull();
  });
});

describe('countWords: the tokenizer sizes its arrays with it (issue 17 round 20)', () => {
  const lex = loadTopic('armenia-azerbaijan-talks').lexicon;
  const cases = ['', '  ', 'Pashinyan, Aliyev met in Abu Dhabi.', 'Bakü\'de görüşme — 10. Oktober', 'Երևան—Բաքու։ 𝐀𝐁 abc', 'a\u0301b c\n\nd'];
  it.each(cases)('counts the words tokenize stores: %j', (text) => {
    const t = tokenize(lex, '', text);
    expect(countWords(text)).toBe(t.folded.length);
    expect(t.original.every((w) => typeof w === 'string')).toBe(true);
  });
  it('gives exact figures', () => {
    expect(countWords('Pashinyan, Aliyev met in Abu Dhabi.')).toBe(6);
    expect(countWords('')).toBe(0);
    const t = tokenize(lex, 'Talks in Abu Dhabi', 'Pashinyan and Aliyev met.');
    expect(t.folded.length).toBe(8);
    expect(t.pos).toEqual([0, 6, 9, 13, 0, 10, 14, 21]);
    expect(t.sentence).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });
});
