/**
 * Tagging speed: articles per second for one process, over the labeled dev set
 * (../shared/corpus/tagging/dev.jsonl, 6 languages) and the multilingual dev set written for
 * issue 12 (tests/fixtures/tagging/multilingual-dev.jsonl, 14 languages), repeated to N
 * articles (default 20,000). Articles are tagged without a language, so language
 * identification (and the eld library where the cheap rules do not decide) is included.
 *
 *   npm run bench:tagging                 # 20,000 articles, 3 timed runs after a warm-up
 *   npm run bench:tagging -- 50000        # another count
 *
 * The topic is compiled once (loadTopic) outside the timed loop, as the worker does.
 * Prints figures; never asserts on time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadTopic, tagArticle } from '../src/tagging/index.js';

const n = Number(process.argv[2] ?? 20_000);
const file = resolve(process.cwd(), '../shared/corpus/tagging/dev.jsonl');
if (!existsSync(file)) {
  console.error(`no dev set at ${file} (the shared corpus is absent)`);
  process.exit(1);
}
const multilingual = resolve(process.cwd(), 'tests/fixtures/tagging/multilingual-dev.jsonl');
const items = [file, multilingual]
  .filter((f) => existsSync(f))
  .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { title: string; text: string });
const articles = Array.from({ length: n }, (_, i) => items[i % items.length]!);
const chars = articles.reduce((s, a) => s + a.title.length + a.text.length, 0);

const t0 = performance.now();
const topic = loadTopic('armenia-azerbaijan-talks');
const compileMs = performance.now() - t0;

/** One pass: wall time and this process's CPU time (user + system), both in ms. */
function run(): { ms: number; cpuMs: number; relevant: number } {
  let relevant = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (const a of articles) if (tagArticle({ title: a.title, text: a.text }, topic).relevant) relevant++;
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, relevant };
}

run(); // warm-up (JIT)
const runs = [run(), run(), run()];
const best = Math.min(...runs.map((r) => r.ms));
const median = runs.map((r) => r.ms).sort((a, b) => a - b)[1]!;
const cpuMedian = runs.map((r) => r.cpuMs).sort((a, b) => a - b)[1]!;
console.log(`tagging bench: ${n} articles (${items.length} labeled articles, 14 languages, repeated), ${(chars / n).toFixed(0)} chars/article on average`);
console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, one process`);
console.log(`topic compile: ${compileMs.toFixed(1)} ms`);
console.log(`median of 3 runs: ${median.toFixed(0)} ms = ${((n / median) * 1000).toFixed(0)} articles/s (${((chars / median) * 1000 / 1e6).toFixed(1)} M chars/s)`);
console.log(`best of 3 runs:   ${best.toFixed(0)} ms = ${((n / best) * 1000).toFixed(0)} articles/s`);
console.log(`CPU time (median): ${cpuMedian.toFixed(0)} ms = ${((n / cpuMedian) * 1000).toFixed(0)} articles per CPU-second (one core)`);
console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (wall figures drop when the machine is shared)`);
console.log(`relevant: ${runs[0]!.relevant} of ${n}`);
