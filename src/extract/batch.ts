/**
 * Batch protocol of ../shared/tools/eval-extraction.mjs (`news-ingest extract --batch`):
 * reads JSON lines `{id, path, url}` from `input`, reads each file's bytes, decodes them
 * with `decodeBody(buf, null, 'html')`, extracts, and writes one JSON line per page to
 * `output`: `{id, text, title, byline, publishedAt, lang, siteName, excerpt}`, or
 * `{id, error}` when the page could not be read. Lines that are not JSON are skipped.
 */
import { readFileSync } from 'node:fs';
import readline from 'node:readline';
import { decodeBody } from '../http/charset.js';
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
  for await (const line of rl) {
    if (!line.trim()) continue;
    let req: { id?: unknown; path?: unknown; url?: unknown };
    try {
      req = JSON.parse(line);
    } catch {
      continue;
    }
    const id = String(req.id ?? '');
    let out: Record<string, unknown>;
    try {
      // Synchronous read: one page at a time is the protocol, and it skips an event-loop turn per page.
      const buf = readFileSync(String(req.path));
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
