/**
 * Child process of tests/integration/lazy-modules.test.ts: runs the real worker (`runWorker`,
 * `once`, no feeds) with the config in env `LAZY_CONFIG` (JSON, through the service's
 * `parseConfig`), and prints one JSON line: which optional packages the process had loaded once
 * the worker had started (`loaded`: package name → true/false), whether its main thread had
 * compiled a topic (`topicsHere`: the world-state names' package, which only the topic compiler
 * loads) and the ops listener's URL. Env `LAZY_THREADS`: extraction threads (default 0).
 * Its own process, so nothing another test loaded counts.
 */
import { createRequire } from 'node:module';
import { parseConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { runWorker } from '../../src/queue/worker.js';

/** Packages a worker loads only when its config needs them (src/sinks/index.ts, src/queue/worker.ts). */
const OPTIONAL = ['pg', 'prom-client', 'express', '@bull-board/api'];

const loadedNow = (): Record<string, boolean> => {
  const files = Object.keys(createRequire(import.meta.url).cache);
  return Object.fromEntries(OPTIONAL.map((p) => [p, files.some((f) => f.includes(`/node_modules/${p}/`))]));
};

const config = parseConfig(JSON.parse(process.env.LAZY_CONFIG ?? '{}'), 'LAZY_CONFIG');
const stop = new AbortController();
let atStart: Record<string, boolean> = {};
let topicsHere = false;
let opsUrl: string | null = null;
let metrics: { status: number; names: boolean } | null = null;
await runWorker({
  config,
  log: createLogger('silent', { pretty: false }),
  stopSignal: stop.signal,
  extractThreads: Number(process.env.LAZY_THREADS ?? 0),
  onStarted: (info) => {
    atStart = loadedNow();
    topicsHere = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/node_modules/i18n-iso-countries/'));
    opsUrl = info.opsUrl;
    // The ops listener, when there is one, serves the metrics prom-client makes; then stop.
    void (async () => {
      if (opsUrl) {
        const res = await fetch(`${opsUrl}/metrics`);
        metrics = { status: res.status, names: (await res.text()).includes('news_ingest_stage_duration_seconds') };
      }
    })().finally(() => stop.abort());
  },
});
process.stdout.write(`${JSON.stringify({ loaded: atStart, topicsHere, opsUrl, metrics })}\n`);
process.exit(0);
