/**
 * Page → record off the event loop: a fixed pool of worker threads running `pageToRecord`
 * (issue 6). Extraction is synchronous CPU work (tens of ms for a large page, hundreds for the
 * slowest); on the main thread it delays BullMQ's lock renewals, Redis replies and HTTP
 * reads of the other jobs in flight. In threads, the main thread keeps the I/O moving and one
 * process can use more than one core (figures: docs/pipeline-cost.md).
 *
 * Each thread takes one page at a time; further pages wait in a FIFO. A thread that dies
 * (out of memory, a crash in a native module) fails the page it held with an Error and is
 * replaced, so the job is retried like any internal error.
 *
 * Time budget: the thread's extractor stops itself with `page-too-complex` once `budgetMs` is
 * spent (checked between parse chunks and stages); should a page hold a thread past twice the
 * budget anyway, the pool terminates that thread, fails the page with `page-too-complex` and
 * starts a new thread (not counted as a crash).
 *
 * Heap cap (`heapMb`, config `worker.extractHeapMb`): each thread runs with V8's
 * `resourceLimits.maxOldGenerationSizeMb`. Below 512 MB V8 also grows the heap by at most 1.5x
 * its live size between full collections (instead of up to 4x), which is what bounds the
 * process's RSS (measured for issue 17: docs/pipeline-cost.md). A page whose extraction needs
 * more heap than the cap kills its thread with ERR_WORKER_OUT_OF_MEMORY: the page fails with
 * `page-too-complex` (the page's fault, like the time budget: not counted as a crash) and the
 * thread is replaced.
 *
 * `run(page, times, true)` moves the page's bytes to the thread instead of copying them, when the
 * Buffer owns its whole ArrayBuffer (a fetched body over 4 KB does): the caller gives up
 * `page.body`, which is empty afterwards on its side (the article job, done with the body).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { IngestError, REASONS, type ReasonCode } from '../errors.js';
import type { PageInput, StageTimes } from '../pipeline/page.js';
import type { FeedItemInput } from '../pipeline/feed-item.js';
import type { PrefilterVerdict } from '../prefilter/index.js';
import type { ArticleRecord } from '../types.js';
import type { ThreadRequest } from './extract-thread.js';
import { readTopicData } from '../tagging/topic.js';
import { topicsDirOf } from '../config/package.js';
import { siteRules } from '../extract/site-rules.js';

/**
 * What a pool hands each of its threads (workerData): the topic files and the site rules, read and
 * validated once in the main thread, as JSON text. The threads compile the topics from it
 * (src/tagging/topic-compile.ts) and so load neither yaml nor zod: ~4 MB less heap in each thread
 * (issue 17 round 12's measure of the two packages in a fresh thread; round 13). Kept as text, not
 * as parsed objects, so that the main thread holds one string per pool (about the size of the files)
 * for the threads it may have to start again.
 * - `topics`: JSON of `{ id, source, data }[]` in `config.topics` order (`data`: `TopicData`, `source`: the file's path);
 * - `siteRules`: JSON of the `SiteRule[]`, or null when the rules file could not be read or is
 *   invalid (the thread then reads it itself when a page first needs it, and fails that page with
 *   the file's error, as before this change).
 */
export interface ThreadTopics {
  topics: string;
  siteRules: string | null;
}

/**
 * Reads and validates the topic files and the site rules for the threads (see `ThreadTopics`).
 * @returns the workerData part, or the index and message of the first topic that cannot be read
 */
function readForThreads(topics: readonly string[], topicsDir: string | undefined): ThreadTopics | { topicIndex: number; message: string } {
  const out: { id: string; source: string; data: unknown }[] = [];
  for (const [i, id] of topics.entries()) {
    try {
      const { data, source } = readTopicData(id, topicsDirOf(topicsDir, id));
      out.push({ id, source, data });
    } catch (err) {
      return { topicIndex: i, message: (err as Error).message };
    }
  }
  let rules: string | null = null;
  try {
    rules = JSON.stringify(siteRules());
  } catch {
    rules = null;
  }
  return { topics: JSON.stringify(out), siteRules: rules };
}

/** What a task asks the thread (a ThreadRequest without its id). */
type Request = ThreadRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Task {
  id: number;
  req: Request;
  /** Names the work in errors: the page's URL, or the feed item's. */
  label: string;
  /** Move the page body's ArrayBuffer to the thread (see `run`). */
  move: boolean;
  times?: StageTimes;
  resolve: (r: unknown) => void;
  reject: (e: Error) => void;
}

/**
 * A topic file the pool could not read or validate (in the main thread, at construction) or a
 * thread could not compile (the threads compile the topics; the main thread keeps only the checked
 * file data, as text): `topicIndex` is its place in `config.topics`. The pool stops; `runWorker`
 * turns it into a ConfigError before it connects to Redis.
 */
export class TopicLoadError extends Error {
  constructor(
    readonly topicIndex: number,
    message: string,
  ) {
    super(message);
    this.name = 'TopicLoadError';
  }
}

interface Slot {
  worker: Worker;
  task: Task | null;
  /** The hard stop of the page in hand (twice the budget). */
  timer: NodeJS.Timeout | null;
  /** Terminated by the pool on purpose: its exit is not a crash. */
  stopped?: boolean;
  /**
   * The thread has loaded its modules and topics (its `{ready: true}` message). Pages go only to
   * ready threads, so a page's budget never pays for a thread's start (8–11 s under tsx on a
   * loaded 2-core machine, measured for issue 17; the main thread no longer loads these modules first).
   */
  ready: boolean;
}

type Reply =
  | { ready: true; id?: undefined }
  | { ready: false; id?: undefined; error: { topic: number; message: string } }
  | { id: number; ok: true; value: unknown; times?: StageTimes }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

/** Consecutive thread deaths without a finished page after which the pool stops replacing threads. */
const MAX_FAILED_STARTS = 3;

/**
 * Young-generation size of a capped thread, MB. With only the old generation capped, V8 derives
 * a young generation of a few MB from the cap: a page's DOM then outlives several scavenges and
 * is promoted, and the old generation fills and is collected far more often. Measured with
 * `node dist/bench/pool-memory.js` (933 corpus pages, 4 in flight, 256 MB cap, load 12–14, two
 * runs each; issue 17, round 4): young derived 11.9–12.0 ms CPU/page, peak RSS 326–334 MiB; 48 MB
 * 11.1–12.4 ms, 342–354 MiB; 96 MB 10.4–10.6 ms, 368–384 MiB; 128 MB 10.3–10.6 ms,
 * 434–442 MiB; no cap at all 9.1–10.0 ms, 496–514 MiB. Round 5 (622 pages, load 10–13, eld's
 * tables compact, two runs each, process CPU per page): 96 MB 19.4 / 17.6 ms, peak 307 / 288 MiB;
 * 32 MB 20.2 / 18.7 ms, 249 / 256 MiB; **16 MB 21.2 / 17.9 ms, 267 / 228 MiB**. V8 rounds a
 * semi-space (a third of this) up to a power of two: 16 MB gives 8 MB semi-spaces (a new space of
 * 16 MB), 32 MB gives 16 (32 MB). In the pipeline (bench:pipeline, 1,500 articles, load 11):
 * semi-spaces of 4 MB put the thread's GC at 22 % of its samples, 8 MB at 16 %, 32 MB at 13 %
 * (round 4); the worker's peak RSS 221 / 238 / 250+ MiB. Round 7 (the image's allocator and
 * main-thread old-generation settings in; bench:pipeline, 1,500 articles, compiled, three runs
 * started at the same second, load 9-17): 16 MB peak RSS 207.5 MiB, CPU per record after warm-up
 * 22.14 ms; **8 MB (4 MB semi-spaces) 191.0 MiB, 22.75 ms** (+2.7 %; the thread alone +20 %
 * CPU per page in that run). 8 is the trade for the 200 MB goal per worker process
 * (docs/pipeline-cost.md, round 7).
 */
const YOUNG_GENERATION_MB = 8;

/** The `resourceLimits` of an extraction thread with heap cap `heapMb` (MB; null: none, V8's own sizes). */
export function threadResourceLimits(heapMb: number | null): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } | undefined {
  return heapMb ? { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } : undefined;
}

/**
 * Starts a thread on the entry next to this module: `extract-thread.js` in the build; under
 * tsx or vitest (`.ts` sources) a small bootstrap registers tsx's loader in the thread first
 * (loader hooks are per thread, and tsx does not register itself in worker threads).
 */
function startThread(workerData: unknown, heapMb: number | null): Worker {
  const resourceLimits = threadResourceLimits(heapMb);
  if (resourceLimits) letThreadsSizeTheirHeap();
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./extract-thread.js', import.meta.url), { workerData, resourceLimits });
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./extract-thread.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}

let heapFlagsCleared = false;
/**
 * V8 flags are per process: `--max-semi-space-size` and `--max-old-space-size` (the image's
 * NODE_OPTIONS sets both for the main thread, Dockerfile) would also override every thread's
 * `resourceLimits` (V8's Heap::ConfigureHeap lets the flag win over the isolate's constraints).
 * An extraction thread with 4 MB semi-spaces spends ~22 % of its time in GC instead of ~13 %
 * (CPU profiles, issue 17 round 5), and one held to the main thread's old-generation size would
 * fail large pages as `page-too-complex` below `worker.extractHeapMb`. V8 reads the flags only
 * when it sets up an isolate's heap, so clearing them (0 = unset) once the main thread runs leaves
 * the main thread's heap as configured and lets the threads started afterwards take their
 * `resourceLimits`.
 */
export function letThreadsSizeTheirHeap(): void {
  if (heapFlagsCleared) return;
  heapFlagsCleared = true;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  for (const flag of ['--max-semi-space-size', '--max-old-space-size']) {
    if (given.some((f) => f.startsWith(flag))) setFlagsFromString(`${flag}=0`);
  }
}

/** The bytes of a page body to transfer: its own ArrayBuffer when it spans all of it, else none (a view into a pooled or shared buffer is copied by postMessage). */
function transferable(body: Uint8Array): ArrayBuffer[] {
  const ab = body.buffer;
  return ab instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === ab.byteLength && ab.byteLength > 0 ? [ab] : [];
}

/** Rebuilds the thread's error: an IngestError keeps its reason code (so retry/permanent mapping holds). */
function toError(e: { name: string; message: string; code?: string }): Error {
  if (e.code && e.code in REASONS) return new IngestError(e.code as ReasonCode, e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

export class ExtractPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;
  private failedStarts = 0;
  private broken: Error | null = null;
  private readonly startWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private anyReady = false;
  /** What every thread of this pool gets (null when a topic could not be read: the pool is broken from the start). */
  private readonly threadTopics: ThreadTopics | null;

  /**
   * @param size threads (>= 1)
   * @param topics topic ids to tag with; `topicsDir` their folder (default config/topics)
   * @param budgetMs time budget per page, ms (null: none); see the module doc
   * @param heapMb old-generation heap cap of each thread, MB (null: V8's default); see the module doc
   */
  constructor(
    readonly size: number,
    topics: readonly string[],
    topicsDir?: string,
    private readonly budgetMs: number | null = null,
    private readonly heapMb: number | null = null,
  ) {
    const read = readForThreads(topics, topicsDir);
    if ('topicIndex' in read) {
      // no thread could load the topics either (same files): started() rejects with it at once
      this.threadTopics = null;
      this.broken = new TopicLoadError(read.topicIndex, read.message);
      return;
    }
    this.threadTopics = read;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = startThread({ ...this.threadTopics!, budgetMs: this.budgetMs }, this.heapMb);
    const slot: Slot = { worker, task: null, timer: null, ready: false };
    worker.on('message', (m: Reply) => {
      if ('ready' in m && m.ready === false) return this.cannotStart(slot, new TopicLoadError(m.error.topic, m.error.message));
      if ('ready' in m) {
        slot.ready = true;
        this.anyReady = true;
        for (const w of this.startWaiters.splice(0)) w.resolve();
        this.pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      slot.task = null;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      this.failedStarts = 0;
      if (m.ok && task.times && m.times) Object.assign(task.times, m.times);
      if (m.ok) task.resolve(m.value);
      else task.reject(toError(m.error));
      this.pump();
    });
    const lost = (why: string) => {
      const task = slot.task;
      slot.task = null;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      if (slot.stopped) return;
      slot.stopped = true; // a crash fires 'error' then 'exit': one death counts once
      task?.reject(new Error(`extraction thread stopped (${why}) while extracting ${task.label}`));
      if (this.closed || this.broken) return;
      if (++this.failedStarts >= MAX_FAILED_STARTS) {
        this.giveUp(new Error(`extraction threads keep stopping (${why}); the pool gave up`));
        return;
      }
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.pump();
    };
    worker.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' && slot.task && !slot.stopped) return this.outOfMemory(slot);
      lost(err.message);
    });
    worker.on('exit', (code) => {
      if (!this.closed) lost(`exit code ${code}`);
    });
    return slot;
  }

  /** Stops handing out work: every task waiting and every `started()` caller gets `err`. */
  private giveUp(err: Error): void {
    this.broken = err;
    for (const t of this.waiting.splice(0)) t.reject(err);
    for (const w of this.startWaiters.splice(0)) w.reject(err);
  }

  /** A thread could not load a topic: no thread can (same files), so the pool stops at once. */
  private cannotStart(slot: Slot, err: TopicLoadError): void {
    slot.stopped = true; // its exit is expected
    if (this.closed || this.broken) return;
    this.giveUp(err);
  }

  /** A page held its thread past twice the budget: fail it as page-too-complex, replace the thread. */
  private overBudget(slot: Slot): void {
    const task = slot.task;
    slot.task = null;
    slot.timer = null;
    slot.stopped = true;
    void slot.worker.terminate();
    task?.reject(new IngestError('page-too-complex', `extraction of ${task.label} held its thread past twice the time budget (${this.budgetMs} ms); thread replaced`));
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = this.spawn();
    this.pump();
  }

  /** A page needed more heap than `heapMb`: fail it as page-too-complex, replace the thread (not a crash). */
  private outOfMemory(slot: Slot): void {
    const task = slot.task;
    slot.task = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.stopped = true; // its exit event is expected
    task?.reject(new IngestError('page-too-complex', `extraction of ${task.label} needed more than the thread's heap cap (worker.extractHeapMb ${this.heapMb} MB); thread replaced`));
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || !slot.ready || this.waiting.length === 0) continue;
      const task = this.waiting.shift()!;
      slot.task = task;
      if (this.budgetMs != null && task.req.kind === 'page') slot.timer = setTimeout(() => this.overBudget(slot), 2 * this.budgetMs + 1000);
      try {
        slot.worker.postMessage({ id: task.id, ...task.req }, task.move && task.req.kind === 'page' ? transferable(task.req.page.body) : []);
      } catch (err) {
        // a body that cannot be sent (a detached buffer): this page's fault, not the thread's
        slot.task = null;
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        task.reject(err as Error);
        queueMicrotask(() => this.pump()); // the slot is free again for the next page
      }
    }
  }

  /**
   * Turns a fetched page into a record in a thread; `times`, when given, receives the thread's extract and tag times.
   * @param moveBody give `page.body`'s bytes to the thread without a copy (the caller must not use the body afterwards; see the module doc)
   * @throws IngestError as `pageToRecord` does (`not-html`, `empty-article`, `page-too-complex`); Error when the pool is closed or a thread dies
   */
  run(page: PageInput, times?: StageTimes, moveBody = false): Promise<ArticleRecord> {
    return this.submit<ArticleRecord>({ kind: 'page', page }, page.url, moveBody, times);
  }

  /**
   * A feed item's own text → record (`feedItemToRecord`, tagged in the thread: text-only items,
   * the wall fallback), so the main thread needs no topics.
   * @throws Error as `feedItemToRecord` does (an item with neither title nor text); Error when the pool is closed or a thread dies
   */
  feedItemRecord(input: FeedItemInput): Promise<ArticleRecord> {
    return this.submit<ArticleRecord>({ kind: 'feed-item', input }, `feed item ${input.url}`, false);
  }

  /**
   * The feed pre-filter's verdict on each item (`prefilterItem`, in the thread), in the items' order.
   * @throws Error when the pool is closed or a thread dies
   */
  prefilter(items: { title: string | null; summary: string | null }[], feedId: string): Promise<PrefilterVerdict[]> {
    return this.submit<PrefilterVerdict[]>({ kind: 'prefilter', items }, `the pre-filter of feed ${feedId}`, false);
  }

  private submit<T>(req: Request, label: string, move: boolean, times?: StageTimes): Promise<T> {
    if (this.closed) return Promise.reject(new Error('extraction pool is closed'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, req, label, move, times, resolve: resolve as (r: unknown) => void, reject });
      this.pump();
    });
  }

  /**
   * Resolves once a thread has loaded its modules and topics.
   * @throws TopicLoadError when a thread cannot load a topic file; Error when threads keep dying or the pool is closed
   */
  started(): Promise<void> {
    if (this.anyReady) return Promise.resolve();
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error('extraction pool is closed'));
    return new Promise((resolve, reject) => this.startWaiters.push({ resolve, reject }));
  }

  /** Pages waiting for a thread plus pages being extracted. */
  get pending(): number {
    return this.waiting.length + this.slots.filter((s) => s.task).length;
  }

  /** Stops every thread; pages not finished fail with an Error. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.waiting.splice(0)) t.reject(new Error('extraction pool closed'));
    for (const w of this.startWaiters.splice(0)) w.reject(new Error('extraction pool closed'));
    await Promise.all(
      this.slots.map(async (s) => {
        s.task?.reject(new Error('extraction pool closed'));
        s.task = null;
        if (s.timer) clearTimeout(s.timer);
        await s.worker.terminate();
      }),
    );
  }
}
