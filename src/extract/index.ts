/**
 * Extraction stage entry: `extractArticle(html, url) -> Extracted`.
 *
 * Steps: guard against input that is not an HTML page; parse with htmlparser2
 * (`cheerio/slim`, about 8x faster than parse5 on news pages); one scan for metadata
 * (metadata.ts); site rules if the host has one (site-rules.ts); cut the body into blocks,
 * dropping boilerplate (blocks.ts); pick the article container by content scoring
 * (weights.ts, score.ts); filter and join the blocks (text.ts). See docs/extraction.md.
 */
import { load } from 'cheerio/slim';
import { isMostlyControl } from '../http/sniff.js';
import type { Extracted } from '../types.js';
import { buildBlocks } from './blocks.js';
import { findFirst, type DomElement } from './dom.js';
import { collectImages } from './images.js';
import { extractMetadata } from './metadata.js';
import { FALLBACK_BELOW, TEASER_BELOW, TEASER_FACTOR, textFromData, textOfString, textWeight } from './fallback.js';
import { checkDeadline, parseHtml } from './parse.js';
import { isFrameset, scanPage } from './scan.js';
import { bodyHint, selectBlocks } from './score.js';
import { ruleFor, type SiteRule } from './site-rules.js';
import { filterBlocks, joinBlocks } from './text.js';

/** Pages longer than this (UTF-16 code units, ~ bytes for Latin text) are cut before parsing: 8 MiB. */
export const MAX_HTML_CHARS = 8 * 1024 * 1024;

/**
 * Why a text is not HTML, or null when it may be. Looks at the first bytes only:
 * PDF, PNG, GIF, JPEG, ZIP, WebP magic numbers, control characters over MAX_CONTROL_SHARE
 * (src/http/sniff.ts) of the first KiB, or no '<' at all.
 */
export function notHtmlReason(html: string): string | null {
  const head = html.slice(0, 1024);
  if (head.startsWith('%PDF-')) return 'not-html-pdf';
  if (/^(\x89PNG|GIF8[79]a|\xff\xd8\xff|PK\x03\x04|RIFF....WEBP|\ufffdPNG)/.test(head)) return 'not-html-image';
  if (isMostlyControl(head)) return 'not-html-binary';
  // Many U+FFFD replacement characters: binary bytes decoded as UTF-8.
  const bad = head.match(/\ufffd/g)?.length ?? 0;
  if (bad > 16 && bad > head.length / 20) return 'not-html-binary';
  if (!html.slice(0, 65536).includes('<')) return 'not-html-no-markup';
  return null;
}

/** Where the article's images live: the container's nearest <article>/<main>/named body, else its parent (figures sit beside the text). */
function imageScope(container: DomElement | null): DomElement | null {
  if (!container) return null;
  for (let p: DomElement | null = container; p && p.type === 'tag' && p.name !== 'body'; p = p.parent) {
    if (p.name === 'article' || p.name === 'main' || bodyHint(p) === 2) return p;
  }
  return container.name === 'body' || !container.parent || container.parent.type !== 'tag' ? container : container.parent;
}

/**
 * Text in Unicode normalization form C. Pages carry letters in decomposed form too (a Bengali
 * য + nukta ় for য়, Devanagari nukta letters, Vietnamese and Latin accents typed as combining
 * marks, text pasted from macOS file names); the same word then has two spellings, and searches,
 * deduplication and matches against text from elsewhere (feeds, other pages, NFC as the W3C's
 * Character Model asks for the web) miss it. trafilatura normalizes its output to NFC too.
 */
function nfc(s: string | null): string | null {
  return s === null ? null : s.normalize('NFC');
}

function emptyResult(warnings: string[]): Extracted {
  return {
    title: null, authors: [], byline: null, publishedAt: null, modifiedAt: null, language: null, canonicalUrl: null,
    summary: null, siteName: null, leadImageUrl: null, text: '', paragraphs: [], images: [], warnings,
  };
}

/** Options of `extractArticle`. */
export interface ExtractOptions {
  /**
   * Time budget for this page, ms of wall time on the thread that extracts (a thread runs one
   * page at a time, so this is close to its CPU time). Past it, `page-too-complex` is thrown.
   * Default: none (the worker passes `worker.extractBudgetMs`).
   */
  budgetMs?: number | null;
  /**
   * When this HTML was captured (fetched, or archived): chooses the site rule valid on that day
   * (config/site-rules.yaml `since`/`until`). The capture date and not the publication date,
   * as Fundus picks a parser version by the page's crawl date: a site renders its old articles
   * in its current layout. Default: today. The pipeline passes the page's `fetchedAt`.
   */
  layoutDate?: Date | null;
  /** The site-rule table to use (default: siteRules(), config/site-rules.yaml). */
  siteRules?: readonly SiteRule[];
}

/**
 * Extracts an article from an HTML page. Never throws on bad markup: an unusable page
 * (empty, binary, frameset, no text) gives empty text and a warning (`empty-body`,
 * `not-html-pdf`, `not-html-image`, `not-html-binary`, `not-html-no-markup`, `frameset`,
 * `truncated`, `empty-text`, `bad-json-ld`, `too-deep` (nesting past the parser's depth bound),
 * `text-from-json-ld` / `text-from-next-data` / `text-from-props` / `text-from-noscript` / `text-from-template` (the text came
 * from data, the visible page had none), `text-from-hidden` (from markup hidden at first, or a
 * frameset's `<noframes>`: the visible page had none)).
 * @param html decoded page text (see decodeBody in src/http/charset.ts)
 * @param url the page URL (base for relative URLs, site-rule lookup)
 * @param opts see ExtractOptions
 * @throws IngestError `page-too-complex` only, when `opts.budgetMs` runs out
 */
export function extractArticle(html: string, url: string, opts: ExtractOptions = {}): Extracted {
  const deadline = opts.budgetMs != null ? Date.now() + opts.budgetMs : null;
  if (!html || !html.trim()) return emptyResult(['empty-body', 'empty-text']);
  const reason = notHtmlReason(html);
  if (reason) return emptyResult([reason, 'empty-text']);
  const warnings: string[] = [];
  if (html.length > MAX_HTML_CHARS) {
    html = html.slice(0, MAX_HTML_CHARS);
    warnings.push('truncated');
  }
  const { document, droppedTags } = parseHtml(html, { deadline, url });
  if (droppedTags) warnings.push('too-deep');
  // The document node is the root; cheerio (for a site rule's selectors) wraps it only when a
  // rule applies. `load(document)` costs 0.02 ms alone, yet extraction of the Zyte pages took
  // about 22% more CPU with it on every page (same process and separate processes, both
  // orders; docs/extraction.md, speed after round 5): the later walks were slower after it.
  const root = document as unknown as DomElement;
  const scan = scanPage(root);
  const meta = extractMetadata(scan, url);
  warnings.push(...meta.warnings);

  let keep: DomElement | null = null;
  const rule = ruleFor(url, opts.layoutDate ?? undefined, opts.siteRules);
  if (rule) {
    const $ = load(document, null, true);
    for (const sel of rule.drop ?? []) $(sel).remove();
    if (rule.keep) keep = ($(rule.keep).get(0) as unknown as DomElement | undefined) ?? null;
  }
  const body = findFirst(root, 'body') ?? root;
  // From the document root, not <body>: pages without <body> (fragments, framesets' noframes,
  // old markup) put their text under <html> or even <head>, where htmlparser2 leaves it.
  const all = buildBlocks(keep ?? root, undefined, { pageUrl: url, headline: scan.h1s.length === 1 ? scan.h1s[0] : null });
  checkDeadline(deadline, 'block building', url);
  const { blocks, container } = selectBlocks(all, keep);
  let kept = filterBlocks(blocks, meta.title, url);
  let text = joinBlocks(kept);
  let paragraphs: string[] | null = null;
  // No article in the visible HTML: the page may carry it as data (JSON-LD articleBody,
  // __NEXT_DATA__, <noscript>, a script template). Take the longest that clearly beats it.
  if (textWeight(text) < FALLBACK_BELOW && !keep) {
    const best = textFromData(root, scan, meta.articleBody, meta.title)[0];
    if (best && best.text.length >= 2 * Math.max(text.length, 40)) {
      text = best.text;
      paragraphs = best.blocks ? best.blocks.map((b) => b.text) : best.text.split('\n\n');
      if (best.blocks) kept = best.blocks;
      warnings.push(`text-from-${best.source}`);
    }
  }
  // A teaser page: a standfirst and captions visible, the whole story in its own JSON-LD.
  else if (!keep && meta.articleBody && text.length < TEASER_BELOW && meta.articleBody.length >= TEASER_FACTOR * text.length) {
    const best = textOfString(meta.articleBody, meta.title);
    if (best.text.length >= TEASER_FACTOR * text.length) {
      text = best.text;
      paragraphs = best.blocks ? best.blocks.map((b) => b.text) : best.text.split('\n\n');
      if (best.blocks) kept = best.blocks;
      warnings.push('text-from-json-ld');
    }
  }
  if (!text) {
    if (isFrameset(root)) warnings.push('frameset');
    warnings.push('empty-text');
  }

  const images = collectImages(imageScope(container) ?? body, meta.baseUrl);
  const firstParagraph = kept.find((b) => b.tag === 'p')?.text ?? null;
  return {
    title: nfc(meta.title),
    authors: meta.authors,
    byline: nfc(meta.byline),
    publishedAt: meta.publishedAt,
    modifiedAt: meta.modifiedAt,
    language: meta.language,
    canonicalUrl: meta.canonicalUrl,
    summary: nfc(meta.summary ?? firstParagraph),
    siteName: meta.siteName,
    leadImageUrl: meta.ogImage ?? images[0] ?? null,
    text: text.normalize('NFC'),
    paragraphs: (paragraphs ?? kept.map((b) => b.text)).map((p) => p.normalize('NFC')),
    images,
    warnings,
  };
}
