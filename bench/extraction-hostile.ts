/**
 * Event-loop delay of the worker while it extracts a hostile set (issue 11, "One page must not
 * freeze the worker"): the generated pages of bench/lib/hostile-pages.ts (300,000 nested divs,
 * 100,000 unclosed tags, a 50 MB text node, 100,000 siblings, 200,000 nested spans) mixed with
 * ordinary pages of ../shared/corpus/extraction, turned into records the way the worker does it:
 * `worker.articleConcurrency` pages at once through `ExtractPool` (`worker.extractThreads`
 * threads, default 1) with the `worker.extractBudgetMs` budget, or `pageToRecord` on the main
 * thread with `--threads 0` (the old default, for contrast). The main thread's delay is sampled
 * with `perf_hooks.monitorEventLoopDelay` (10 ms resolution) from the first page to the last.
 *
 * Usage: `npm run bench:extraction:hostile` or
 *   `npx tsx bench/extraction-hostile.ts [--threads 1] [--concurrency 4] [--ordinary 200] [--rounds 2] [--budget-ms 10000] [--heap-mb 256] [--scale 1]`
 * Prints p50/p99/max delay (ms), pages per outcome and the wall time; goal: p99 < 100 ms, max < 250 ms.
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { IngestError } from '../src/errors.js';
import { pageToRecord, type PageInput } from '../src/pipeline/page.js';
import { ExtractPool } from '../src/queue/extract-pool.js';
import { loadTopic } from '../src/tagging/index.js';
import { loadCorpusPages } from './lib/corpus-pages.js';
import { hostilePages } from './lib/hostile-pages.js';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const threads = opt('--threads', 1);
const concurrency = opt('--concurrency', 4);
const ordinary = opt('--ordinary', 200);
const rounds = opt('--rounds', 2);
const budgetMs = opt('--budget-ms', 10_000);
const scale = opt('--scale', 1);

const corpus = loadCorpusPages(path.resolve(import.meta.dirname, '../../shared'), ordinary);
const hostile = hostilePages(scale);
// Hostile pages spread through the ordinary ones, each `rounds` times.
const queue: { kind: string; body: Buffer }[] = [];
const every = Math.max(1, Math.floor(corpus.length / hostile.length));
for (let r = 0; r < rounds; r++) {
  corpus.forEach((p, i) => {
    queue.push({ kind: 'ordinary', body: p.body });
    if (i % every === every - 1 && hostile[(i / every) | 0]) {
      const h = hostile[(i / every) | 0];
      queue.push({ kind: h.kind, body: Buffer.from(h.html) });
    }
  });
}

const topics = [loadTopic('armenia-azerbaijan-talks')];
const heapMb = opt('--heap-mb', 256); // worker.extractHeapMb's default; 0 = V8's own limit
const pool = threads > 0 ? new ExtractPool(threads, ['armenia-azerbaijan-talks'], undefined, budgetMs, heapMb || null) : null;
// Without threads, a job yields to the event loop between pages as the worker does (network I/O).
const toRecord = (page: PageInput) => (pool ? pool.run(page) : new Promise<void>((r) => setImmediate(r)).then(() => pageToRecord(page, topics, undefined, { budgetMs })));

// Let the threads start before sampling.
await new Promise((r) => setTimeout(r, 1500));
const h = monitorEventLoopDelay({ resolution: 10 });
const outcomes = new Map<string, number>();
const slowest = new Map<string, number>();
let next = 0;
const t0 = performance.now();
h.enable();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < queue.length) {
    const item = queue[next++];
    const s = performance.now();
    let outcome = 'record';
    try {
      await toRecord({ body: item.body, contentType: 'text/html; charset=utf-8', url: `http://localhost/p${next}`, finalUrl: `http://localhost/p${next}`, fetchedAt: new Date() });
    } catch (err) {
      outcome = err instanceof IngestError ? err.code : 'error';
    }
    const key = `${item.kind} -> ${outcome}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    slowest.set(item.kind, Math.max(slowest.get(item.kind) ?? 0, performance.now() - s));
  }
}));
h.disable();
const wall = (performance.now() - t0) / 1000;
await pool?.close();

const ms = (ns: number) => (ns / 1e6).toFixed(1);
console.log(`hostile set: ${queue.length} pages (${hostile.length} hostile kinds x ${rounds}, ${corpus.length} ordinary x ${rounds}), ` +
  `threads ${threads}, concurrency ${concurrency}, budget ${budgetMs} ms, scale ${scale}; wall ${wall.toFixed(1)} s`);
console.log(`event-loop delay of the worker's main thread: p50 ${ms(h.percentile(50))} ms, p99 ${ms(h.percentile(99))} ms, max ${ms(h.max)} ms ` +
  `(goal p99 < 100, max < 250): ${h.percentile(99) < 100e6 && h.max < 250e6 ? 'met' : 'NOT met'}`);
for (const [k, n] of [...outcomes].sort()) console.log(`  ${k}: ${n}`);
for (const [k, v] of slowest) console.log(`  slowest ${k}: ${v.toFixed(0)} ms (queue wait included)`);
