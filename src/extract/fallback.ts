/**
 * Text carried as data when the visible HTML has no article: some pages ship the article only
 * in JSON-LD `articleBody`, in Next.js's `__NEXT_DATA__` JSON, in component props serialized
 * into an attribute (`data-react-props`), inside `<noscript>`, or as an
 * HTML template in a `<script type="text/template">` that a script renders, or as captions in a
 * gallery box on a photo page. The extractor
 * calls `textFromData` when the visible text is short (see `index.ts`), and keeps the longest
 * candidate that beats it.
 */
import { buildBlocks, type Block } from './blocks.js';
import { walkElements, type DomElement } from './dom.js';
import { parseHtml } from './parse.js';
import type { PageScan } from './scan.js';
import { selectBlocks } from './score.js';
import { filterBlocks, joinBlocks } from './text.js';

/** Below this many characters (as `textWeight` counts them) the visible text is "no article" and data sources are tried. */
export const FALLBACK_BELOW = 250;

/** Han, kana and Hangul: scripts that write a word in one to three characters, without spaces. */
const DENSE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * Length of a text for the "no article" test, in Latin-text characters: a Han, kana or Hangul
 * character counts twice. A Japanese or Chinese sentence says in about 40 characters what an
 * English one says in 100 (a 200-character Japanese news item is a whole story of several
 * sentences, as long to read as 500 Latin characters), so the bare length took short CJK
 * stories for empty pages and replaced or padded them with hidden or data text (a hidden photo
 * record appended to a Yomiuri news item). Factor 2 is the low end of the ratio, so a CJK
 * teaser of a sentence or two still counts as no article.
 */
export function textWeight(text: string): number {
  return text.length + (text.match(DENSE_SCRIPT)?.length ?? 0);
}

/** One candidate text and where it came from. */
export interface DataText {
  source: 'json-ld' | 'next-data' | 'props' | 'noscript' | 'template' | 'hidden' | 'gallery';
  text: string;
  blocks: Block[] | null;
}

/**
 * A teaser page: the visible text is a fraction of the article the page's own JSON-LD carries
 * (a paywalled or script-rendered story whose HTML shows a standfirst and captions, its
 * `articleBody` the whole story). The JSON-LD copy is taken when it is at least this many times
 * longer than the visible text and the visible text is under TEASER_BELOW characters.
 */
export const TEASER_FACTOR = 3;
/** See TEASER_FACTOR: visible text this long or longer is an article, whatever the data says. */
export const TEASER_BELOW = 1500;

/** Attributes in which front-end frameworks serialize a component's props as JSON. */
const PROPS_ATTRIBUTES = ['data-react-props', 'data-props', 'data-page'];

/** Paragraphs of a plain or HTML string: HTML is run through the block pass, plain text split on blank lines. */
export function textOfString(s: string, title: string | null): { text: string; blocks: Block[] | null } {
  if (/<(p|div|br|h[1-6]|li)\b/i.test(s)) {
    const { document } = parseHtml(s);
    const kept = filterBlocks(selectBlocks(buildBlocks(document as unknown as DomElement)).blocks, title);
    return { text: joinBlocks(kept), blocks: kept };
  }
  const paras = s.split(/\n\s*\n|\r\n\s*\r\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return { text: paras.join('\n\n'), blocks: null };
}

// Strings of a JSON tree that read as prose: long, several words, ending a sentence or holding markup.
function proseStrings(v: unknown, out: string[], depth = 0): void {
  if (depth > 40 || out.length > 500) return;
  if (typeof v === 'string') {
    if (v.length >= 80 && / \S+ \S+ /.test(v) && !/^https?:\/\//.test(v) && (/[.!?…»"”]\s*$/.test(v) || /<p\b/i.test(v))) out.push(v);
    return;
  }
  if (Array.isArray(v)) for (const x of v) proseStrings(x, out, depth + 1);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) proseStrings(x, out, depth + 1);
}

/** The first object (depth-first) with a `title`/`headline`/`name` string of at least 15 characters that the page title contains. */
function titledObject(v: unknown, pageTitle: string, depth = 0): object | null {
  if (depth > 40 || !v || typeof v !== 'object') return null;
  if (!Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of ['title', 'headline', 'name']) {
      const t = o[k];
      if (typeof t === 'string' && t.trim().length >= 15 && pageTitle.includes(t.trim().toLowerCase())) return o;
    }
  }
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const hit = titledObject(x, pageTitle, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * The candidates, longest first.
 * @param root the parsed page (its `<noscript>` content is parsed as markup by htmlparser2)
 * @param scan the page scan (data scripts)
 * @param articleBody the JSON-LD articleBody of the page's article, or null
 */
export function textFromData(root: DomElement, scan: PageScan, articleBody: string | null, title: string | null): DataText[] {
  const out: DataText[] = [];
  if (articleBody) out.push({ source: 'json-ld', ...textOfString(articleBody, title) });
  for (const d of scan.dataScripts) {
    if (d.kind === 'template') {
      out.push({ source: 'template', ...textOfString(d.text, title) });
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(d.text);
    } catch {
      continue;
    }
    const strings: string[] = [];
    proseStrings(data, strings);
    const html = strings.filter((x) => /<p\b/i.test(x)).sort((a, b) => b.length - a.length)[0];
    if (html) out.push({ source: 'next-data', ...textOfString(html, title) });
    else if (strings.length) out.push({ source: 'next-data', text: [...new Set(strings.map((x) => x.replace(/\s+/g, ' ').trim()))].join('\n\n'), blocks: null });
  }
  // Component props serialized into an attribute (React on Rails' `data-react-props`, Inertia's
  // `data-page`, `data-props`): the same prose search as __NEXT_DATA__.
  walkElements(root, (el) => {
    const a = el.attribs;
    for (const name of PROPS_ATTRIBUTES) {
      const v = a[name];
      if (!v || v.length < 200 || (v[0] !== '{' && v[0] !== '[')) continue;
      let data: unknown;
      try {
        data = JSON.parse(v);
      } catch {
        continue;
      }
      // Props hold every component's data (menus, teasers of other stories): the object whose
      // own title is the page's title holds this page's text.
      const own = title ? titledObject(data, title.toLowerCase()) : null;
      const strings: string[] = [];
      proseStrings(own ?? data, strings);
      // The page's own object: all its prose in order (description, steps, body parts).
      if (own && strings.length) {
        const parts = [...new Set(strings)].map((x) => textOfString(x, title).text).filter(Boolean);
        out.push({ source: 'props', text: parts.join('\n\n'), blocks: null });
        continue;
      }
      const html = strings.filter((x) => /<p\b/i.test(x)).sort((x, y) => y.length - x.length)[0];
      if (html) out.push({ source: 'props', ...textOfString(html, title) });
      else if (strings.length) out.push({ source: 'props', text: [...new Set(strings.map((x) => x.replace(/\s+/g, ' ').trim()))].join('\n\n'), blocks: null });
    }
  });
  const ns = filterBlocks(selectBlocks(buildBlocks(root, 20000, { noscript: true })).blocks, title);
  out.push({ source: 'noscript', text: joinBlocks(ns), blocks: ns });
  // The last resort: the article is in the markup but hidden until a script shows it (a page
  // wrapper set to `display:none` or `visibility:hidden` against a flash of unstyled content,
  // `aria-hidden` on the app root while a modal is open) or sits in a frameset's `<noframes>`.
  // Hidden menus and pop-ups come back too, so the blocks are scored again as a whole page.
  const hid = filterBlocks(selectBlocks(buildBlocks(root, 20000, { reveal: true })).blocks, title);
  out.push({ source: 'hidden', text: joinBlocks(hid), blocks: hid });
  // A photo page: its text is the captions inside a box named as a gallery or slideshow, which
  // the first pass drops as boilerplate (a gallery beside a story is not the story).
  const gal = filterBlocks(selectBlocks(buildBlocks(root, 20000, { media: true })).blocks, title);
  out.push({ source: 'gallery', text: joinBlocks(gal), blocks: gal });
  return out.filter((c) => c.text).sort((a, b) => b.text.length - a.text.length);
}
