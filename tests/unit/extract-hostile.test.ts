/**
 * One page must not freeze the worker (issue 11): the parse keeps a bounded tree on pathological
 * nesting and still reads the text around it, the time budget ends extraction with
 * `page-too-complex` on the main thread and in the extraction threads. Pages are generated here.
 * (No wall-time assertions: speed is measured by `npm run bench:extraction:hostile`.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { extractArticle } from '../../src/extract/index.js';
import { MAX_DEPTH, parseHtml } from '../../src/extract/parse.js';
import type { PageInput } from '../../src/pipeline/page.js';
import { ExtractPool } from '../../src/queue/extract-pool.js';

const LINE = 'The two delegations met at the border village to discuss the map of the crossing points and the schedule.';

/** Depth of the deepest element of a domhandler tree (iterative). */
function maxDepth(root: { children?: unknown[] }): number {
  let deepest = 0;
  const stack: [{ children?: unknown[] }, number][] = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    for (const k of n.children ?? []) stack.push([k as { children?: unknown[] }, d + 1]);
  }
  return deepest;
}

describe('depth bound', () => {
  it('300,000 nested <div>s: the tree stops at MAX_DEPTH and the text inside and after is read', () => {
    const n = 300_000;
    const html = `<html><body>${'<div>'.repeat(n)}<p>${LINE}</p>${'</div>'.repeat(n)}<p>After the nest: ${LINE}</p></body></html>`;
    const { document, droppedTags } = parseHtml(html);
    expect(droppedTags).toBe(n + 3 - MAX_DEPTH); // html and body are open; the <p> inside the nest is dropped too
    expect(maxDepth(document)).toBeLessThanOrEqual(MAX_DEPTH + 2);
    const x = extractArticle(html, 'http://news.example/deep');
    expect(x.warnings).toContain('too-deep');
    expect(x.text).toContain(`After the nest: ${LINE}`);
  });

  it('end tags of elements the bound dropped are swallowed: the page after the nest keeps its place', () => {
    const n = MAX_DEPTH + 50;
    const html = `<html><body><main>${'<section>'.repeat(n)}x${'</section>'.repeat(n)}<p id="after">${LINE}</p></main></body></html>`;
    const { document } = parseHtml(html);
    let after: { parent: { name: string } } | null = null;
    const stack: unknown[] = [document];
    while (stack.length) {
      const el = stack.pop() as { attribs?: Record<string, string>; children?: unknown[]; parent: { name: string } };
      if (el.attribs?.id === 'after') after = el;
      for (const k of el.children ?? []) stack.push(k);
    }
    expect(after?.parent.name).toBe('main');
  });

  it('a shallow page parses exactly as before (nothing dropped)', () => {
    const { droppedTags } = parseHtml(`<html><body><div><p>${LINE}</p></div></body></html>`);
    expect(droppedTags).toBe(0);
  });
});

describe('time budget', () => {
  const big = `<html><body>${`<div class="x"><p>${LINE}</p></div>`.repeat(40_000)}</body></html>`;

  it('extractArticle throws page-too-complex once the budget is spent', () => {
    let err: unknown = null;
    try {
      extractArticle(big, 'http://news.example/big', { budgetMs: 0 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('page-too-complex');
    expect((err as IngestError).retryable).toBe(false);
    expect((err as Error).message).toContain('http://news.example/big');
  });

  it('without a budget the same page is extracted', () => {
    expect(extractArticle(big, 'http://news.example/big').text).toContain(LINE);
  });

  describe('in the extraction threads', () => {
    const pool = new ExtractPool(1, ['armenia-azerbaijan-talks'], undefined, 1);
    afterAll(() => pool.close());
    const page = (html: string): PageInput => ({ body: Buffer.from(html), contentType: 'text/html', url: 'http://news.example/big', finalUrl: 'http://news.example/big', fetchedAt: new Date() });

    it('a page over budget fails with page-too-complex and the pool keeps working', async () => {
      const err = await pool.run(page(big)).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(IngestError);
      expect((err as IngestError).code).toBe('page-too-complex');
      expect(pool.pending).toBe(0);
    });
  });
});
