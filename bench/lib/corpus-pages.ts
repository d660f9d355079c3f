/**
 * The article pages the pipeline benchmark serves and extracts: every page of
 * ../shared/corpus/extraction (zyte/html/*.html.gz, gunzipped, and readability-pages/<name>/source.html),
 * read once into memory, in a fixed order (sorted by set and name) so every run sees the same sequence.
 *
 * Each page's `<link rel="canonical">` and `og:url` are removed: the benchmark serves every page
 * under many unique URLs, and a page's own canonical URL would otherwise fold them all into one
 * record id (the record's id is the hash of the canonical URL, DESIGN.md "The record").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One corpus page. */
export interface CorpusPage {
  /** `zyte/<hash>` or `readability/<folder>`. */
  id: string;
  /** The page bytes as served (canonical hints removed). */
  body: Buffer;
}

const CANONICAL_LINK = /<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>/gi;
const OG_URL = /<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*>/gi;

/** Removes canonical-URL hints (ASCII-level edit, so legacy-encoded pages keep their bytes). */
export function stripCanonicalHints(body: Buffer): Buffer {
  const s = body.toString('latin1');
  const out = s.replace(CANONICAL_LINK, '').replace(OG_URL, '');
  return out.length === s.length ? body : Buffer.from(out, 'latin1');
}

/**
 * Loads every page of `<sharedDir>/corpus/extraction`.
 * @param limit at most this many pages (all by default)
 * @throws Error when the folder is missing or holds no page
 */
export function loadCorpusPages(sharedDir: string, limit = Infinity): CorpusPage[] {
  const root = join(sharedDir, 'corpus/extraction');
  const pages: CorpusPage[] = [];
  const zyte = join(root, 'zyte/html');
  if (existsSync(zyte)) {
    for (const f of readdirSync(zyte).filter((n) => n.endsWith('.html.gz')).sort()) {
      pages.push({ id: `zyte/${f.replace(/\.html\.gz$/, '')}`, body: stripCanonicalHints(gunzipSync(readFileSync(join(zyte, f)))) });
    }
  }
  const rdb = join(root, 'readability-pages');
  if (existsSync(rdb)) {
    for (const d of readdirSync(rdb).sort()) {
      const file = join(rdb, d, 'source.html');
      if (existsSync(file)) pages.push({ id: `readability/${d}`, body: stripCanonicalHints(readFileSync(file)) });
    }
  }
  if (pages.length === 0) throw new Error(`no pages under ${root}`);
  return pages.slice(0, limit);
}
