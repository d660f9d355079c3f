/**
 * The extraction-only baseline of the pipeline benchmark, in its own process (forked by
 * bench/pipeline.ts, so it starts as cold as a worker and runs alone on the machine): no queue,
 * no HTTP, no sink. Over the same page sequence the pipeline serves (article i = corpus page
 * i mod P), it times
 * - `extract`: decode + `extractArticle` (the extraction cost the 0.8x goal is measured against);
 * - `record`: `pageToRecord` (decode + extract + tag + normalize), what an article job does between fetch and sink.
 * One untimed warm-up pass over min(P, pages) pages first (JIT), then `pages` timed pages each.
 *
 * Input: env `BENCH_EXTRACT` = JSON `{ sharedDir, pages, topics }`. Output: one IPC message `ExtractReport`.
 */
import { decodeBody } from '../../src/http/charset.js';
import { extractArticle } from '../../src/extract/index.js';
import { pageToRecord } from '../../src/pipeline/page.js';
import { loadTopic } from '../../src/tagging/index.js';
import { loadCorpusPages } from './corpus-pages.js';
import { memory } from './process-probe.js';

/** Wall rate in pages/s; wall and CPU (user + system) times in ms. */
export interface Timing {
  perSec: number;
  totalMs: number;
  maxPageMs: number;
  cpuMsPerPage: number;
}

/** Rates in pages/s, times in ms. */
export interface ExtractReport {
  type: 'extract-done';
  pages: number;
  corpusPages: number;
  extract: Timing;
  record: Timing & { failed: number };
  peakRss: number;
}

const input = JSON.parse(process.env.BENCH_EXTRACT ?? '{}') as { sharedDir: string; pages: number; topics: string[] };
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

function timed(fn: (i: number) => void, n: number): Timing {
  let maxPageMs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    fn(i);
    const d = performance.now() - a;
    if (d > maxPageMs) maxPageMs = d;
  }
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { perSec: n / (totalMs / 1000), totalMs, maxPageMs, cpuMsPerPage: (cpu.user + cpu.system) / 1000 / n };
}

for (let i = 0; i < Math.min(corpus.length, input.pages); i++) toRecord(i);
failed = 0;
const extract = timed(extractOnly, input.pages);
const record = timed(toRecord, input.pages);
process.send?.({ type: 'extract-done', pages: input.pages, corpusPages: corpus.length, extract, record: { ...record, failed }, peakRss: memory().peakRss } satisfies ExtractReport);
process.disconnect?.();
