/**
 * One walk over the whole document that collects what the metadata pass needs: meta tags,
 * JSON-LD scripts, <link>, <base>, <title>, <h1>/<h2> texts, <time> elements and byline
 * candidates. Collecting in one walk keeps metadata cheap next to the parse itself.
 */
import { collapse, isElement, rawText, textOf, walkElements, type DomElement } from './dom.js';

/** What the page declares about itself, as found in the markup (unresolved, untrimmed). */
export interface PageScan {
  /** Meta values keyed by lower-cased `property`, `name` or `itemprop` (last value wins; all values kept in `metaAll`). */
  meta: Map<string, string>;
  metaAll: Map<string, string[]>;
  jsonLd: string[];
  canonical: string | null;
  baseHref: string | null;
  htmlLang: string | null;
  title: string | null;
  headings: { tag: string; text: string }[];
  /** The page's `<h1>` elements, in document order. */
  h1s: DomElement[];
  /** `<time datetime>` values, pubdate/itemprop-marked ones first. */
  times: string[];
  /** Byline candidates from the page: rel=author, itemprop=author, class/id "byline"/"author". */
  bylines: string[];
  frames: string[];
  hasBody: boolean;
  /** Scripts that carry page content as data: HTML templates (`text/template`, `text/html`, `text/x-template`) and Next.js's `__NEXT_DATA__` JSON. */
  dataScripts: { kind: 'template' | 'next-data'; text: string }[];
}

// Readability 0.6's REGEXPS.byline, matched on "class id" as a substring.
const BYLINE_HINT = /byline|author|dateline|writtenby|p-author/i;

/**
 * Scans the document once.
 * @param root the document root from `cheerio/slim`'s `load`
 */
export function scanPage(root: DomElement): PageScan {
  const s: PageScan = {
    meta: new Map(), metaAll: new Map(), jsonLd: [], canonical: null, baseHref: null, htmlLang: null,
    title: null, headings: [], h1s: [], times: [], bylines: [], frames: [], hasBody: false, dataScripts: [],
  };
  const pubTimes: string[] = [];
  const unlikelyBylines: string[] = [];
  walkElements(root, (el) => {
    const a = el.attribs;
    switch (el.name) {
      case 'html':
        if (s.htmlLang === null && a.lang) s.htmlLang = a.lang;
        else if (s.htmlLang === null && a['xml:lang']) s.htmlLang = a['xml:lang'];
        return;
      case 'body':
        s.hasBody = true;
        break;
      case 'meta': {
        const content = a.content ?? a.value;
        if (content === undefined) return false;
        const keys = [a.property, a.name, a.itemprop, a['http-equiv']].filter(Boolean) as string[];
        for (const raw of keys) {
          // `property` may hold several space-separated names (RDFa).
          for (const k of raw.toLowerCase().split(/\s+/)) {
            if (!k) continue;
            // Last value wins, as in Readability 0.6 (its output is the readability-pages truth).
            s.meta.set(k, content);
            const all = s.metaAll.get(k);
            if (all) all.push(content);
            else s.metaAll.set(k, [content]);
          }
        }
        // Keys from `property` are also kept as `prop:<key>` (article:author counts only there, as in Readability).
        if (a.property) for (const k of a.property.toLowerCase().split(/\s+/)) if (k) s.meta.set(`prop:${k}`, content);
        if (a.itemprop === 'datePublished' && content) pubTimes.push(content);
        return false;
      }
      case 'script': {
        const type = (a.type ?? '').toLowerCase();
        if (type.includes('ld+json')) s.jsonLd.push(rawText(el));
        else if (a.id === '__NEXT_DATA__') s.dataScripts.push({ kind: 'next-data', text: rawText(el) });
        else if (/^text\/(template|html|x-template)$/.test(type)) s.dataScripts.push({ kind: 'template', text: rawText(el) });
        return false;
      }
      case 'style':
        return false;
      case 'link': {
        const rel = (a.rel ?? '').toLowerCase();
        if (s.canonical === null && rel.split(/\s+/).includes('canonical') && a.href) s.canonical = a.href;
        return false;
      }
      case 'base':
        if (s.baseHref === null && a.href) s.baseHref = a.href;
        return false;
      case 'title':
        if (s.title === null && !hasSvgAncestor(el)) s.title = textOf(el);
        return false;
      case 'h1':
      case 'h2':
        if (el.name === 'h1') s.h1s.push(el);
        s.headings.push({ tag: el.name, text: collapse(textOf(el)) });
        break;
      case 'time': {
        const dt = a.datetime;
        if (dt) {
          if (a.pubdate !== undefined || /datePublished/i.test(a.itemprop ?? '') || /publish/i.test(a.class ?? '')) pubTimes.push(dt);
          else s.times.push(dt);
        }
        break;
      }
      case 'frame':
      case 'iframe':
        if (el.name === 'frame' && a.src) s.frames.push(a.src);
        break;
    }
    if (!a.class && !a.id && !a.rel && !a.itemprop) return true;
    if (a.itemprop && a.datetime && /datePublished/i.test(a.itemprop)) pubTimes.push(a.datetime);
    if (s.bylines.length + unlikelyBylines.length < 10 && (a.rel === 'author' || (a.itemprop !== undefined && /\bauthor\b/i.test(a.itemprop)) || (a.class !== undefined && BYLINE_HINT.test(a.class)) || (a.id !== undefined && BYLINE_HINT.test(a.id)))) {
      // Length test on the raw text, whitespace included, as Readability's _isValidByline does.
      const raw = bylineText(el).trim();
      const t = collapse(raw);
      if (t && raw.length < 100 && !isHiddenEl(el)) {
        (inUnlikely(el) ? unlikelyBylines : s.bylines).push(t);
        return false;
      }
    }
    return true;
  });
  s.times = [...pubTimes, ...s.times];
  // Bylines inside header/sidebar/comment-like wrappers come last (Readability skips those
  // wrappers on its first pass and only reaches them when nothing else is found).
  s.bylines.push(...unlikelyBylines);
  return s;
}

// Readability 0.6's unlikelyCandidates / okMaybeItsACandidate / unlikelyRoles: its byline search
// never enters such elements, so a byline there is not the article's.
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE = /and|article|body|column|content|main|mathjax|shadow/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

function inUnlikely(el: DomElement): boolean {
  for (let p: DomElement | null = el; p && p.name !== 'body' && p.name !== 'html'; p = p.parent) {
    const a = p.attribs ?? {};
    if (a.role && UNLIKELY_ROLES.has(a.role)) return true;
    if (p.name === 'a') continue;
    const m = `${a.class ?? ''} ${a.id ?? ''}`;
    if (m.length > 1 && UNLIKELY.test(m) && !MAYBE.test(m)) return true;
  }
  return false;
}

function isHiddenEl(el: DomElement): boolean {
  for (let p: DomElement | null = el; p && p.name !== 'body'; p = p.parent) {
    const a = p.attribs ?? {};
    if (a.hidden !== undefined || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style ?? '')) return true;
  }
  return false;
}

function hasSvgAncestor(el: DomElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.name === 'svg') return true;
  return false;
}

/** Text of a byline element, preferring a nested itemprop=name (as Readability does). */
function bylineText(el: DomElement): string {
  let named: DomElement | null = null;
  walkElements(el, (k) => {
    if (named) return false;
    if ((k.attribs.itemprop ?? '').includes('name')) named = k;
    return !named;
  });
  return textOf(named ?? el);
}

/** True when the root's first element is a <frameset> document without a usable body. */
export function isFrameset(root: DomElement): boolean {
  let found = false;
  walkElements(root, (el) => {
    if (el.name === 'frameset') found = true;
    return !found && (el.name === 'html' || el.name === 'head');
  });
  return found || root.children.some((k) => isElement(k) && k.name === 'frameset');
}
