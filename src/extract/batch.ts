/**
 * Batch protocol of ../shared/tools/eval-extraction.mjs (`news-ingest extract --batch`):
 * reads JSON lines `{id, path, url}` from `input`, reads each file's bytes, decodes them
 * with `decodeBody(buf, null, 'html')`, extracts, and writes one JSON line per page to
 * `output`: `{id, text, title, byline, publishedAt, lang, siteName, excerpt}`, or
 * `{id, error}` when the page could not be read (`cannot read <path>: <code>: <meaning>`, or a
 * missing `path`). A line that is not a JSON object is answered `{id: null, line, error}` (its
 * 1-based line number) and counted as an error; blank lines are skipped.
 */
import { readFileSync } from 'node:fs';
import readline from 'node:readline';
import { decodeBody } from '../http/charset.js';
import { fsErrorText } from '../errors.js';
import { extractArticle } from './index.js';

/**
 * Decodes a page file as a fetched page with no Content-Type: `decodeBody(buf, null, 'html')`
 * (BOM, `<meta charset>`, valid multi-byte UTF-8 over a stale legacy declaration, UTF-8).
 */
export function decodePage(buf: Buffer): string {
  return decodeBody(buf, null, 'html').text;
}

/**
 * Runs the batch protocol until `input` ends.
 * @returns pages answered and pages that failed (`error` lines)
 */
export async function runExtractBatch(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<{ pages: number; errors: number }> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let pages = 0;
  let errors = 0;
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let req: { id?: unknown; path?: unknown; url?: unknown };
    try {
      req = JSON.parse(line);
      if (!req || typeof req !== 'object' || Array.isArray(req)) throw new Error('expected a JSON object {id, path, url}');
    } catch (err) {
      // answered, not skipped: a request without its answer was lost without a word
      errors++;
      pages++;
      const message = err instanceof SyntaxError ? `invalid JSON: ${err.message}` : (err as Error).message;
      if (!output.write(`${JSON.stringify({ id: null, line: lineNo, error: message })}\n`)) await new Promise((r) => output.once('drain', r));
      continue;
    }
    const id = String(req.id ?? '');
    let out: Record<string, unknown>;
    try {
      if (typeof req.path !== 'string' || !req.path) throw new Error('missing string field "path"');
      // Synchronous read: one page at a time is the protocol, and it skips an event-loop turn per page.
      let buf: Buffer;
      try {
        buf = readFileSync(req.path);
      } catch (err) {
        throw new Error(`cannot read ${req.path}: ${fsErrorText(err)}`);
      }
      const html = decodePage(buf);
      const x = extractArticle(html, typeof req.url === 'string' && req.url ? req.url : 'http://localhost/');
      out = {
        id, text: x.text, title: x.title, byline: x.byline ?? (x.authors.length ? x.authors.join(', ') : null),
        publishedAt: x.publishedAt, lang: x.language, siteName: x.siteName, excerpt: x.summary,
      };
    } catch (err) {
      errors++;
      out = { id, error: err instanceof Error ? err.message : String(err) };
    }
    pages++;
    if (!output.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => output.once('drain', r));
  }
  return { pages, errors };
}
