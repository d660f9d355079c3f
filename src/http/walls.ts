/**
 * Responses that stand in front of the resource instead of being it, recognised from the
 * response alone (status, headers, the first bytes): bot walls (a CDN's JavaScript or
 * CAPTCHA challenge), cookie-consent hosts a redirect sends us to, and redirects written in
 * the page (`<meta http-equiv="refresh">`) or in a `Refresh:` header.
 *
 * The markers are the public fingerprints of the common walls (Cloudflare's
 * `cf-mitigated: challenge` header and challenge page, Akamai, Imperva/Incapsula, DataDome,
 * PerimeterX, Sucuri), as feed readers list them (Miniflux, FreshRSS and feedbin bug reports
 * of feeds "failing with 403/503" behind a challenge). Page-level walls that need the parsed
 * page (consent overlays, paywall stubs, JavaScript shells) are in src/pipeline/walls.ts.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Statuses a challenge page comes with (403 Forbidden, 503 during a challenge, 429 from some WAFs). */
const CHALLENGE_STATUSES = new Set([403, 429, 503]);

/** Fingerprints that only a challenge page carries (ordinary pages of a protected site
 * never do), so they count even on a 200. */
const CHALLENGE_ONLY: RegExp[] = [
  /<title>\s*(?:Just a moment\.\.\.|Attention Required! \| Cloudflare|Checking your browser)/i,
  /Checking (?:if the site connection is secure|your browser before accessing)/i,
  /Enable JavaScript and cookies to continue/i,
  /Incapsula incident ID/i,
  /geo\.captcha-delivery\.com/i,
  /<title>\s*(?:Are you a robot\?|Verify you are human|Robot or human\?|Bot verification|Access to this page has been denied)/i,
];

/** Fingerprints of bot-wall pages in the first bytes of a 403/503 body. Cloudflare,
 * PerimeterX and Incapsula scripts also sit on ordinary pages, so these need the status. */
const BOT_WALL_MARKERS: RegExp[] = [
  ...CHALLENGE_ONLY,
  /\/cdn-cgi\/challenge-platform\//i,
  /\bcf[-_]chl[-_]/i,
  /_Incapsula_Resource/i,
  /captcha-delivery\.com/i,
  /\bpx-captcha\b|_pxCaptcha/i,
  /Access to this page has been denied/i,
  /sucuri_cloudproxy|Sucuri WebSite Firewall/i,
  /Reference #\d+\.[0-9a-f]+\.\d+\.[0-9a-f]+/i, // Akamai "Access Denied" reference
  /DDoS protection by|ddos-guard/i,
  /awsWafCookieDomainList|aws-waf-token|AwsWafIntegration/i,
];

/**
 * Each list as one alternation: the same matches as testing its expressions one by one, in one
 * pass over the head instead of six or sixteen (this runs on every article page, twice: ~40 %
 * less time on the corpus pages' 64 KB heads, issue 17).
 */
const anyOf = (res: RegExp[]) => new RegExp(res.map((re) => `(?:${re.source})`).join('|'), 'i');
const CHALLENGE_ONLY_ANY = anyOf(CHALLENGE_ONLY);
const BOT_WALL_ANY = anyOf(BOT_WALL_MARKERS);

/** True when a body's first bytes look like a bot-wall challenge page (`strict`: only the
 * fingerprints no ordinary page carries). */
export function looksLikeBotWall(head: string, strict = false): boolean {
  return (strict ? CHALLENGE_ONLY_ANY : BOT_WALL_ANY).test(head);
}

/**
 * Whether a response is a bot wall.
 * @param status HTTP status
 * @param headers response headers
 * @param head the first bytes of the body as text ('' when not read)
 * @returns a short description of the evidence, or null
 */
export function botWallOf(status: number, headers: IncomingHttpHeaders, head: string): string | null {
  const mitigated = headers['cf-mitigated'];
  if (typeof mitigated === 'string' && /challenge/i.test(mitigated)) return 'cf-mitigated: challenge';
  // AWS WAF's CAPTCHA/challenge action, DataDome's block (its header on a 403).
  const waf = headers['x-amzn-waf-action'];
  if (typeof waf === 'string' && /captcha|challenge/i.test(waf)) return `x-amzn-waf-action: ${waf}`;
  if (status === 403 && typeof headers['x-datadome'] === 'string') return 'x-datadome on a 403';
  if (CHALLENGE_STATUSES.has(status) && looksLikeBotWall(head)) return `challenge page behind HTTP ${status}`;
  if (status >= 200 && status < 300 && looksLikeBotWall(head, true) && !/<article\b/i.test(head)) return 'challenge page';
  return null;
}

/** Hosts (or host prefixes) that serve cookie-consent interstitials: Google, Yahoo/AOL, Oath,
 * and the consent-management platforms' hosted pages. */
const CONSENT_HOSTS = [/^consent\./i, /^consent-/i, /^myprivacy\./i, /^privacy-?gate\./i, /(?:^|\.)consentmanager\.net$/i, /(?:^|\.)privacy-mgmt\.com$/i, /(?:^|\.)cookielaw\.org$/i, /^guce\./i, /(?:^|\.)cmp\.[a-z0-9-]+\.[a-z]+$/i];
const CONSENT_PATHS = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(?:privacy\/)?(?:consent|cookie-?consent|cookies?-?(?:wall|policy-accept)|privacy-?(?:gate|consent|wall)|gdpr(?:-consent)?|collectConsent)(?:[/?.]|$)/i;

/**
 * True when a URL is a cookie-consent interstitial (a redirect to `consent.google.com`,
 * `consent.yahoo.com`, `guce.*`, a `/consent` or `/privacy-gate` page...).
 */
export function isConsentUrl(url: URL): boolean {
  return CONSENT_HOSTS.some((re) => re.test(url.hostname)) || CONSENT_PATHS.test(url.pathname);
}

/** Longest delay of a refresh we follow as a redirect, seconds: longer ones are page reloads. */
export const MAX_REFRESH_DELAY_S = 10;

/**
 * The target of a refresh: a `Refresh: 0; url=/x` header value or the content of a
 * `<meta http-equiv="refresh" content="0;URL='/x'">` in the page's first bytes. A refresh
 * without a URL, or with a delay over MAX_REFRESH_DELAY_S, is a reload and gives null.
 * @param value the header value or meta content
 * @returns the URL as written (relative or absolute), or null
 */
export function refreshTarget(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^\s*(\d+(?:\.\d+)?)?\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)(.*?)\2\s*$/i.exec(value);
  if (!m || !m[3]) return null;
  if (m[1] !== undefined && Number(m[1]) > MAX_REFRESH_DELAY_S) return null;
  if (/^\d+(?:\.\d+)?$/.test(m[3])) return null;
  return m[3].trim() || null;
}

/** The content of the first `<meta http-equiv="refresh">` in an HTML head, or null. */
export function metaRefreshOf(head: string): string | null {
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?refresh\b/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    return content ? (content[1] ?? content[2] ?? content[3]).replace(/&amp;/g, '&') : null;
  }
  return null;
}
