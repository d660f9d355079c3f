/**
 * malloc_trim in the extraction threads (src/queue/malloc-trim.ts, issue 17 round 17 cost17b):
 * a thread that goes idle after a page calls glibc's malloc_trim and reports it with its next
 * reply (the pool sums the figures in `trimStats`); where the function cannot be found the thread
 * still extracts pages and reports why it does not trim. Real threads and the real libc.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { PageInput } from '../../src/pipeline/page.js';
import { ExtractPool } from '../../src/queue/extract-pool.js';
import { loadMallocTrim } from '../../src/queue/malloc-trim.js';

const TOPIC = 'armenia-azerbaijan-talks';
/** This machine's libc is glibc (process report), so malloc_trim must be found. */
const GLIBC = Boolean((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);

function page(i: number): PageInput {
  const url = `http://news.example/2026/trim-${i}.html`;
  const para = `<p>Negotiators for Yerevan and Baku went through the delimitation map line by line, village ${i}, and agreed to meet again.</p>`;
  const html = `<!doctype html><html><head><title>Map talks ${i}</title></head><body><article><h1>Map talks ${i}</h1>${para.repeat(6)}</article></body></html>`;
  return { body: Buffer.from(html), contentType: 'text/html; charset=utf-8', url, finalUrl: url, fetchedAt: new Date(Date.UTC(2026, 11, 7, 9, i)) };
}

/** Lets the thread's idle timer (0 ms here) run before the next page. */
const turn = () => new Promise((r) => setTimeout(r, 50));

describe('malloc_trim in the extraction threads', () => {
  const on = new ExtractPool(1, [TOPIC], undefined, null, null, { intervalMs: 0, idleMs: 0 });
  const absent = new ExtractPool(1, [TOPIC], undefined, null, null, { intervalMs: 0, idleMs: 0, symbol: 'news_ingest_no_such_function' });
  afterAll(async () => {
    await on.close();
    await absent.close();
  });

  it('loads glibc malloc_trim here, and names the reason when the symbol is absent or the library missing', () => {
    expect(GLIBC).toBe(true);
    const ok = loadMallocTrim();
    expect('trim' in ok).toBe(true);
    if ('trim' in ok) expect([0, 1]).toContain(ok.trim());
    expect(loadMallocTrim({ symbol: 'news_ingest_no_such_function' })).toMatchObject({ unavailable: 'symbol-missing' });
    expect(loadMallocTrim({ library: 'libnews-ingest-none.so' })).toMatchObject({ unavailable: 'library-missing' });
  });

  it('a thread that went idle after a page has trimmed, and says so with its next reply', async () => {
    const first = await on.run(page(1));
    expect(first.title).toBe('Map talks 1');
    // each later page is sent after the thread replied and went idle: at most one trim per gap;
    // pages go on (at most 40) until the thread's reply shows a trim, so no run depends on the timer's luck
    let sent = 1;
    while (on.trimStats().calls === 0 && sent < 40) {
      await turn();
      await on.run(page(++sent));
    }
    const s = on.trimStats();
    expect(s.unavailable).toBeNull();
    expect(s.calls).toBeGreaterThanOrEqual(1);
    expect(s.calls).toBeLessThanOrEqual(sent - 1);
    expect(s.ms).toBeGreaterThanOrEqual(0);
  });

  it('without the function the thread still extracts, trims nothing and tells the pool why, once', async () => {
    const told: string[] = [];
    absent.onTrimUnavailable = (s) => told.push(String(s.unavailable));
    for (let i = 1; i <= 3; i++) {
      expect((await absent.run(page(i))).title).toBe(`Map talks ${i}`);
      await turn();
    }
    expect(absent.trimStats()).toEqual({ calls: 0, ms: 0, unavailable: 'symbol-missing' });
    expect(told).toEqual(['symbol-missing']);
  });
});
