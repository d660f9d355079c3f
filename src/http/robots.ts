/**
 * robots.txt for article pages (RFC 9309), parsed with robots-parser, cached per origin in the
 * `RobotsCache` it is given (in the worker: Redis, src/state/robots-cache.ts, so every worker
 * process shares one copy).
 *
 * Rules from RFC 9309:
 * - §2.3.1.3 4xx ("unavailable", including 401/403): the crawler MAY access everything;
 * - §2.3.1.4 5xx or unreachable (network error, timeout): assume complete disallow, for now;
 *   cached for UNREACHABLE_TTL_MS, then asked again. 429 is treated like 5xx (as Google does);
 * - §2.3.1.2 at least five redirects are followed (fetchResource follows five);
 * - §2.4 a cached copy SHOULD NOT be used for more than 24 hours: TTL = the server's
 *   Cache-Control max-age, between MIN_TTL_MS and 24 h;
 * - §2.5 parse at least 500 KiB: the body is cut there, not refused.
 * Group matching by the product token of the User-Agent (robots-parser lower-cases it and drops
 * everything from the first `/`: "news-ingest/0.1.0 (+url)" matches `User-agent: news-ingest`).
 */
import type { RobotsCache } from '../state/robots-cache.js';
import robotsParserModule from 'robots-parser';
import type { HttpConfig } from '../config/schema.js';
import { IngestError } from '../errors.js';
import { fetchResource, type FetchOptions, type FetchResult } from './fetch.js';
import type { HopSlotGrant } from './hops.js';

/** Longest a robots.txt is cached, ms (RFC 9309 §2.4: 24 hours). */
export const MAX_TTL_MS = 24 * 3600_000;
/** Shortest cache time for a fetched robots.txt, ms, even with `no-cache` (one fetch per 10 min per origin at most). */
export const MIN_TTL_MS = 10 * 60_000;
/** How long "unreachable, disallow for now" is kept before asking again, ms. */
export const UNREACHABLE_TTL_MS = 10 * 60_000;
/** Bytes of robots.txt read (RFC 9309 §2.5: at least 500 KiB). */
export const ROBOTS_MAX_BYTES = 500 * 1024;

export interface RobotsDeps {
  /** Where verdicts are cached (src/state/robots-cache.ts `redisRobotsCache`). */
  cache: RobotsCache;
  http: HttpConfig;
  userAgent: string;
  /** Replaces fetchResource (tests). */
  fetch?: (url: string, opts: FetchOptions) => Promise<FetchResult>;
  /** Extra fetch options (tests: resolver, addressPolicy; the worker: proxy, hopSlot for redirects to another host). */
  fetchOptions?: Partial<FetchOptions>;
  /**
   * Per-host politeness for the robots.txt request itself (the worker: src/state/politeness.ts
   * `waitHostSlot` on the origin's host): awaited before the fetch, `started` wired as the fetch's
   * `onResponseStart`, released after it. It throws IngestError `host-busy` when the host stays
   * busy (not cached: the article job is delayed). Without it robots.txt is fetched at once.
   */
  hostSlot?: (host: string) => Promise<HopSlotGrant>;
}

/** The decision and why: `rules` (robots.txt says so), `unavailable` (4xx: allow all), `unreachable` (5xx/network: disallow for now), `off` (http.respectRobots false). */
export interface RobotsVerdict {
  allowed: boolean;
  basis: 'rules' | 'unavailable' | 'unreachable' | 'off';
  /** `Crawl-delay` for our User-Agent, ms, or null. */
  crawlDelayMs: number | null;
}

// robots-parser is CommonJS (`module.exports = fn`) but its types declare an ES default export;
// under NodeNext the import is the function at runtime and the module object to the type checker.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

type Cached = { kind: 'rules'; body: string } | { kind: 'unavailable' } | { kind: 'unreachable'; reason: string };

async function load(origin: string, deps: RobotsDeps): Promise<Cached> {
  const hit = await deps.cache.get(origin);
  if (hit) {
    try {
      return JSON.parse(hit) as Cached;
    } catch {
      // A corrupt entry is refetched.
    }
  }
  let entry: Cached;
  let ttl: number;
  // robots.txt is a request to the host like any other: it takes the host's politeness slot
  // (docs/review.md round 9 faults: it used to go out at once, right before the article page).
  // A busy host throws `host-busy` here, before the fetch, so it is never cached as unreachable.
  const slot = deps.hostSlot ? await deps.hostSlot(new URL(origin).host) : null;
  try {
    if (slot) {
      // another job may have fetched it while this one waited for the slot
      const now = await deps.cache.get(origin).catch(() => null);
      if (now) {
        try {
          return JSON.parse(now) as Cached;
        } catch {
          // corrupt: fetched again below
        }
      }
    }
    const res = await (deps.fetch ?? fetchResource)(`${origin}/robots.txt`, {
      http: deps.http,
      userAgent: deps.userAgent,
      kind: 'text',
      maxBytes: ROBOTS_MAX_BYTES,
      truncate: true,
      ...deps.fetchOptions,
      ...(slot ? { onResponseStart: slot.started } : {}),
    });
    entry = { kind: 'rules', body: res.body.toString('utf8') };
    ttl = Math.min(MAX_TTL_MS, Math.max(MIN_TTL_MS, res.cacheMaxAgeMs ?? MAX_TTL_MS));
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    // The proxy's failure says nothing about the site: not cached, the article job reports it.
    if (err.code === 'proxy-error' || err.code === 'proxy-refused') throw err;
    // A redirect target's host busy (politeness) says nothing about robots.txt either: the job waits.
    if (err.code === 'host-busy') throw err;
    // a 304 to our unconditional request (a broken cache) is a status without a robots.txt: as a 4xx
    if (err.code === 'not-found' || err.code === 'http-4xx' || err.code === 'unasked-not-modified') {
      entry = { kind: 'unavailable' };
      ttl = MAX_TTL_MS;
    } else if (err.retryable) {
      entry = { kind: 'unreachable', reason: err.code };
      ttl = UNREACHABLE_TTL_MS;
    } else {
      // blocked-address, bad-url, too-many-redirects: the page itself cannot be fetched either.
      throw err;
    }
  } finally {
    await slot?.release().catch(() => {});
  }
  await deps.cache.set(origin, JSON.stringify(entry), ttl);
  return entry;
}

/** Parsed robots.txt per origin, reused while the cached body is the same (at most 256 origins). */
const parsedCache = new Map<string, { body: string; robots: ReturnType<typeof robotsParser> }>();
const PARSED_CACHE_MAX = 256;

/** robots-parser's result for this origin and body, parsed once per process (not per article). */
function parsed(origin: string, body: string): ReturnType<typeof robotsParser> {
  const hit = parsedCache.get(origin);
  if (hit && hit.body === body) return hit.robots;
  const robots = robotsParser(`${origin}/robots.txt`, body);
  parsedCache.delete(origin);
  parsedCache.set(origin, { body, robots });
  if (parsedCache.size > PARSED_CACHE_MAX) parsedCache.delete(parsedCache.keys().next().value as string);
  return robots;
}

/**
 * What robots.txt says about fetching `url` with our User-Agent.
 * @throws IngestError `bad-url` for a non-http(s) URL; `blocked-address` (and other permanent
 *   fetch errors) when the origin cannot be fetched at all; Redis errors as they come
 */
export async function robotsVerdict(url: string, deps: RobotsDeps): Promise<RobotsVerdict> {
  if (!deps.http.respectRobots) return { allowed: true, basis: 'off', crawlDelayMs: null };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new IngestError('bad-url', `not an absolute URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new IngestError('bad-url', `only http and https are fetched: ${url}`);
  const entry = await load(u.origin, deps);
  if (entry.kind === 'unavailable') return { allowed: true, basis: 'unavailable', crawlDelayMs: null };
  if (entry.kind === 'unreachable') return { allowed: false, basis: 'unreachable', crawlDelayMs: null };
  const robots = parsed(u.origin, entry.body);
  // undefined means "not this origin", which cannot happen here; allow.
  const allowed = robots.isAllowed(u.href, deps.userAgent) ?? true;
  const delay = robots.getCrawlDelay(deps.userAgent);
  return { allowed, basis: 'rules', crawlDelayMs: typeof delay === 'number' && delay >= 0 ? delay * 1000 : null };
}

/**
 * True when robots.txt allows fetching `url` (always true with http.respectRobots false).
 * 5xx/unreachable robots.txt gives false for now (see robotsVerdict for the reason).
 * @throws as robotsVerdict
 */
export async function isAllowedByRobots(url: string, deps: RobotsDeps): Promise<boolean> {
  return (await robotsVerdict(url, deps)).allowed;
}
