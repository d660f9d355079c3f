/**
 * The extraction threads (src/queue/extract-pool.ts): the record a thread makes is the one the
 * main thread makes, reason codes survive the thread boundary, pages queue up behind busy
 * threads, and a closed pool refuses work. Hand-written pages only (no corpus needed).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { pageToRecord, type PageInput } from '../../src/pipeline/page.js';
import { ExtractPool } from '../../src/queue/extract-pool.js';
import { loadTopic } from '../../src/tagging/index.js';

const TOPIC = 'armenia-azerbaijan-talks';

function page(i: number, html: string, contentType: string | null = 'text/html; charset=utf-8'): PageInput {
  const url = `http://news.example/2026/talks-${i}.html`;
  return { body: Buffer.from(html), contentType, url, finalUrl: url, fetchedAt: new Date(Date.UTC(2026, 10, 29, 10, i)) };
}

function article(i: number): string {
  const para = (k: number) =>
    `<p>Paragraph ${k} of article ${i}: the foreign ministers of Armenia and Azerbaijan met in Washington to discuss the peace treaty text, border delimitation and the opening of transport links, with mediators from the United States present.</p>`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Talks round ${i} - Example News</title>` +
    `<meta name="description" content="Round ${i} of the talks"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>` +
    `<article><h1>Talks round ${i}</h1>${[1, 2, 3, 4].map(para).join('')}</article><footer>Copyright Example News</footer></body></html>`
  );
}

describe('ExtractPool', () => {
  const pool = new ExtractPool(2, [TOPIC]);
  afterAll(() => pool.close());

  it('makes the same record as pageToRecord on the main thread', async () => {
    const p = page(1, article(1));
    const inThread = await pool.run(p);
    const inMain = pageToRecord(p, [loadTopic(TOPIC)]);
    expect(inThread).toEqual(inMain);
    expect(inThread.title).toBe(inMain.title);
    expect(inThread.text).toContain('Paragraph 4 of article 1');
  });

  it('keeps the reason code of a permanent failure (not-html) across the thread boundary', async () => {
    const err = await pool.run(page(2, '%PDF-1.7 binary', 'application/pdf')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('not-html');
    expect((err as IngestError).retryable).toBe(false);
    expect((err as Error).message).toContain('talks-2.html');
  });

  it('queues pages behind busy threads and answers each with its own record', async () => {
    const ids = [10, 11, 12, 13, 14, 15, 16];
    const runs = ids.map((i) => pool.run(page(i, article(i))));
    expect(pool.pending).toBe(ids.length);
    const records = await Promise.all(runs);
    expect(records.map((r) => r.title)).toEqual(ids.map((i) => pageToRecord(page(i, article(i)), [loadTopic(TOPIC)]).title));
    expect(records.map((r) => r.url)).toEqual(ids.map((i) => `http://news.example/2026/talks-${i}.html`));
    expect(pool.pending).toBe(0);
  });

  it('moves a fetched body to the thread (no copy) and copies a view into a shared buffer', async () => {
    const own = page(30, article(30).padEnd(20_000, ' '));
    const owned = Buffer.alloc(own.body.length);
    own.body.copy(owned);
    const shared = Buffer.concat([Buffer.from('xx'), own.body]).subarray(2);
    const a = await pool.run({ ...own, body: owned }, undefined, true);
    expect(a.title).toBe('Talks round 30');
    expect(owned.length).toBe(0); // transferred: detached on this side
    const b = await pool.run({ ...own, body: shared }, undefined, true);
    expect(b).toEqual(a);
    expect(shared.length).toBe(own.body.length); // a view: copied, still readable
    const c = await pool.run(own); // not moved unless asked
    expect(c).toEqual(a);
    expect(own.body.length).toBe(20_000);
  });

  it('a page that needs more heap than the cap fails with page-too-complex and the thread is replaced', async () => {
    const capped = new ExtractPool(1, [TOPIC], undefined, null, 64);
    try {
      // ~600,000 elements: a DOM of a few hundred MB, far past a 64 MB heap
      const huge = `<!doctype html><html><body><article>${'<p><b>a</b> b</p>'.repeat(600_000)}</article></body></html>`;
      const err = await capped.run(page(40, huge)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(IngestError);
      expect((err as IngestError).code).toBe('page-too-complex');
      expect((err as Error).message).toMatch(/heap cap/);
      const next = await capped.run(page(41, article(41)));
      expect(next.title).toBe('Talks round 41');
    } finally {
      await capped.close();
    }
  }, 60_000);

  it('refuses work once closed', async () => {
    const p2 = new ExtractPool(1, [TOPIC]);
    await p2.close();
    await expect(p2.run(page(20, article(20)))).rejects.toThrow(/closed/);
  });
});
