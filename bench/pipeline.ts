/**
 * `npm run bench:pipeline [-- --articles N --workers K --concurrency C]`: the pipeline's cost on
 * one machine (issue 6). Serves feeds listing N article URLs on loopback (corpus pages of
 * ../shared/corpus/extraction cycled under unique URLs), runs K worker processes (the real
 * `runWorker`, `start --once` semantics) against Redis under a fresh prefix, and prints:
 * articles/s end to end, p50/p95 enqueue → record, Redis commands per article, peak RSS per
 * process, the longest event-loop delay, RSS and Redis memory at 20/50/100 % of the run, and the
 * extraction-only rate of one process over the same pages (run first, alone).
 *
 * Options (defaults): --articles 500, --workers 1 (a list such as 1,2 runs each in turn),
 * --concurrency 4 (article jobs per process), --politeness on|off (off: host slots granted without
 * Redis, to measure what the per-host gate costs on a single-host benchmark), --threads T (extraction threads per process,
 * config worker.extractThreads; default: the config's default, 1), --per-feed 500 (items per feed),
 * --extract-pages min(N, corpus pages: one whole cycle, the pipeline's page mix) and --extract-passes 5 (the
 * extraction-only figure is the median of that many timed passes, taken once before the pipelines and
 * once more after them, so the ratio's denominator brackets the run in time: bench/lib/extract-child.ts), --no-extract, --own-redis (a private redis-server on a free port,
 * so other clients do not pollute INFO commandstats; otherwise REDIS_URL or 127.0.0.1:6379),
 * --log-level warn, --json <file> (the full report), --keep-output, --cpu-prof <dir> (V8 CPU
 * profiles of every child process, for finding where the time goes), --node-flags="<flags>" (V8/Node
 * flags for every child, e.g. "--max-semi-space-size=64"), --monitor (Redis commands per article broken
 * down by caller, i.e. the script they ran in, and by key family: bench/lib/redis-monitor.ts), --batch B
 * (config worker.articleBatch: new items per article job; default: the config's default),
 * --jsonl-per-process (each worker process writes its own JSONL file, as hosts do in a deployment
 * on several hosts: no cross-process file lock between the workers), --inline-ms N (config
 * worker.inlineDeliveryMs: on a machine short of CPU, records that miss the default 1 s window
 * each become one more BullMQ job, which a long window keeps out of the measure), --built (the
 * children run the compiled dist/ with plain node, as the image does, instead of the sources under
 * tsx; compile first with `npx tsc -p tsconfig.json`), --no-image-flags (the worker processes run
 * without the Dockerfile's `ENV NODE_OPTIONS` and `ENV MALLOC_*`, which they get by default, as the image's worker does).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { forkTs as forkChild, nextMessage } from './lib/children.js';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { parseConfig } from '../src/config/load.js';
import { deleteKeysWithPrefix } from '../src/queue/connection.js';
import { openQueues } from '../src/queue/queues.js';
import { loadCorpusPages } from './lib/corpus-pages.js';
import type { ExtractReport, Timing } from './lib/extract-child.js';
import { startFeedServer } from './lib/feed-server.js';
import type { WorkerProgress, WorkerReport } from './lib/pipeline-worker-child.js';
import { printBreakdown, startMonitor, type CommandBreakdown } from './lib/redis-monitor.js';
import { commandStats, diffCalls, redisCpuMs, startOwnRedis, totalCalls, usedMemory, type OwnRedis } from './lib/redis-stats.js';
import { SHARED_DIR } from './lib/site-server.js';
import { fmt, mib, percentile } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '500' },
    workers: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    threads: { type: 'string' },
    politeness: { type: 'string', default: 'on' },
    'per-feed': { type: 'string', default: '500' },
    'extract-pages': { type: 'string' },
    'extract-passes': { type: 'string', default: '5' },
    'no-extract': { type: 'boolean', default: false },
    'own-redis': { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'warn' },
    json: { type: 'string' },
    'keep-output': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'node-flags': { type: 'string', default: '' },
    monitor: { type: 'boolean', default: false },
    batch: { type: 'string' },
    'jsonl-per-process': { type: 'boolean', default: false },
    'inline-ms': { type: 'string' },
    built: { type: 'boolean', default: false },
    'no-image-flags': { type: 'boolean', default: false },
  },
});
const N = Number(args.articles);
const workerCounts = String(args.workers).split(',').map(Number);
const C = Number(args.concurrency);
// no --threads: the config's default (what a deployment runs)
const T = args.threads === undefined ? parseConfig({}, 'default').worker.extractThreads : Number(args.threads);
const perFeed = Number(args['per-feed']);
if (!(N > 0) || workerCounts.some((k) => !(k > 0)) || !(C > 0) || !(perFeed > 0) || !(T >= 0)) {
  console.error('bench:pipeline: --articles, --workers, --concurrency and --per-feed take positive integers, --threads a non-negative one');
  process.exit(2);
}
if (!SHARED_DIR) {
  console.error('bench:pipeline: ../shared/corpus is not next to this checkout; no pages to serve');
  process.exit(2);
}
const sharedDir = SHARED_DIR;
const reproduce = `npm run bench:pipeline -- ${process.argv.slice(2).join(' ')}`.trim();

const nodeFlags = [...String(args['node-flags']).split(/\s+/).filter(Boolean), ...(args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', resolve(args['cpu-prof'])] : [])];
const built = Boolean(args.built);
// The worker processes run with the image's NODE_OPTIONS and its allocator settings (Dockerfile
// `ENV NODE_OPTIONS=...`, `ENV MALLOC_...=...`), as a deployment of the image does;
// --no-image-flags runs them with node's and glibc's own defaults.
const image = args['no-image-flags'] ? { flags: [], env: {} } : imageSettings();
const imageFlags = image.flags;
/**
 * The `ENV` lines of the Dockerfile next to this checkout that shape a worker's memory:
 * `NODE_OPTIONS` (its flags) and glibc's `MALLOC_*` tunables (name → value). Empty when absent.
 */
function imageSettings(): { flags: string[]; env: Record<string, string> } {
  const out = { flags: [] as string[], env: {} as Record<string, string> };
  let text = '';
  try {
    text = readFileSync(join(import.meta.dirname, '..', 'Dockerfile'), 'utf8');
  } catch {
    return out;
  }
  for (const m of text.matchAll(/^ENV (NODE_OPTIONS|MALLOC_[A-Z_]+)=(?:"([^"]*)"|(\S+))\s*$/gm)) {
    const value = m[2] ?? m[3] ?? '';
    if (m[1] === 'NODE_OPTIONS') out.flags = value.split(/\s+/).filter(Boolean);
    else out.env[m[1]] = value;
  }
  return out;
}
const forkTs = (file: string, env: Record<string, string>) => forkChild(file, env, nodeFlags, built);

const extractPasses = Number(args['extract-passes']);
async function runExtraction(extractPages: number, extractOnly = false, passes = extractPasses): Promise<ExtractReport> {
  const heapMb = parseConfig({}, 'default').worker.extractHeapMb ?? null;
  const child = forkTs('extract-child.ts', { BENCH_EXTRACT: JSON.stringify({ sharedDir, pages: extractPages, passes, extractOnly, topics: ['armenia-azerbaijan-talks'], heapMb }) });
  return nextMessage<ExtractReport>(child, 'extract-done');
}

/**
 * The machine's own cost of K busy processes: K extraction-only processes at once (nothing
 * shared between them: no Redis, no lock, no file), their mean CPU per page. Against one alone,
 * it is what any K processes lose here to shared cores (SMT siblings, caches, memory bandwidth)
 * and to other load, so the pipeline's K-process ratio can be read net of it.
 */
async function runExtractionControl(K: number, extractPages: number): Promise<number> {
  const reports = await Promise.all(Array.from({ length: K }, () => runExtraction(extractPages, true, 1)));
  return reports.reduce((a, r) => a + r.extract.cpuMsPerPage, 0) / K;
}

interface Milestone {
  fraction: number;
  articles: number;
  rssByPid: Record<number, number>;
  heapByPid: Record<number, number>;
  redisUsedMemory: number;
  /** Per worker process at the milestone (its 'sample' reply, taken before its forced GC): CPU ms since "go" and records done. */
  cpuByPid: Record<number, number>;
  doneByPid: Record<number, number>;
  /** This process's (the loopback server's) CPU ms and the Redis server's CPU ms since the enqueue, at the milestone. */
  serverCpuMs: number;
  redisCpuMs: number;
}

interface PipelineResult {
  workers: number;
  /** worker.articleBatch: new items per article job. */
  batch: number;
  concurrency: number;
  threads: number;
  articles: number;
  completed: number;
  failed: number;
  failReasons: Record<string, number>;
  /** Up to 3 failure messages per reason code and process. */
  failMessages: Record<string, string[]>;
  outcomes: Record<string, number>;
  delayed: number;
  elapsedMs: number;
  /** CPU time of all worker processes, ms (for the scale-out accounting). */
  workersCpuMs: number;
  serverCpuMs: number;
  redisCpuMs: number;
  perSec: number;
  latency: { p50Ms: number; p95Ms: number; maxMs: number };
  /** Job start → record written (one article job's own time, with `concurrency` jobs interleaved). */
  jobTime: { p50Ms: number; p95Ms: number; maxMs: number };
  redis: { serverCalls: number; serverPerArticle: number; clientCalls: number; clientPerArticle: number; topServer: [string, number][]; topClient: [string, number][]; writesPerArticle: number; turnsPerArticle: number };
  redisMemory: { before: number; after: number; afterSeenDeleted: number; afterCleanup: number; keys: { seen: number; other: number } };
  processes: { pid: number; completed: number; peakRss: number; loopDelayMaxMs: number; loopDelayP99Ms: number; runningMaxMs: number; runningP99Ms: number; runningNetMaxMs: number; runningNetP99Ms: number; peakAt?: WorkerReport['peakAt'] }[];
  milestones: Milestone[];
  outputBytes: number;
  /** CPU time per record, ms: worker processes, this process (the loopback server), the Redis server. */
  cpuPerArticle: { workersMs: number; serverMs: number; redisMs: number };
  /** `--monitor`: every command Redis executed, by caller and key family. */
  breakdown?: CommandBreakdown;
  /**
   * The same after warm-up: from the 20 % milestone to the end (records and CPU of that span), so
   * that neither the threads' start (module loading, compilation) nor the JIT's warm-up is in it,
   * as the extraction-only figure runs after an untimed warm-up pass. Null when the run had no 20 % sample.
   */
  cpuPerArticleSteady: { workersMs: number; serverMs: number; redisMs: number; records: number } | null;
}

async function runPipeline(K: number, redisUrl: string, pages: ReturnType<typeof loadCorpusPages>): Promise<PipelineResult> {
  const server = await startFeedServer({ pages, articles: N, perFeed });
  const prefix = `bench-${Date.now().toString(36)}`;
  const outDir = mkdtempSync(join(tmpdir(), 'bench-pipeline-'));
  const out = join(outDir, 'articles.jsonl');
  const raw = {
    redis: { url: redisUrl, prefix },
    feeds: [],
    sinks: [{ type: 'jsonl', path: out, only: 'all' }],
    http: { allowPrivateNetworks: true, perHost: { concurrency: 10_000, minDelayMs: 0 } },
    worker: { articleConcurrency: C, feedConcurrency: 2, extractThreads: T, ...(args.batch !== undefined ? { articleBatch: Number(args.batch) } : {}), ...(args['inline-ms'] !== undefined ? { inlineDeliveryMs: Number(args['inline-ms']) } : {}) },
    logLevel: args['log-level'],
  };
  const config = parseConfig(raw, 'bench');
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queueConn = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = openQueues(config, queueConn);
  const outs = args['jsonl-per-process'] ? Array.from({ length: K }, (_, i) => join(outDir, `articles-${i}.jsonl`)) : [out];
  const children = Array.from({ length: K }, (_, i) => {
    const own = args['jsonl-per-process'] ? { ...raw, sinks: [{ ...raw.sinks[0], path: outs[i] }] } : raw;
    return forkChild('pipeline-worker-child.ts', { ...image.env, BENCH_CONFIG: JSON.stringify(own), BENCH_POLITENESS: String(args.politeness) }, ['--expose-gc', ...imageFlags, ...nodeFlags], built);
  });
  const done = children.map((c) => nextMessage<WorkerReport>(c, 'done'));
  await Promise.all(children.map((c) => nextMessage(c, 'ready')));

  const memBefore = await usedMemory(admin);
  const monitor = args.monitor ? await startMonitor(redisUrl, prefix) : null;
  const before = await commandStats(admin);
  let redisCpu0 = 0;
  let cpu0 = process.cpuUsage();
  const latest = new Map<number, WorkerProgress>();
  const milestones: Milestone[] = [];
  const fractions = [0.2, 0.5, 0.999];
  const onProgress = (m: WorkerProgress) => {
    if (m?.type === 'sample') {
      const ms = milestones[milestones.length - 1];
      if (ms) {
        ms.rssByPid[m.pid] = m.rss;
        ms.heapByPid[m.pid] = m.heapUsed;
        ms.cpuByPid[m.pid] = m.cpuMs;
        ms.doneByPid[m.pid] = m.articlesCompleted;
      }
      return;
    }
    if (m?.type !== 'progress') return;
    latest.set(m.pid, m);
    const total = [...latest.values()].reduce((a, p) => a + p.articlesCompleted, 0);
    while (milestones.length < fractions.length && total >= fractions[milestones.length] * N) {
      const c = process.cpuUsage(cpu0);
      const ms: Milestone = { fraction: fractions[milestones.length], articles: total, rssByPid: {}, heapByPid: {}, redisUsedMemory: NaN, cpuByPid: {}, doneByPid: {}, serverCpuMs: (c.user + c.system) / 1000, redisCpuMs: NaN };
      for (const p of latest.values()) {
        ms.rssByPid[p.pid] = p.rss;
        ms.heapByPid[p.pid] = p.heapUsed;
      }
      milestones.push(ms);
      for (const c of children) if (c.connected) c.send({ type: 'sample' });
      void redisCpuMs(admin).then((r) => (ms.redisCpuMs = r - redisCpu0));
      void usedMemory(admin).then((b) => {
        ms.redisUsedMemory = b;
        // Printed as it happens too, so a long run that fails at the end still leaves its memory trend.
        setTimeout(() => console.log(`  (live) ${ms.articles} records at ${fmt((Date.now() - t0) / 1000)} s: RSS ${Object.values(ms.rssByPid).map(mib).join(' / ')}, heap after GC ${Object.values(ms.heapByPid).map(mib).join(' / ')}, Redis ${mib(b)}`), 1000);
      });
    }
  };
  for (const c of children) c.on('message', onProgress);

  redisCpu0 = await redisCpuMs(admin);
  cpu0 = process.cpuUsage();
  const t0 = Date.now();
  await queues.feeds.addBulk(server.feedUrls.map((url, j) => ({ name: 'fetch-feed', data: { feedId: `bench-${j}`, url, reason: 'once' as const } })));
  for (const c of children) c.send({ type: 'go' });
  const reports = await Promise.all(done);
  if (milestones.length < fractions.length) {
    // The last progress tick can come after a child's report: take the end figures from the reports.
    const ms: Milestone = { fraction: 1, articles: reports.reduce((a, r) => a + r.articlesCompleted, 0), rssByPid: {}, heapByPid: {}, redisUsedMemory: await usedMemory(admin), cpuByPid: {}, doneByPid: {}, serverCpuMs: NaN, redisCpuMs: NaN };
    for (const r of reports) {
      ms.rssByPid[r.pid] = r.rss;
      ms.heapByPid[r.pid] = r.heapUsed;
    }
    milestones.push(ms);
  }
  const tEnd = Math.max(...reports.map((r) => r.lastEndAt));
  const cpuParent = process.cpuUsage(cpu0);
  const redisCpu = (await redisCpuMs(admin)) - redisCpu0;
  const after = await commandStats(admin);
  const breakdown = await monitor?.stop(Object.assign({}, ...reports.map((r) => r.scriptNames)));
  const memAfter = await usedMemory(admin);

  const server_ = diffCalls(before, after);
  delete server_.info; // our own probes
  const client: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.commands)) client[k] = (client[k] ?? 0) + v;
  const completed = reports.reduce((a, r) => a + r.articlesCompleted, 0);
  const failed = reports.reduce((a, r) => a + r.articlesFailed, 0);
  const delayed = reports.reduce((a, r) => a + r.articlesDelayed, 0);
  const latencies = reports.flatMap((r) => r.latenciesMs);
  const jobTimes = reports.flatMap((r) => r.jobTimesMs);
  const top = (c: Record<string, number>) => Object.entries(c).sort((a, b) => b[1] - a[1]).slice(0, 8);

  let seen = 0;
  let other = 0;
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) (k.startsWith(`${prefix}:seen:`) ? seen++ : other++);
  } while (cursor !== '0');
  let c2 = '0';
  do {
    const [next, keys] = await admin.scan(c2, 'MATCH', `${prefix}:seen:*`, 'COUNT', 1000);
    c2 = next;
    if (keys.length) await admin.unlink(...keys);
  } while (c2 !== '0');
  const afterSeenDeleted = await usedMemory(admin);
  await queues.close();
  queueConn.disconnect();
  await deleteKeysWithPrefix(admin, prefix);
  const afterCleanup = await usedMemory(admin);
  admin.disconnect();
  await server.close();
  const outputBytes = (() => {
    try {
      return outs.reduce((a, f) => a + statSync(f).size, 0);
    } catch {
      return 0;
    }
  })();
  if (!args['keep-output']) rmSync(outDir, { recursive: true, force: true });
  else console.log(`records kept in ${out}`);

  const clientCalls = Object.values(client).reduce((a, b) => a + b, 0);
  const m20 = milestones.find((m) => m.fraction === 0.2);
  const workersCpuMs = reports.reduce((a, r) => a + r.cpuMs, 0);
  let steady: PipelineResult['cpuPerArticleSteady'] = null;
  if (m20 && Object.keys(m20.cpuByPid).length === K && Number.isFinite(m20.redisCpuMs)) {
    const records = completed - Object.values(m20.doneByPid).reduce((a, b) => a + b, 0);
    const wCpu = workersCpuMs - Object.values(m20.cpuByPid).reduce((a, b) => a + b, 0);
    if (records > 0) steady = { workersMs: wCpu / records, serverMs: ((cpuParent.user + cpuParent.system) / 1000 - m20.serverCpuMs) / records, redisMs: (redisCpu - m20.redisCpuMs) / records, records };
  }
  return {
    workers: K,
    batch: config.worker.articleBatch,
    concurrency: C,
    threads: T,
    articles: N,
    completed,
    failed,
    failReasons: sumBy(reports.map((r) => r.failReasons)),
    failMessages: Object.fromEntries(reports.flatMap((r) => Object.entries(r.failMessages ?? {}))),
    outcomes: sumBy(reports.map((r) => r.outcomes)),
    delayed,
    elapsedMs: tEnd - t0,
    workersCpuMs: reports.reduce((a, r) => a + r.cpuMs, 0),
    serverCpuMs: (cpuParent.user + cpuParent.system) / 1000,
    redisCpuMs: redisCpu,
    perSec: completed / ((tEnd - t0) / 1000),
    latency: { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), maxMs: percentile(latencies, 100) },
    jobTime: { p50Ms: percentile(jobTimes, 50), p95Ms: percentile(jobTimes, 95), maxMs: percentile(jobTimes, 100) },
    redis: {
      serverCalls: totalCalls(server_),
      serverPerArticle: totalCalls(server_) / N,
      clientCalls,
      clientPerArticle: clientCalls / N,
      topServer: top(server_),
      topClient: top(client),
      writesPerArticle: reports.reduce((a, r) => a + (r.redisWrites?.writes ?? 0), 0) / N,
      turnsPerArticle: reports.reduce((a, r) => a + (r.redisWrites?.turns ?? 0), 0) / N,
    },
    redisMemory: { before: memBefore, after: memAfter, afterSeenDeleted, afterCleanup, keys: { seen, other } },
    processes: reports.map((r) => ({ pid: r.pid, completed: r.articlesCompleted, peakRss: r.peakRss, loopDelayMaxMs: r.loopDelay.maxMs, loopDelayP99Ms: r.loopDelay.p99Ms, runningMaxMs: r.loopDelayRunning.maxMs, runningP99Ms: r.loopDelayRunning.p99Ms, runningNetMaxMs: r.loopDelayRunning.net.maxMs, runningNetP99Ms: r.loopDelayRunning.net.p99Ms, peakAt: r.peakAt })),
    milestones,
    outputBytes,
    cpuPerArticleSteady: steady,
    cpuPerArticle: {
      workersMs: workersCpuMs / Math.max(1, completed),
      serverMs: (cpuParent.user + cpuParent.system) / 1000 / Math.max(1, completed),
      redisMs: redisCpu / Math.max(1, completed),
    },
    breakdown,
  };
}

function sumBy(xs: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) for (const [k, v] of Object.entries(x)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function printPipeline(r: PipelineResult, extract: ExtractReport | null): void {
  console.log(`\n== pipeline: ${r.articles} articles, ${r.workers} worker process(es) x concurrency ${r.concurrency}, ${r.threads ? `${r.threads} extraction thread(s) each` : 'extraction on the main thread'}, ${r.batch} item(s) per article job`);
  const reasons = Object.entries(r.failReasons).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`records ${r.completed} done (${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}), ${r.failed} failed${reasons ? ` (${reasons})` : ''}, ${r.delayed} attempts delayed by the per-host gate (politeness ${args.politeness}); ${fmt(r.elapsedMs / 1000)} s from enqueue of the feed jobs to the last record`);
  for (const [code, msgs] of Object.entries(r.failMessages)) if (!['not-found', 'no-article-text'].includes(code)) for (const m of msgs) console.log(`  ${code}: ${m}`);
  console.log(`end to end        ${fmt(r.perSec)} articles/s`);
  if (extract) {
    console.log(`  vs extract-only ${fmt(r.perSec / extract.extract.perSec, 2)}x one process's extraction rate (issue 6's goal for K=1: >= 0.80)`);
    if (extract.record) console.log(`  vs page→record  ${fmt(r.perSec / extract.record.perSec, 2)}x one process's extract+tag+normalize rate`);
  }
  const cpu = r.cpuPerArticle;
  const cpuTotal = cpu.workersMs + cpu.serverMs + cpu.redisMs;
  console.log(
    `CPU per record    ${fmt(cpuTotal, 2)} ms = workers ${fmt(cpu.workersMs, 2)} + loopback server ${fmt(cpu.serverMs, 2)} + Redis ${fmt(cpu.redisMs, 2)}` +
      (extract ? `; extraction alone ${fmt(extract.extract.cpuMsPerPage, 2)} ms/page, page→record ${fmt(extract.record?.cpuMsPerPage ?? NaN, 2)} ms/page → ${fmt(cpuTotal / extract.extract.cpuMsPerPage, 2)}x extraction (goal <= 1.3; workers alone ${fmt(cpu.workersMs / extract.extract.cpuMsPerPage, 2)}x)` : ''),
  );
  const st = r.cpuPerArticleSteady;
  if (st) {
    const stTotal = st.workersMs + st.serverMs + st.redisMs;
    console.log(
      `  after warm-up   ${fmt(stTotal, 2)} ms = workers ${fmt(st.workersMs, 2)} + loopback server ${fmt(st.serverMs, 2)} + Redis ${fmt(st.redisMs, 2)} over the last ${st.records} records (from the 20 % mark: the extraction-only figure is also taken after a warm-up)` +
        (extract ? ` → ${fmt(stTotal / extract.extract.cpuMsPerPage, 2)}x extraction (workers alone ${fmt(st.workersMs / extract.extract.cpuMsPerPage, 2)}x)` : ''),
    );
    // Round 13: the like-for-like ratio. "extract" runs on a main thread with V8's default young
    // generation and leaves out tagging and normalising; the pipeline's thread does page→record
    // with the capped heap (4 MB semi-spaces: more scavenges). Against page→record in such a
    // thread, the ratio says what the pipeline around the page (fetch, queue, Redis, grouping,
    // sink, thread transfer, the main thread's GC) costs.
    const rt = extract?.recordInThread;
    if (rt) console.log(`  like for like   ${fmt(stTotal / rt.cpuMsPerPage, 2)}x page→record in a thread with the pipeline's heap limits (${fmt(rt.cpuMsPerPage, 2)} ms/page; workers alone ${fmt(st.workersMs / rt.cpuMsPerPage, 2)}x): the pipeline around the page costs ${fmt(stTotal - rt.cpuMsPerPage, 2)} ms a record`);
  }
  const secs = r.elapsedMs / 1000;
  console.log(`cores busy        workers ${fmt(r.workersCpuMs / 1000 / secs, 2)} + loopback server ${fmt(r.serverCpuMs / 1000 / secs, 2)} + Redis ${fmt(r.redisCpuMs / 1000 / secs, 2)} of ${cpus().length} (the rest: idle, or other processes on the machine)`);
  console.log(`enqueue → record  p50 ${fmt(r.latency.p50Ms / 1000, 2)} s, p95 ${fmt(r.latency.p95Ms / 1000, 2)} s, max ${fmt(r.latency.maxMs / 1000, 2)} s (the backlog of a bulk enqueue, not a per-article cost)`);
  console.log(`job start → record p50 ${fmt(r.jobTime.p50Ms)} ms, p95 ${fmt(r.jobTime.p95Ms)} ms, max ${fmt(r.jobTime.maxMs)} ms (${r.concurrency} jobs interleaved per process)`);
  console.log(`Redis commands    ${fmt(r.redis.clientPerArticle)} / article sent by the workers (EVALSHA = 1); ${fmt(r.redis.serverPerArticle)} / article executed by Redis incl. inside Lua scripts (INFO commandstats)`);
  console.log(`  sent:     ${r.redis.topClient.map(([k, v]) => `${k} ${fmt(v / r.articles, 2)}`).join(', ')}`);
  console.log(`  socket writes to Redis ${fmt(r.redis.writesPerArticle, 2)} / article; event-loop turns with a write, per connection, ${fmt(r.redis.turnsPerArticle, 2)} / article (the writes left if each turn's commands went in one write, as ioredis's enableAutoPipelining does)`);
  console.log(`  executed: ${r.redis.topServer.map(([k, v]) => `${k} ${fmt(v / r.articles, 2)}`).join(', ')}`);
  if (r.breakdown) printBreakdown(r.breakdown, r.articles);
  for (const p of r.processes) {
    const at = p.peakAt;
    if (at) console.log(`process ${p.pid}: peak RSS reached ${fmt(at.s)} s after the child started, at ${at.records} records (${at.started ? 'worker running' : 'during start-up'})`);
    console.log(`process ${p.pid}: ${p.completed} records, peak RSS ${mib(p.peakRss)}, event-loop delay max ${fmt(p.loopDelayMaxMs)} ms, p99 ${fmt(p.loopDelayP99Ms)} ms (after start-up: max ${fmt(p.runningMaxMs)} ms, p99 ${fmt(p.runningP99Ms)} ms; net of the histogram's 10 ms resolution: max ${fmt(p.runningNetMaxMs)} ms, p99 ${fmt(p.runningNetP99Ms)} ms)`);
  }
  for (const m of r.milestones) {
    const rss = Object.values(m.rssByPid).map(mib).join(' / ');
    const heap = Object.values(m.heapByPid).map(mib).join(' / ');
    console.log(`at ${String(m.articles).padStart(6)} records: RSS ${rss}, heap after full GC ${heap}, Redis used_memory ${mib(m.redisUsedMemory)}`);
  }
  const rm = r.redisMemory;
  console.log(
    `Redis used_memory before ${mib(rm.before)}, after ${mib(rm.after)} (${rm.keys.seen} seen-set keys, ${rm.keys.other} queue keys), ` +
      `after deleting the seen-set ${mib(rm.afterSeenDeleted)}, after cleanup ${mib(rm.afterCleanup)}`,
  );
  console.log(`JSONL output ${mib(r.outputBytes)}`);
}

/** CPU ms per page of each extraction-only pass, in order. */
/** " (median of 3 passes: a, b, c)" for a timing taken over several passes, else "". */
function passesOf(t: Timing): string {
  return t.passes && t.passes.length > 1 ? ` (median of ${t.passes.length} passes: ${t.passes.map((x) => fmt(x, 2)).join(', ')})` : '';
}

/** Scavenges and full collections per page of a timing, "0.50 / 0.047". */
function gcOf(t: Timing): string {
  return `${fmt(t.gcPerPage.minor, 3)} / ${fmt(t.gcPerPage.major, 3)}`;
}

function passList(r: ExtractReport): string {
  return r.extractPasses.map((p) => fmt(p.cpuMsPerPage, 2)).join(', ');
}

const pages = loadCorpusPages(sharedDir);
const own: OwnRedis | null = args['own-redis'] ? await startOwnRedis() : null;
const redisUrl = own?.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
console.log(`bench:pipeline  ${new Date().toISOString()}  node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`children: ${built ? 'compiled dist/ under plain node (--built)' : 'TypeScript sources under tsx'}; worker processes' node flags: ${[...imageFlags, ...nodeFlags].join(' ') || 'none'}${imageFlags.length ? " (the image's NODE_OPTIONS first; --no-image-flags drops them)" : ''}; allocator: ${Object.entries(image.env).map(([k, v]) => `${k}=${v}`).join(' ') || "glibc's defaults"}`);
console.log(`pages: ${pages.length} corpus pages (${mib(pages.reduce((a, p) => a + p.body.length, 0))}), cycled under unique URLs; Redis ${own ? 'private redis-server' : redisUrl}`);
const results: PipelineResult[] = [];
let extract: ExtractReport | null = null;
try {
  if (!args['no-extract']) {
    extract = await runExtraction(Number(args['extract-pages'] ?? Math.min(N, pages.length)));
    const record = extract.record!;
    console.log(
      `\n== extraction only, one process, ${extract.pages} pages a pass (no queue, no HTTP, no sink)\n` +
        `extract (decode + extractArticle)       ${fmt(extract.extract.perSec)} pages/s, ${fmt(extract.extract.cpuMsPerPage, 2)} ms CPU/page (median of ${extract.extractPasses.length} passes: ${passList(extract)}), slowest page ${fmt(extract.extract.maxPageMs)} ms\n` +
        `page→record (+ tag + normalize)         ${fmt(record.perSec)} pages/s, ${fmt(record.cpuMsPerPage, 2)} ms CPU/page${passesOf(record)}, slowest page ${fmt(record.maxPageMs)} ms, ${record.failed} pages fail (empty-article)\n` +
        (extract.extractInThread ? `extract in a thread, heap cap ${extract.extractInThread.heapMb ?? 'none'} MB ${fmt(extract.extractInThread.perSec)} pages/s, ${fmt(extract.extractInThread.cpuMsPerPage, 2)} ms CPU/page${passesOf(extract.extractInThread)} (as the pipeline extracts; the issue's ratios below use the line "extract")` : '') +
        (extract.recordInThread ? `\npage→record in that thread              ${fmt(extract.recordInThread.perSec)} pages/s, ${fmt(extract.recordInThread.cpuMsPerPage, 2)} ms CPU/page${passesOf(extract.recordInThread)} (the pipeline thread's own work per page: the "like for like" ratio below)` : '') +
        `\ncollections a page (scavenges / full)   extract ${gcOf(extract.extract)}, page→record ${gcOf(record)}` +
        (extract.extractInThread && extract.recordInThread ? `; in the thread: extract ${gcOf(extract.extractInThread)}, page→record ${gcOf(extract.recordInThread)}` : '') +
        (extract.recordInThread
          ? `\nthread vs extract alone                 page→record in the thread − extract = ${fmt(extract.recordInThread.cpuMsPerPage - extract.extract.cpuMsPerPage, 2)} ms/page: ` +
            `tag + walls + normalize (page→record − extract, main thread) ${fmt(record.cpuMsPerPage - extract.extract.cpuMsPerPage, 2)} + the thread's heap limits (page→record in the thread − on the main thread) ${fmt(extract.recordInThread.cpuMsPerPage - record.cpuMsPerPage, 2)}`
          : ''),
    );
  }
  const control = new Map<number, number>();
  if (extract) {
    for (const K of workerCounts.filter((k) => k > 1)) {
      control.set(K, await runExtractionControl(K, extract.pages));
      console.log(`extraction only, ${K} processes at once: ${fmt(control.get(K)!, 2)} ms CPU/page each (alone ${fmt(extract.extract.cpuMsPerPage, 2)}: the machine's own cost of ${K} busy processes)`);
    }
  }
  for (const K of workerCounts) {
    const r = await runPipeline(K, redisUrl, pages);
    results.push(r);
    printPipeline(r, extract);
  }
  if (results.length > 1) {
    const base = results[0];
    for (const r of results.slice(1)) {
      // What the wall ratio hides on a shared 2-core machine: the loopback server, Redis and other
      // processes take cores the workers would scale onto. "Worker-only" is the ratio the worker
      // processes would reach with a core each and nothing else running: K x (worker CPU per
      // record at K=1) / (worker CPU per record at K); below K only by the CPU that sharing adds.
      const w = (x: PipelineResult) => x.workersCpuMs / Math.max(1, x.completed);
      console.log(
        `\nscale-out: K=${r.workers} does ${fmt(r.perSec / base.perSec, 2)}x K=${base.workers} wall-clock (goal for 2 vs 1: >= 1.8); ` +
          `worker-only from CPU time ${fmt((r.workers / base.workers) * (w(base) / w(r)), 2)}x (worker CPU per record ${fmt(w(base), 2)} → ${fmt(w(r), 2)} ms); ` +
          `cores busy with workers ${fmt(base.workersCpuMs / base.elapsedMs, 2)} → ${fmt(r.workersCpuMs / r.elapsedMs, 2)}, with the loopback server and Redis ${fmt((base.serverCpuMs + base.redisCpuMs) / base.elapsedMs, 2)} → ${fmt((r.serverCpuMs + r.redisCpuMs) / r.elapsedMs, 2)}`,
      );
      const c = control.get(r.workers);
      if (extract && c && base.workers === 1) {
        // the same loss for work that shares nothing: what is left is the pipeline's own (Redis, locks, replay)
        const machine = extract.extract.cpuMsPerPage / c;
        console.log(
          `  net of the machine: K=${r.workers} extraction-only processes keep ${fmt(machine * 100, 1)} % of one's CPU efficiency; the workers keep ${fmt((w(base) / w(r)) * 100, 1)} %, ` +
            `so the pipeline's own scale-out loss is ${fmt((1 - w(base) / w(r) / machine) * 100, 1)} % (worker-only ratio with the machine's loss removed: ${fmt((r.workers * w(base)) / w(r) / machine, 2)}x)`,
        );
      }
    }
  }
  let extractAfter: ExtractReport | null = null;
  if (extract) {
    // The same extraction-only passes once more, after the pipelines: the load of a shared machine
    // drifts during a run, so the denominator is the median over passes before and after it.
    extractAfter = await runExtraction(extract.pages, true);
    const all = [...extract.extractPasses, ...extractAfter.extractPasses].map((p) => p.cpuMsPerPage).sort((a, b) => a - b);
    const med = all[Math.floor((all.length - 1) / 2)]!;
    console.log(
      `\n== extraction only again, after the pipeline(s): ${fmt(extractAfter.extract.cpuMsPerPage, 2)} ms CPU/page (median of ${extractAfter.extractPasses.length} passes: ${passList(extractAfter)}); ` +
        `before and after together: median ${fmt(med, 2)} ms/page, spread ${fmt(all[0]!, 2)}–${fmt(all[all.length - 1]!, 2)}`,
    );
    for (const r of results) {
      const st = r.cpuPerArticleSteady;
      if (!st) continue;
      const stTotal = st.workersMs + st.serverMs + st.redisMs;
      console.log(`K=${r.workers}: CPU per record after warm-up ${fmt(stTotal, 2)} ms → ${fmt(stTotal / med, 2)}x extraction (workers alone ${fmt(st.workersMs / med, 2)}x; against the passes' spread ${fmt(stTotal / all[all.length - 1]!, 2)}–${fmt(stTotal / all[0]!, 2)}x)`);
    }
  }
  console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\nreproduce: ${reproduce}`);
  if (args.json) writeFileSync(resolve(args.json), JSON.stringify({ at: new Date().toISOString(), command: reproduce, extract, extractAfter, results }, null, 2));
} finally {
  await own?.stop();
}
