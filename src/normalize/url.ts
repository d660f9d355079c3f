/**
 * Canonical URLs: the key that dedups articles across feeds and re-fetches.
 *
 * Rules (DESIGN.md "The record"): absolute http(s) only; lower-cased scheme and host
 * (WHATWG URL parsing already does this and drops default ports); no fragment; tracking
 * parameters removed (utm_*, fbclid, gclid and the other click ids listed below, from the
 * ClearURLs and Firefox query-stripping lists); remaining parameters sorted by name, stably,
 * so `?b=1&a=2` and `?a=2&b=1` give one id.
 */
import { createHash } from 'node:crypto';

/** Query parameter names dropped outright (click ids and referral tags). */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', 'mkt_tok',
  '_ga', '_gl', 'ocid', 'cmpid', 'wt.mc_id', 'ref_src', 'twclid', 'ttclid', 'srsltid', 'guccounter',
  'oly_enc_id', 'oly_anon_id', 'vero_id', '__twitter_impression', 'spm',
]);
/** Parameter name prefixes dropped (Google Analytics campaign tags and relatives). */
const TRACKING_PREFIXES = ['utm_', 'at_', 'pk_', 'mtm_', 'hsa_', 'ga_'];

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * The URL without its credentials (`https://user:pass@host/rss` -> `https://host/rss`),
 * otherwise unchanged. Records carry URLs to every sink; a feed or page URL configured with
 * credentials must not hand them out. A string that is not a URL is returned as it is.
 */
export function stripCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Returns the canonical form of an absolute URL.
 * @param url absolute URL, or relative when `base` is given
 * @throws TypeError when the result is not an absolute http(s) URL
 */
export function canonicalizeUrl(url: string, base?: string): string {
  const u = new URL(url.trim(), base);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${url}`);
  u.hash = '';
  u.username = '';
  u.password = '';
  const kept = [...u.searchParams.entries()].filter(([k]) => !isTracking(k));
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  return u.toString();
}

/** Record id: the first 32 hex chars of sha-256 of the canonical URL. */
export function recordIdOf(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 32);
}
