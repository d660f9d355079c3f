/**
 * Minimal view of the domhandler tree that `cheerio/slim` (htmlparser2) builds, and the few
 * tree helpers the extractor needs. The extractor walks nodes directly instead of running
 * CSS selectors: one walk over the tree costs about as much as one selector, and the
 * extractor needs only a handful of walks per page.
 */

/** A node as domhandler 5 builds it: `type` is `tag`, `script`, `style`, `text`, `comment`, `directive`, `cdata` or `root`. */
export interface DomNode {
  type: string;
  parent: DomElement | null;
}

/** An element (`tag`, `script`, `style`) or the document root. */
export interface DomElement extends DomNode {
  /** Lower-case tag name (htmlparser2 lower-cases in HTML mode). */
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}

/** A text node: `data` holds the decoded text (entities already decoded by htmlparser2). */
export interface DomText extends DomNode {
  data: string;
}

/** True for element-like nodes (tags, script, style). */
export function isElement(n: DomNode): n is DomElement {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/** True for text nodes. */
export function isText(n: DomNode): n is DomText {
  return n.type === 'text';
}

/** Concatenated text of a subtree (no whitespace normalization), skipping script/style. Iterative: safe on any depth. */
export function textOf(n: DomNode): string {
  if (isText(n)) return n.data;
  let s = '';
  const stack: DomNode[] = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (isText(x)) {
      s += x.data;
      continue;
    }
    if (x.type !== 'tag' && x.type !== 'root' && x.type !== 'cdata') continue;
    const kids = (x as DomElement).children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return s;
}

/** Raw text of a script/style/cdata element (its text children, no tag filtering). */
export function rawText(n: DomElement): string {
  let s = '';
  for (const k of n.children ?? []) {
    if (isText(k)) s += k.data;
    else if (k.type === 'cdata') s += rawText(k as DomElement);
  }
  return s;
}

/** Collapses runs of whitespace (incl. NBSP and zero-width spaces) to one space, drops soft hyphens (U+00AD), and trims. */
export function collapse(s: string): string {
  if (s.includes('\u00ad')) s = s.replace(/\u00ad/g, '');
  return s.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/g, ' ').trim();
}

/** The first descendant element (depth-first, document order) with that tag name, or null. */
export function findFirst(root: DomElement, name: string): DomElement | null {
  let found: DomElement | null = null;
  walkElements(root, (el) => {
    if (found) return false;
    if (el.name === name) {
      found = el;
      return false;
    }
    return true;
  });
  return found;
}

/**
 * Calls `fn` on every element under `root` in document order; `fn` returning false skips the
 * subtree. Iterative (explicit stack): broken pages nest deeper than the call stack allows.
 */
export function walkElements(root: DomElement, fn: (el: DomElement) => boolean | void): void {
  const stack: DomNode[] = [];
  const kids0 = root.children;
  if (!kids0) return;
  for (let i = kids0.length - 1; i >= 0; i--) stack.push(kids0[i]);
  while (stack.length) {
    const k = stack.pop()!;
    if (!isElement(k)) continue;
    if (fn(k) === false) continue;
    const kids = k.children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** Resolves a possibly relative URL against a base; null when it does not parse or is not http(s). */
export function resolveUrl(href: string | undefined | null, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || h.startsWith('data:') || h.startsWith('javascript:')) return null;
  try {
    const u = new URL(h, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
