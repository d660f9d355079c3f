/**
 * Child process of tests/integration/jsonl-compact-full.test.ts: writes `argv[3]` records to
 * the JSONL sink at `argv[2]`, each id twice (two versions, so the close compacts), closes the
 * sink, and prints one JSON line `{closeError, code}` (`closeError` null when the close
 * succeeded). The compaction's temp file is `<path>.<this pid>.tmp`.
 */
import { JsonlSink } from '../../src/sinks/jsonl.js';
import type { ArticleRecord } from '../../src/types.js';

const [path, count] = [process.argv[2]!, Number(process.argv[3] ?? 20)];
const record = (id: string, v: number) => ({ schemaVersion: 1, id, url: `http://x.test/${id}`, canonicalUrl: `http://x.test/${id}`, title: `t ${id}`, text: `version ${v} of ${id}`, contentHash: `${id}-${v}`, topics: [], storyId: null, duplicateOf: null }) as unknown as ArticleRecord;
const sink = new JsonlSink(path, 'all');
for (const v of [1, 2]) for (let i = 0; i < count; i++) await sink.write(record(`id${i}`, v));
let out: { closeError: string | null; code: string | null } = { closeError: null, code: null };
try {
  await sink.close();
} catch (err) {
  out = { closeError: (err as Error).message, code: (err as NodeJS.ErrnoException).code ?? null };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
