/**
 * Entry of an extraction thread (node:worker_threads), started by `ExtractPool`. Loads the
 * topics once (`workerData: { topics, topicsDir, budgetMs }`), then turns each page message into a record
 * with `pageToRecord`, the same function the in-process path calls, so both give the same record.
 *
 * Messages in: `{ id, page }` (PageInput; the body arrives as a Uint8Array). Out: `{ ready: true }`
 * once loaded (the pool sends pages only then), then per page `{ id, ok: true, record, times }`
 * (StageTimes) or `{ id, ok: false, error: { name, message, code? } }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IngestError } from '../errors.js';
import { pageToRecord, type PageInput } from '../pipeline/page.js';
import { loadTopic } from '../tagging/index.js';

const { topics: topicIds, topicsDir, budgetMs } = workerData as { topics: string[]; topicsDir?: string; budgetMs?: number | null };
const topics = topicIds.map((id) => loadTopic(id, topicsDir));

parentPort?.on('message', (msg: { id: number; page: PageInput }) => {
  const { id, page } = msg;
  try {
    const body = Buffer.from(page.body.buffer, page.body.byteOffset, page.body.byteLength);
    const times = { extractMs: 0, tagMs: 0 };
    const record = pageToRecord({ ...page, body }, topics, times, { budgetMs });
    parentPort?.postMessage({ id, ok: true, record, times });
  } catch (err) {
    const e = err as Error;
    parentPort?.postMessage({ id, ok: false, error: { name: e.name, message: e.message, code: err instanceof IngestError ? err.code : undefined } });
  }
});
parentPort?.postMessage({ ready: true });
