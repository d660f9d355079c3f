/**
 * `npx tsx bench/pool-memory.ts [--pages 933 --inflight 4 --threads 1 --heap-mb 256]` (`node dist/bench/pool-memory.js` compiled): the memory of the
 * extraction threads alone (issue 17's peak RSS goal), without Redis, HTTP or sinks. Starts an
 * `ExtractPool` as the worker does (default config: its thread count, page budget and topics),
 * feeds it the corpus pages of ../shared/corpus/extraction in the pipeline benchmark's order with
 * `--inflight` pages handed over at once (the worker's article concurrency), and prints the
 * process's RSS before the pool, once its threads are loaded, the peak (getrusage maxRSS) and at
 * the end, plus the CPU time per page of the whole process (main thread and threads).
 *
 * Node flags for an experiment go before the script: `node --import tsx --max-semi-space-size=4 bench/pool-memory.ts`.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config/load.js';
import { ExtractPool } from '../src/queue/extract-pool.js';
import { loadCorpusPages } from './lib/corpus-pages.js';
import { SHARED_DIR } from './lib/site-server.js';
import { fmt, mib } from './lib/stats.js';

const { values: args } = parseArgs({ options: { pages: { type: 'string', default: '933' }, inflight: { type: 'string', default: '4' }, threads: { type: 'string' }, 'heap-mb': { type: 'string' } } });
if (!SHARED_DIR) {
  console.error('bench:pool-memory: ../shared/corpus is not next to this checkout');
  process.exit(2);
}
const config = parseConfig({}, 'default');
const threads = args.threads === undefined ? config.worker.extractThreads : Number(args.threads);
const N = Number(args.pages);
const inflight = Number(args.inflight);
const corpus = loadCorpusPages(SHARED_DIR);
const rssNow = () => process.memoryUsage.rss();
console.log(`bench:pool-memory ${new Date().toISOString()} node ${process.version} ${process.execArgv.join(' ')}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const rss0 = rssNow();
const cpu0 = process.cpuUsage();
// --heap-mb 0: V8's own limit; default: worker.extractHeapMb's default
const heapMb = args['heap-mb'] === undefined ? config.worker.extractHeapMb : Number(args['heap-mb']) || null;
const pool = new ExtractPool(threads, config.topics, undefined, config.worker.extractBudgetMs, heapMb);
// one page through each thread = loaded (the pool's ready message is internal)
await Promise.allSettled(Array.from({ length: threads }, (_, i) => pool.run({ body: corpus[i].body, contentType: 'text/html', url: `http://127.0.0.1/w/${i}`, finalUrl: `http://127.0.0.1/w/${i}`, fetchedAt: new Date() })));
const rssLoaded = rssNow();
const cpuLoaded = process.cpuUsage(cpu0);
let next = 0;
let failed = 0;
const reasons: Record<string, number> = {};
let samplePeak = 0;
const sampler = setInterval(() => (samplePeak = Math.max(samplePeak, rssNow())), 50);
const t0 = performance.now();
async function lane(): Promise<void> {
  while (next < N) {
    const i = next++;
    const p = corpus[i % corpus.length];
    const url = `http://127.0.0.1/a/${i}.html`;
    try {
      // a fresh Buffer per page, as a fetch gives, moved to the thread as the article job does
      await pool.run({ body: Buffer.from(p.body), contentType: 'text/html', url, finalUrl: url, fetchedAt: new Date() }, undefined, true);
    } catch (err) {
      failed++;
      const code = (err as { code?: string }).code ?? (err as Error).message.slice(0, 40);
      reasons[code] = (reasons[code] ?? 0) + 1;
    }
  }
}
await Promise.all(Array.from({ length: inflight }, lane));
const secs = (performance.now() - t0) / 1000;
clearInterval(sampler);
const cpu = process.cpuUsage(cpu0);
const rssEnd = rssNow();
const peak = process.resourceUsage().maxRSS * 1024;
await pool.close();
console.log(`${N} pages, ${inflight} in flight, ${threads} thread(s), heap cap ${heapMb ?? 'none'} MB: ${fmt(N / secs)} pages/s, ${failed} failed ${JSON.stringify(reasons)}`);
console.log(`CPU ${fmt(((cpu.user + cpu.system - cpuLoaded.user - cpuLoaded.system) / 1000) / N, 2)} ms/page after load (process: main thread + threads); start of the threads ${fmt((cpuLoaded.user + cpuLoaded.system) / 1000)} ms`);
console.log(`RSS: before the pool ${mib(rss0)}, threads loaded ${mib(rssLoaded)}, peak ${mib(peak)} (sampled every 50 ms: ${mib(samplePeak)}), end ${mib(rssEnd)}`);
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
