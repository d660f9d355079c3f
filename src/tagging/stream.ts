/**
 * JSON Lines tagging for the CLI (`news-ingest tag [FILE|-]`).
 *
 * Input: one JSON object per line, `{id, title, text, language?}`. Output: one line per
 * input line, `{id, relevant, score, language, signals}` for the first topic, plus `topics`
 * (every topic's match) when more than one topic is given. A line that is not valid JSON, or
 * lacks `id` or `text` (`parseJsonLine`, `articleLineOf`: the rules `stories` applies too), gives `{line, error}`
 * naming its 1-based line number; the others go on.
 * Blank lines are skipped without output.
 */
import { createInterface } from 'node:readline';
import type { TopicMatch } from '../types.js';
import { tagArticle } from './index.js';
import type { Topic } from './topic.js';

/** Largest input line accepted (characters); longer lines give an error line. 16 MiB. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** One output line for a good input line. */
export interface TagLine {
  id: string | number;
  relevant: boolean;
  score: number;
  language: string | null;
  signals: TopicMatch['signals'];
  topics?: TopicMatch[];
}

/** The fields `tag` and `stories` read from an input line, checked. */
export interface ArticleLine {
  /** The line's `id` as given (a non-empty string, or a number); echoed on its output line. */
  id: string | number;
  title: string | null;
  text: string;
  language: string | null;
  /** The parsed object, for the fields a command reads besides these (`publishedAt`, `source`). */
  raw: Record<string, unknown>;
}

/**
 * Parses one input line of `tag` and `stories` (at most MAX_LINE_CHARS).
 * @throws Error `line longer than …` or `invalid JSON: <parser message>`
 */
export function parseJsonLine(raw: string): unknown {
  if (raw.length > MAX_LINE_CHARS) throw new Error(`line longer than ${MAX_LINE_CHARS} characters`);
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new Error(`invalid JSON: ${(err as Error).message}`);
  }
}

/**
 * Checks one parsed input line of `tag` and `stories` (one rule for both, so one file gives
 * the same verdict per line to each): a JSON object with `id` (a non-empty string or a number:
 * the output line names it, and a line without one could not be matched to its input), `text`
 * (a string), `title` (a string, null or absent), `language` (a string, else ignored).
 * @throws Error whose message names the field at fault (`missing field "id" …`)
 */
export function articleLineOf(obj: unknown): ArticleLine {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('expected a JSON object');
  const o = obj as Record<string, unknown>;
  if (!((typeof o.id === 'string' && o.id.trim() !== '') || (typeof o.id === 'number' && Number.isFinite(o.id)))) {
    throw new Error(o.id === undefined || o.id === null ? 'missing field "id" (a non-empty string or a number)' : `"id" must be a non-empty string or a number, got ${JSON.stringify(o.id).slice(0, 60)}`);
  }
  if (typeof o.text !== 'string') throw new Error('missing string field "text"');
  if (o.title !== undefined && o.title !== null && typeof o.title !== 'string') throw new Error('"title" must be a string or null');
  return { id: o.id, title: (o.title as string | null | undefined) ?? null, text: o.text, language: typeof o.language === 'string' ? o.language : null, raw: o };
}

/** Tags one checked input line. */
function tagOne(a: ArticleLine, topics: Topic[]): TagLine {
  const article = { title: a.title, text: a.text, language: a.language, publishedAt: typeof a.raw.publishedAt === 'string' ? a.raw.publishedAt : null };
  const matches = topics.map((t) => tagArticle(article, t));
  const first = matches[0]!;
  const line: TagLine = { id: a.id, relevant: first.relevant, score: first.score, language: first.language, signals: first.signals };
  if (topics.length > 1) line.topics = matches.map(({ language: _l, ...m }) => m);
  return line;
}

function write(output: NodeJS.WritableStream, line: string): Promise<void> | void {
  if (!output.write(`${line}\n`)) return new Promise((resolve) => output.once('drain', () => resolve()));
}

/**
 * Reads JSON Lines from `input`, writes one tagged line per input line to `output`.
 * @param topics compiled topics (at least one); the first one fills the top-level fields
 * @returns counts of lines read (non-blank) and of error lines written
 * @throws Error when `topics` is empty; stream errors reject the promise
 */
export async function runTagStream(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, topics: Topic[]): Promise<{ lines: number; errors: number }> {
  if (topics.length === 0) throw new Error('runTagStream needs at least one topic');
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let lines = 0;
  let errors = 0;
  for await (const raw of rl) {
    lineNo++;
    if (!raw.trim()) continue;
    lines++;
    let out: string;
    try {
      out = JSON.stringify(tagOne(articleLineOf(parseJsonLine(raw)), topics));
    } catch (err) {
      errors++;
      out = JSON.stringify({ line: lineNo, error: (err as Error).message });
    }
    const p = write(output, out);
    if (p) await p;
  }
  return { lines, errors };
}
