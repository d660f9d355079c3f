/**
 * Entry of an extraction thread (node:worker_threads), started by `ExtractPool`. Loads the
 * topics once (`workerData: { topics, topicsDir, budgetMs }`), then does every piece of work
 * that needs the compiled topics, so the worker's main thread never loads them (issue 17 round 9:
 * ~8.6 MB of heap and the tagging modules): pages (`pageToRecord`, the same function the in-process
 * path calls, so both give the same record), feed items (`feedItemToRecord`: text-only items and
 * the wall fallback) and the feed pre-filter (`prefilterItem`).
 *
 * Messages in: `{ id, kind: 'page', page }` (PageInput; the body arrives as a Uint8Array),
 * `{ id, kind: 'feed-item', input }` (FeedItemInput), `{ id, kind: 'prefilter', items }` (titles
 * and summaries). Out: `{ ready: true }` once loaded (the pool sends work only then), or
 * `{ ready: false, error: { topic, message } }` when a topic file cannot be loaded (the thread then
 * ends); then per message `{ id, ok: true, value, times? }` (a record and its StageTimes, or the
 * pre-filter's verdicts) or `{ id, ok: false, error: { name, message, code? } }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IngestError } from '../errors.js';
import { pageToRecord, type PageInput } from '../pipeline/page.js';
import { feedItemToRecord, type FeedItemInput } from '../pipeline/feed-item.js';
import { prefilterItem } from '../prefilter/index.js';
import { loadTopic, type Topic } from '../tagging/index.js';

/** A message from the pool (see the module doc). */
export type ThreadRequest =
  | { id: number; kind: 'page'; page: PageInput }
  | { id: number; kind: 'feed-item'; input: FeedItemInput }
  | { id: number; kind: 'prefilter'; items: { title: string | null; summary: string | null }[] };

const { topics: topicIds, topicsDir, budgetMs } = workerData as { topics: string[]; topicsDir?: string; budgetMs?: number | null };

function loadAll(): Topic[] | null {
  const out: Topic[] = [];
  for (const [i, id] of topicIds.entries()) {
    try {
      out.push(loadTopic(id, topicsDir));
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
