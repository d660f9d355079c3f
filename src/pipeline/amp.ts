/**
 * AMP pages (https://amp.dev): a feed that links the AMP copy of a story is followed to the
 * story's canonical page, which carries the whole text without AMP's ad placeholders. AMP
 * requires `<link rel="canonical">` on every AMP page (AMP HTML spec, "Required markup").
 */

/** True when the page's root element is marked AMP (`<html amp>` or `<html ⚡>`). */
export function isAmpPage(head: string): boolean {
  return /<html\b[^>]*?\s(?:amp|⚡)(?:[\s=>]|$)/i.test(head);
}

/**
 * The canonical page of an AMP page, when it is another http(s) URL.
 * @param body the fetched page bytes
 * @param finalUrl where the page was fetched from (the base of a relative canonical)
 * @param decodedHead the body's first 64 KiB decoded as UTF-8 when the fetch has it already
 *   (`FetchResult.head`); decoded here otherwise
 * @returns the absolute canonical URL, or null (not AMP, no canonical, or the page itself)
 */
export function ampCanonicalOf(body: Buffer, finalUrl: string, decodedHead?: string): string | null {
  const head = decodedHead ?? body.subarray(0, 65_536).toString('utf8');
  if (!isAmpPage(head)) return null;
  for (const tag of head.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']?canonical\b/i.test(tag)) continue;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (!href) return null;
    try {
      const u = new URL((href[1] ?? href[2] ?? href[3]).replace(/&amp;/g, '&').trim(), finalUrl);
      u.hash = '';
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
      return u.href === new URL(finalUrl).href ? null : u.href;
    } catch {
      return null;
    }
  }
  return null;
}

/** AMP elements that hold ads and their loading/fallback text ("Advertisement loading",
 * "Sponsored content unavailable"): never article text. */
const AMP_AD_ELEMENTS = /<(amp-ad|amp-embed|amp-sticky-ad|amp-auto-ads|amp-ad-exit|amp-fx-flying-carpet)\b[\s\S]*?<\/\1\s*>/gi;

/**
 * Removes AMP ad elements, with their placeholder and fallback children, from a page before
 * extraction. Pages without them are returned unchanged.
 */
export function stripAmpAds(html: string): string {
  return html.includes('<amp-') ? html.replace(AMP_AD_ELEMENTS, ' ') : html;
}
