/**
 * JSON Lines tagging for the CLI (`news-ingest tag [FILE|-]`).
 *
 * Input: one JSON object per line, `{id, title, text, language?}`. Output: one line per
 * input line, `{id, relevant, score, language, signals}` for the first topic, plus `topics`
 * (every topic's match) when more than one topic is given. A line that is not valid JSON or
 * lacks `text` gives `{line, error}` naming its 1-based line number; the others go on.
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
  id: string | number | null;
  relevant: boolean;
  score: number;
  language: string | null;
  signals: TopicMatch['signals'];
  topics?: TopicMatch[];
}

/** Tags one parsed input object; throws an Error with a message when it is unusable. */
function tagOne(obj: unknown, topics: Topic[]): TagLine {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('expected a JSON object');
  const o = obj as Record<string, unknown>;
  if (typeof o.text !== 'string') throw new Error('missing string field "text"');
  if (o.title !== undefined && o.title !== null && typeof o.title !== 'string') throw new Error('"title" must be a string or null');
  const article = {
    title: (o.title as string | null | undefined) ?? null,
    text: o.text,
    language: typeof o.language === 'string' ? o.language : null,
  };
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : null;
  const matches = topics.map((t) => tagArticle(article, t));
  const first = matches[0]!;
  const line: TagLine = { id, relevant: first.relevant, score: first.score, language: first.language, signals: first.signals };
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
      if (raw.length > MAX_LINE_CHARS) throw new Error(`line longer than ${MAX_LINE_CHARS} characters`);
      out = JSON.stringify(tagOne(JSON.parse(raw), topics));
    } catch (err) {
      errors++;
      const message = err instanceof SyntaxError ? `invalid JSON: ${err.message}` : (err as Error).message;
      out = JSON.stringify({ line: lineNo, error: message });
    }
    const p = write(output, out);
    if (p) await p;
  }
  return { lines, errors };
}
