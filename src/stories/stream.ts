/**
 * `news-ingest stories [FILE|-]`: offline grouping of JSON Lines, no Redis.
 *
 * Input: one JSON object per line, `{id, title, text, language?, publishedAt?, source?}`.
 * Each article is tagged with the configured topics (the signals the worker's records carry),
 * then grouped with `groupArticle` over an in-memory state, in order of `publishedAt`
 * (undated ones last, in input order), so the earliest article of a copy group is the
 * original whatever the order of the file. Output: one line per input line, in input order:
 * `{id, storyId, duplicateOf}`; a bad line (the checks `tag` makes, a bad `publishedAt`, an
 * `id` an earlier line has) gives `{line, error}` and the others go on.
 */
import { createInterface } from 'node:readline';
import { tagWithTopics } from '../pipeline/page.js';
import type { Topic } from '../tagging/index.js';
import { articleLineOf, parseJsonLine } from '../tagging/stream.js';
import type { StoryInput } from './features.js';
import { DEFAULT_GROUPING, groupArticle, type GroupingOptions } from './group.js';
import { MemoryStoryState } from './memory-state.js';
import { mergeSignals, timeOf } from './signals.js';

export { mergeSignals, timeOf } from './signals.js';

/**
 * Turns one parsed input line into a `StoryInput` (tagging it): checked by `articleLineOf`
 * (the rule `tag` applies), then `publishedAt` (a date, null or absent).
 * @throws Error naming the field at fault
 */
export function storyInputOf(obj: unknown, topics: readonly Topic[]): StoryInput {
  const a = articleLineOf(obj);
  const o = a.raw;
  if (o.publishedAt !== undefined && o.publishedAt !== null && timeOf(o.publishedAt) === null) throw new Error(`"publishedAt" is not a date: ${JSON.stringify(o.publishedAt).slice(0, 60)}`);
  const title = a.title ?? '';
  const tagged = tagWithTopics(topics, title || null, a.text, a.language);
  return {
    id: String(a.id),
    title,
    text: a.text,
    language: tagged.language,
    publishedAt: timeOf(o.publishedAt),
    source: typeof o.source === 'string' ? o.source : null,
    signals: mergeSignals(tagged.topics),
  };
}

/** One output line. */
export type StoriesLine = { id: string; storyId: string; duplicateOf: string | null } | { line: number; error: string };

/**
 * Groups a whole stream (see the module comment).
 * @returns the output lines in input order, and the state (for listing)
 */
export async function groupLines(lines: AsyncIterable<string> | Iterable<string>, topics: readonly Topic[], opts: GroupingOptions = DEFAULT_GROUPING): Promise<{ out: StoriesLine[]; state: MemoryStoryState }> {
  const out: StoriesLine[] = [];
  const items: { at: number; input: StoryInput }[] = [];
  // a story is named after its first article (`s-<id>`) and a copy names its original by id:
  // two articles under one id would share a story whatever their content
  const lineOfId = new Map<string, number>();
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (!raw.trim()) continue;
    try {
      const input = storyInputOf(parseJsonLine(raw), topics);
      const first = lineOfId.get(input.id);
      if (first !== undefined) throw new Error(`"id" ${JSON.stringify(input.id).slice(0, 60)} repeats line ${first}: ids must be unique`);
      lineOfId.set(input.id, n);
      items.push({ at: out.length, input });
      out.push({ id: input.id, storyId: '', duplicateOf: null });
    } catch (err) {
      out.push({ line: n, error: (err as Error).message });
    }
  }
  const order = [...items].sort((a, b) => (a.input.publishedAt ?? Infinity) - (b.input.publishedAt ?? Infinity) || a.at - b.at);
  const state = new MemoryStoryState(50, opts.maxStoryKeys);
  for (const it of order) {
    const r = await groupArticle(it.input, state, opts);
    out[it.at] = { id: it.input.id, storyId: r.storyId, duplicateOf: r.duplicateOf };
  }
  // stories merged by a later article (round 11): every line names the story it ended in
  for (const o of out) if ('storyId' in o && o.storyId) o.storyId = state.resolveStory(o.storyId);
  return { out, state };
}

/**
 * Reads JSON Lines from `input`, writes one `{id, storyId, duplicateOf}` line per input line.
 * @returns counts of lines read and of error lines
 */
export async function runStoriesStream(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, topics: readonly Topic[]): Promise<{ lines: number; errors: number }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  const { out } = await groupLines(rl, topics);
  let errors = 0;
  for (const l of out) {
    if ('error' in l) errors++;
    if (!output.write(`${JSON.stringify(l)}\n`)) await new Promise((r) => output.once('drain', r));
  }
  return { lines: out.length, errors };
}
