/**
 * Entry of an extraction thread (node:worker_threads), started by `ExtractPool`. Compiles the
 * topics once from the data the pool read and validated in the main thread (`workerData:
 * { topics, siteRules, budgetMs }`, see `ThreadTopics`: the thread loads neither yaml nor zod,
 * issue 17 round 13), then does every piece of work
 * that needs the compiled topics, so the worker's main thread never loads them (issue 17 round 9:
 * ~8.6 MB of heap and the tagging modules): pages (`pageToRecord`, the same function the in-process
 * path calls, so both give the same record), feed items (`feedItemToRecord`: text-only items and
 * the wall fallback) and the feed pre-filter (`prefilterItem`).
 *
 * Messages in: `{ id, kind: 'page', page }` (PageInput; the body arrives as a Uint8Array),
 * `{ id, kind: 'feed-item', input }` (FeedItemInput), `{ id, kind: 'prefilter', items }` (titles
 * and summaries). Out: `{ ready: true }` once loaded (the pool sends work only then), or
 * `{ ready: false, error: { topic, message } }` when a topic cannot be compiled (the thread then
 * ends); then per message `{ id, ok: true, value, times? }` (a record and its StageTimes, or the
 * pre-filter's verdicts) or `{ id, ok: false, error: { name, message, code? } }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IngestError } from '../errors.js';
import { pageToRecord, type PageInput } from '../pipeline/page.js';
import { feedItemToRecord, type FeedItemInput } from '../pipeline/feed-item.js';
import { prefilterItem } from '../prefilter/index.js';
import { compileTopicData } from '../tagging/topic-compile.js';
import type { Topic } from '../tagging/topic.js';
import { useSiteRules } from '../extract/site-rules.js';
import type { ThreadTopics } from './extract-pool.js';

/** A message from the pool (see the module doc). */
export type ThreadRequest =
  | { id: number; kind: 'page'; page: PageInput }
  | { id: number; kind: 'feed-item'; input: FeedItemInput }
  | { id: number; kind: 'prefilter'; items: { title: string | null; summary: string | null }[] };

const { topics: topicsJson, siteRules, budgetMs } = workerData as ThreadTopics & { budgetMs?: number | null };
// The site rules as the pool read and checked them (null: the pool could not read them; this
// thread then reads the file itself when a page first needs it, and fails that page as before).
if (siteRules !== null) useSiteRules(JSON.parse(siteRules));

function loadAll(): Topic[] | null {
  const out: Topic[] = [];
  for (const [i, t] of (JSON.parse(topicsJson) as { id: string; source: string; data: Parameters<typeof compileTopicData>[1] }[]).entries()) {
    try {
      out.push(compileTopicData(t.id, t.data, t.source));
    } catch (err) {
      parentPort?.postMessage({ ready: false, error: { topic: i, message: (err as Error).message } });
      return null;
    }
  }
  return out;
}

const topics = loadAll();

function handle(msg: ThreadRequest): { value: unknown; times?: { extractMs: number; tagMs: number } } {
  if (msg.kind === 'feed-item') return { value: feedItemToRecord(msg.input, topics!) };
  if (msg.kind === 'prefilter') return { value: msg.items.map((item) => prefilterItem(item, topics!)) };
  const { page } = msg;
  const body = Buffer.from(page.body.buffer, page.body.byteOffset, page.body.byteLength);
  const times = { extractMs: 0, tagMs: 0 };
  return { value: pageToRecord({ ...page, body }, topics!, times, { budgetMs }), times };
}

if (topics) {
  parentPort?.on('message', (msg: ThreadRequest) => {
    const { id } = msg;
    try {
      parentPort?.postMessage({ id, ok: true, ...handle(msg) });
    } catch (err) {
      const e = err as Error;
      parentPort?.postMessage({ id, ok: false, error: { name: e.name, message: e.message, code: err instanceof IngestError ? err.code : undefined } });
    }
  });
  parentPort?.postMessage({ ready: true });
}
// else: no listener, so the thread ends once the error is sent; the pool stops (ExtractPool.started)
