/**
 * Images of the article: lazy-loading attributes (`data-src`, `data-srcset`, `srcset`, ...)
 * resolved to the largest candidate, `<noscript>` copies read (htmlparser2 parses their content
 * as markup), `data:` placeholders and 1x1 tracking pixels dropped, duplicates removed.
 * Rules from the html-lazy-images-noscript case (cheerio#1105, article-extractor#181).
 */
import { resolveUrl, walkElements, type DomElement } from './dom.js';

const LAZY_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-hi-res-src', 'data-full-src', 'src'];

/** The largest candidate of a srcset (by `w`, then `x` descriptor; the last one when none). */
export function largestFromSrcset(srcset: string | undefined): string | null {
  if (!srcset) return null;
  let best: string | null = null;
  let bestSize = -1;
  for (const part of srcset.split(/,\s+|,(?=https?:|\/)/)) {
    const [u, d] = part.trim().split(/\s+/);
    if (!u || u.startsWith('data:')) continue;
    const size = d ? parseFloat(d) * (d.endsWith('x') ? 1000 : 1) : 0;
    if (size >= bestSize) {
      best = u;
      bestSize = size;
    }
  }
  return best;
}

/** The real source of an <img>, or null for placeholders and tracking pixels. */
export function imageSource(img: DomElement, baseUrl: string): string | null {
  const a = img.attribs;
  if (a.width === '1' || a.height === '1') return null;
  const fromSet = largestFromSrcset(a['data-srcset']) ?? largestFromSrcset(a['data-lazy-srcset']) ?? largestFromSrcset(a.srcset);
  if (fromSet) return resolveUrl(fromSet, baseUrl);
  for (const k of LAZY_ATTRS) {
    const v = a[k];
    if (v && !v.trim().startsWith('data:')) return resolveUrl(v, baseUrl);
  }
  return null;
}

/**
 * The images under an element, document order, de-duplicated.
 * @param root the article container (or body)
 * @param baseUrl base for relative URLs (`<base href>` resolved against the page URL)
 * @param max stop after this many
 */
export function collectImages(root: DomElement, baseUrl: string, max = 50): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  walkElements(root, (el) => {
    if (out.length >= max) return false;
    if (el.name === 'img') {
      const src = imageSource(el, baseUrl);
      if (src && !seen.has(src)) {
        seen.add(src);
        out.push(src);
      }
      return false;
    }
    return true;
  });
  return out;
}
