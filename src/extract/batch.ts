/**
 * Batch protocol of ../shared/tools/eval-extraction.mjs (`news-ingest extract --batch`):
 * reads JSON lines `{id, path, url}` from `input`, reads each file's bytes, decodes them
 * with `decodeBody(buf, null, 'html')`, extracts, and writes one JSON line per page to
 * `output`: `{id, text, title, byline, publishedAt, lang, siteName, excerpt}`, or
 * `{id, error}` when the page could not be read. Lines that are not JSON are skipped.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import readline from 'node:readline';
import { decodeBody } from '../http/charset.js';
import { extractArticle } from './index.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a page file with `decodeBody(buf, null, 'html')`; when that picks a legacy charset
 * but the bytes are valid UTF-8 with multi-byte sequences, the page is UTF-8 (a page re-saved
 * as UTF-8 keeps its old <meta charset>; the evaluator's corpus files are UTF-8). Random legacy
 * text is almost never valid multi-byte UTF-8 (the WHATWG encoding-sniffing argument).
 */
export function decodePage(buf: Buffer): string {
  // decodeBody decides the charset from the first 2048 bytes (BOM, <meta charset>, default
  // UTF-8); when it says UTF-8 there, Node's native decoder reads the whole page (iconv-lite's
  // UTF-8 path costs several times more). Any other answer goes through decodeBody in full.
  // Invalid UTF-8 keeps decodeBody's own answer (e.g. its windows-1252 fallback).
  const head = decodeBody(buf.subarray(0, 2048), null, 'html');
  if (head.charset === 'utf-8' || head.charset === 'utf8') {
    if (isUtf8(buf)) {
      const s = buf.toString('utf8');
      return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    }
  }
  const d = decodeBody(buf, null, 'html');
  if (d.charset === 'utf-8' || d.charset === 'utf8') return d.text;
  try {
    const s = strictUtf8.decode(buf);
    if (/[^\x00-\x7f]/.test(s)) return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  } catch {
    // not UTF-8: keep the declared charset
  }
  return d.text;
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
