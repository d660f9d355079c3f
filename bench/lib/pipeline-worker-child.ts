/**
 * One worker process of the pipeline benchmark (forked by bench/pipeline.ts with an IPC channel).
 * Runs the real worker (`runWorker`, `once` semantics: until both queues are drained) with the
 * config from env `BENCH_CONFIG` (JSON, parsed by the service's own `parseConfig`; its `feeds`
 * list is empty, so this process enqueues nothing: the parent enqueued the feed jobs, as one
 * job scheduler tick would).
 *
 * Protocol: child → `{type:'ready'}`; parent → `{type:'go'}`; child → `{type:'progress', ...}`
 * every second, `{type:'feed-done'}` after each feed job; parent → `{type:'stop'}` ends the run early
 * (enqueue-only runs); child → `{type:'done', ...}` (see `WorkerReport`) and exits.
 */
import { parseConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { runWorker } from '../../src/queue/worker.js';
import { countRedisCommands, countRedisWrites, loopDelayMs, memory, redisWrites, scriptNames, sentCommands, startLoopDelay } from './process-probe.js';

/** What a worker process reports at the end. Times are epoch ms, sizes bytes. */
export interface WorkerReport {
  type: 'done';
  pid: number;
  articlesCompleted: number;
  articlesFailed: number;
  /** Article attempts put back as delayed by the per-host politeness gate (host busy). */
  articlesDelayed: number;
  feedsCompleted: number;
  /** Enqueue → record written, ms, one per completed article job. */
  latenciesMs: number[];
  /** Job start → record written, ms. */
  jobTimesMs: number[];
  firstStartAt: number;
  lastEndAt: number;
  peakRss: number;
  rss: number;
  heapUsed: number;
  /** CPU time (user + system) of this process from "go" to the end, ms. */
  cpuMs: number;
  loopDelay: ReturnType<typeof loopDelayMs>;
  /** When the peak RSS was reached (within 1 s): seconds after the child started, records done, whether the worker had started. */
  peakAt: { peakRss: number; s: number; records: number; started: boolean };
  /** The same, from the moment the worker has started (runWorker's onStarted) to the end: without start-up. */
  loopDelayRunning: ReturnType<typeof loopDelayMs>;
  /** Redis commands this process sent, by name. */
  commands: Record<string, number>;
  /** Socket writes to Redis, and event-loop turns with a write per connection (what auto-pipelining would leave). */
  redisWrites: { writes: number; turns: number };
  /** Lua scripts this process defined: SHA-1 of the source → name (to name EVALSHAs in a MONITOR). */
  scriptNames: Record<string, string>;
  outcomes: Record<string, number>;
  /** Article attempts that failed for good, by reason code. */
  failReasons: Record<string, number>;
  /** The first few failure messages per reason code (which budget a `page-too-complex` ran past, ...). */
  failMessages: Record<string, string[]>;
}

/** Progress line sent every second. */
export interface WorkerProgress {
  type: 'progress' | 'sample';
  pid: number;
  articlesCompleted: number;
  rss: number;
  heapUsed: number;
  /** CPU time (user + system) of this process since "go", ms, when the message was sent. */
  cpuMs: number;
}

function send(msg: object, then?: () => void): void {
  if (!process.send) return then?.();
  process.send(msg, undefined, {}, () => then?.());
}

countRedisCommands();
const config = parseConfig(JSON.parse(process.env.BENCH_CONFIG ?? '{}'), 'BENCH_CONFIG');
countRedisWrites(Number(new URL(config.redis.url).port || 6379));
const log = createLogger(config.logLevel, { pretty: false });
const latencies: number[] = [];
const jobTimes: number[] = [];
let completed = 0;
let failed = 0;
let delayed = 0;
const failReasons: Record<string, number> = {};
const failMessages: Record<string, string[]> = {};
let firstStartAt = 0;
let lastEndAt = 0;

const stop = new AbortController();
let cpu0: NodeJS.CpuUsage | null = null;
const cpuSinceGo = () => {
  if (!cpu0) return 0;
  const c = process.cpuUsage(cpu0);
  return (c.user + c.system) / 1000;
};
await new Promise<void>((resolve) => {
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'go') resolve();
    if (m?.type === 'stop') stop.abort(); // enqueue-only runs: the article queue is paused, so it never drains
    if (m?.type === 'sample') {
      // A milestone: heap after a full GC (node --expose-gc), so growth is not hidden in garbage.
      // The CPU time and record count are taken before the GC (the steady-state CPU per record
      // counts from here: bench/pipeline.ts), so the forced GC is not charged to the run.
      const cpuMs = cpuSinceGo();
      const done = completed;
      (globalThis as { gc?: () => void }).gc?.();
      const mm = memory();
      send({ type: 'sample', pid: process.pid, articlesCompleted: done, rss: mm.rss, heapUsed: mm.heapUsed, cpuMs } satisfies WorkerProgress);
    }
  });
  send({ type: 'ready' });
});
let feedsDone = 0;

const loop = startLoopDelay();
const running: { loop: ReturnType<typeof startLoopDelay> | null } = { loop: null };
cpu0 = process.cpuUsage();
// When the peak RSS was reached (getrusage's maximum, looked at with each progress message, every
// second: no extra call): seconds since the child started and records done then, to tell a
// start-up peak from one during the run.
const t0Peak = Date.now();
let peakAt = { peakRss: 0, s: 0, records: 0, started: false };
const progress = setInterval(() => {
  const m = memory();
  if (m.peakRss > peakAt.peakRss) peakAt = { peakRss: m.peakRss, s: (Date.now() - t0Peak) / 1000, records: completed, started: running.loop !== null };
  send({ type: 'progress', pid: process.pid, articlesCompleted: completed, rss: m.rss, heapUsed: m.heapUsed, cpuMs: cpuSinceGo() } satisfies WorkerProgress);
}, 1000);

try {
  const summary = await runWorker({
    config,
    log,
    once: true,
    stopSignal: stop.signal,
    onStarted: () => {
      running.loop = startLoopDelay();
    },
    // BENCH_POLITENESS=off: every host slot granted at once, without Redis (to measure what the gate costs).
    overrides: process.env.BENCH_POLITENESS === 'off' ? { hostSlot: async () => ({ ok: true, started: async () => {}, release: async () => {} }) } : undefined,
    onJobEnd: (e) => {
      if (firstStartAt === 0 || e.startedAt < firstStartAt) firstStartAt = e.startedAt;
      if (e.queue === 'feeds') send({ type: 'feed-done', pid: process.pid, feedsDone: ++feedsDone, outcome: e.outcome, durationMs: e.finishedAt - e.startedAt });
      if (e.queue !== 'articles') return;
      if (e.outcome === 'failed') {
        failed++;
        failReasons[e.reason ?? '?'] = (failReasons[e.reason ?? '?'] ?? 0) + 1;
        const msgs = (failMessages[e.reason ?? '?'] ??= []);
        if (msgs.length < 3 && e.error) msgs.push(e.error.slice(0, 200));
      }
      if (e.outcome === 'delayed') delayed++;
      // a record handed to its sink's delivery queue (`queued`: the sink took more than
      // worker.inlineDeliveryMs) or already held (`unchanged`) is an article done all the same
      if (e.outcome !== 'written' && e.outcome !== 'filtered' && e.outcome !== 'queued' && e.outcome !== 'unchanged') return;
      completed++;
      lastEndAt = e.finishedAt;
      latencies.push(e.finishedAt - e.enqueuedAt);
      jobTimes.push(e.finishedAt - e.startedAt);
    },
  });
  clearInterval(progress);
  loop.disable();
  running.loop?.disable();
  const cpu = process.cpuUsage(cpu0!);
  (globalThis as { gc?: () => void }).gc?.(); // heap after a full GC, like the milestones
  const m = memory();
  send({
    type: 'done',
    pid: process.pid,
    articlesCompleted: completed,
    articlesFailed: failed,
    articlesDelayed: delayed,
    feedsCompleted: summary.feeds.completed,
    latenciesMs: latencies,
    jobTimesMs: jobTimes,
    firstStartAt,
    lastEndAt,
    peakRss: m.peakRss,
    peakAt,
    rss: m.rss,
    heapUsed: m.heapUsed,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelay: loopDelayMs(loop),
    loopDelayRunning: loopDelayMs(running.loop ?? loop),
    commands: { ...sentCommands },
    redisWrites: { ...redisWrites },
    scriptNames: { ...scriptNames },
    outcomes: summary.articles.outcomes,
    failReasons,
    failMessages,
  } satisfies WorkerReport, () => process.disconnect?.()); // disconnect only once the (large) report is written
} catch (err) {
  send({ type: 'error', message: (err as Error).stack ?? String(err) }, () => process.disconnect?.());
  process.exitCode = 1;
}
