/**
 * The extraction-only baseline of the pipeline benchmark, in its own process (forked by
 * bench/pipeline.ts, so it starts as cold as a worker and runs alone on the machine): no queue,
 * no HTTP, no sink. Over the same page sequence the pipeline serves (article i = corpus page
 * i mod P), it times
 * - `extract`: decode + `extractArticle` (the extraction cost the issue's 0.8x goal is measured against);
 * - `record`: `pageToRecord` (decode + extract + tag + normalize), what an article job does between fetch and sink.
 * One untimed warm-up pass over min(P, pages) pages first (JIT), then `pages` timed pages each.
 * `extract` is timed in `passes` passes of `pages` pages and reported as the **median** pass (CPU
 * per page), with every pass in `extractPasses`: one pass of a cold process moved by a third
 * between runs on an idle machine (issue 17 round 9: 5.26–7.88 ms for the same pages), which made
 * the pipeline's CPU ratio noise. Then the same `extract` timing once more in a worker thread with
 * the extraction threads' heap cap (`heapMb`, config worker.extractHeapMb), as the pipeline
 * extracts: `extractInThread`, and `record` there too: `recordInThread`, the pipeline thread's own work per page.
 * `record`, `extractInThread` and `recordInThread` are each the median of OTHER_PASSES passes
 * (round 15: one pass right after the warm-up still carried the optimizing compiler's work and
 * made the in-thread figures 1.5-2x the later passes), each with its collections per page.
 * `extractOnly: true` times only the `extract` passes (the second
 * measure bench/pipeline.ts takes after the pipeline, so the denominator brackets it in time).
 *
 * Input: env `BENCH_EXTRACT` = JSON `{ sharedDir, pages, passes?, extractOnly?, topics, heapMb }`.
 * Output: one IPC message `ExtractReport`.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { decodeBody } from '../../src/http/charset.js';
import { extractArticle } from '../../src/extract/index.js';
import { pageToRecord } from '../../src/pipeline/page.js';
import { threadResourceLimits } from '../../src/queue/extract-pool.js';
import { loadTopic } from '../../src/tagging/index.js';
import { loadCorpusPages } from './corpus-pages.js';
import { memory } from './process-probe.js';
import { constants, PerformanceObserver } from 'node:perf_hooks';

/** Wall rate in pages/s; wall and CPU (user + system) times in ms. */
export interface Timing {
  perSec: number;
  totalMs: number;
  maxPageMs: number;
  cpuMsPerPage: number;
  /**
   * Garbage collections of the timing's isolate per page (Node's `gc` performance entries):
   * `minor` scavenges, `major` full mark-compacts (incremental marking steps not counted). Counts,
   * not times: they do not move with the machine's load (round 15).
   */
  gcPerPage: { minor: number; major: number };
  /** CPU ms per page of each pass, when the timing is the median of several (round 15). */
  passes?: number[];
}

/** Rates in pages/s, times in ms. */
export interface ExtractReport {
  type: 'extract-done';
  pages: number;
  corpusPages: number;
  /** The median pass (by CPU per page) of `extractPasses`. */
  extract: Timing;
  /** Every timed pass of `extract`, in order (`pages` pages each). */
  extractPasses: Timing[];
  /** Null with `extractOnly`. */
  record: (Timing & { failed: number }) | null;
  /** `extract` in a worker thread with the extraction threads' heap cap (null: V8's own limit); CPU of the process while only that thread works. Null with `extractOnly`. */
  extractInThread: (Timing & { heapMb: number | null }) | null;
  /**
   * `record` (page→record: decode, extract, tag, normalize) in a worker thread with the extraction
   * threads' heap limits: the same work on the same heap settings as the pipeline's extraction
   * thread does per page (round 13: the like-for-like denominator). Null with `extractOnly`.
   */
  recordInThread: (Timing & { heapMb: number | null }) | null;
  peakRss: number;
}

const input = (isMainThread ? JSON.parse(process.env.BENCH_EXTRACT ?? '{}') : workerData) as { sharedDir: string; pages: number; passes?: number; extractOnly?: boolean; topics: string[]; heapMb: number | null };
const corpus = loadCorpusPages(input.sharedDir);
const topics = input.topics.map((id) => loadTopic(id));
const urlOf = (i: number) => `http://127.0.0.1/a/${i}.html`;

function extractOnly(i: number): void {
  const p = corpus[i % corpus.length];
  const { text } = decodeBody(p.body, 'text/html', 'html');
  extractArticle(text, urlOf(i));
}

let failed = 0;
function toRecord(i: number): void {
  const p = corpus[i % corpus.length];
  try {
    pageToRecord({ body: p.body, contentType: 'text/html', url: urlOf(i), finalUrl: urlOf(i), fetchedAt: new Date() }, topics);
  } catch {
    failed++; // empty-article etc.: the pipeline fails the same pages
  }
}

/** CPU time of this thread (process.cpuUsage is the whole process's; in a thread, `threadCpuUsage` when Node has it, else the process's). */
const cpuNow = (): NodeJS.CpuUsage => ((process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? process.cpuUsage());

/** Collections of this isolate so far (delivered after the current task: read after a timer). */
const gcCount = { minor: 0, major: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = ((e as { detail?: { kind?: number } }).detail)?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gcCount.minor++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcCount.major++;
  }
}).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((res) => setTimeout(res, 20));

/** Passes of the page→record and in-thread timings (the median is reported; `extract` has its own count). */
const OTHER_PASSES = 3;

/** `timed` `passes` times; the median pass (by CPU per page) with every pass's CPU per page. */
async function medianOf(fn: (i: number) => void, n: number, passes: number): Promise<Timing> {
  const all: Timing[] = [];
  for (let p = 0; p < passes; p++) all.push(await timed(fn, n));
  return { ...medianPass(all), passes: all.map((t) => t.cpuMsPerPage) };
}

async function timed(fn: (i: number) => void, n: number): Promise<Timing> {
  await settle();
  const g0 = { ...gcCount };
  let maxPageMs = 0;
  const c0 = cpuNow();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    fn(i);
    const d = performance.now() - a;
    if (d > maxPageMs) maxPageMs = d;
  }
  const totalMs = performance.now() - t0;
  const c1 = cpuNow();
  const cpu = { user: c1.user - c0.user, system: c1.system - c0.system };
  await settle();
  const gcPerPage = { minor: (gcCount.minor - g0.minor) / n, major: (gcCount.major - g0.major) / n };
  return { perSec: n / (totalMs / 1000), totalMs, maxPageMs, cpuMsPerPage: (cpu.user + cpu.system) / 1000 / n, gcPerPage };
}

/** The pass with the median CPU per page (the lower middle one of an even count). */
export function medianPass(passes: Timing[]): Timing {
  const sorted = [...passes].sort((a, b) => a.cpuMsPerPage - b.cpuMsPerPage);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Runs this file in a worker thread with the heap cap (under tsx, the thread registers tsx's loader first, as src/queue/extract-pool.ts does). */
function inThread(): Promise<{ extract: Timing; record: Timing }> {
  const resourceLimits = threadResourceLimits(input.heapMb ?? null);
  let w: Worker;
  if (!import.meta.url.endsWith('.ts')) w = new Worker(new URL(import.meta.url), { workerData: input, resourceLimits });
  else {
    const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const boot = `import(${JSON.stringify(api)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(import.meta.url)}); });`;
    w = new Worker(boot, { eval: true, workerData: input, resourceLimits });
  }
  return new Promise((res, rej) => {
    w.once('message', res);
    w.once('error', rej);
  });
}

for (let i = 0; i < Math.min(corpus.length, input.pages); i++) toRecord(i);
failed = 0;
if (!isMainThread) {
  const extract = await medianOf(extractOnly, input.pages, OTHER_PASSES);
  parentPort!.postMessage({ extract, record: await medianOf(toRecord, input.pages, OTHER_PASSES) });
} else {
  const extractPasses: Timing[] = [];
  for (let p = 0; p < Math.max(1, input.passes ?? 1); p++) extractPasses.push(await timed(extractOnly, input.pages));
  const extract = medianPass(extractPasses);
  const record = input.extractOnly ? null : { ...(await medianOf(toRecord, input.pages, OTHER_PASSES)), failed: 0 };
  if (record) record.failed = failed / OTHER_PASSES;
  const thread = input.extractOnly ? null : await inThread();
  const extractInThread = thread ? { ...thread.extract, heapMb: input.heapMb ?? null } : null;
  const recordInThread = thread ? { ...thread.record, heapMb: input.heapMb ?? null } : null;
  process.send?.({ type: 'extract-done', pages: input.pages, corpusPages: corpus.length, extract, extractPasses, record, extractInThread, recordInThread, peakRss: memory().peakRss } satisfies ExtractReport);
  process.disconnect?.();
}
