/**
 * Typed questions to a response's headers (Retry-After, Cache-Control/Expires), so the
 * scheduler can follow the server's hints.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseRetryAfter } from '../retry/policy.js';

function one(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? (v[0] ?? null) : v;
}

/**
 * The Retry-After delay, ms, or null when absent or unreadable (parsed by the retry policy's
 * `parseRetryAfter`, RFC 9110 §10.2.3; a date in the past gives 0).
 * @param now the current time, ms since the epoch (for HTTP-date values)
 */
export function retryAfterMsOf(headers: IncomingHttpHeaders, now = Date.now()): number | null {
  return parseRetryAfter(headers['retry-after'], now);
}

/**
 * How long the response may be reused, ms, or null when the server says nothing.
 * RFC 9111 §5.2.2 and §4.2.1: `no-store` / `no-cache` give 0; `max-age` (minus the `Age`
 * header) wins over `Expires`; `Expires` counts from the response's `Date` (or now). We are a
 * private cache, so `s-maxage` is ignored.
 */
export function cacheMaxAgeMsOf(headers: IncomingHttpHeaders, now = Date.now()): number | null {
  const cc = (one(headers['cache-control']) ?? '').toLowerCase();
  if (/(^|[,\s])(no-store|no-cache)\b/.test(cc)) return 0;
  const m = /(?:^|[,\s])max-age\s*=\s*"?(\d+)/.exec(cc);
  if (m) {
    const age = Number(one(headers.age) ?? 0) || 0;
    return Math.max(0, (Number(m[1]) - age) * 1000);
  }
  const expires = one(headers.expires);
  if (expires) {
    const exp = Date.parse(expires);
    if (Number.isNaN(exp)) return 0; // RFC 9111 §5.3: an invalid Expires means "already expired"
    const date = Date.parse(one(headers.date) ?? '');
    return Math.max(0, exp - (Number.isNaN(date) ? now : date));
  }
  return null;
}
