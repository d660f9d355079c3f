/**
 * The registry of failure reasons. Every error the pipeline raises on purpose is an
 * `IngestError` with a stable `code` (logged as `reason`, kept with the feed's health and
 * in failed jobs) and a `retryable` flag. A retired code is never reused.
 *
 * `toJobError` (src/queue/retry.ts) maps these to BullMQ's lifecycle: retryable ones are
 * thrown as they are (BullMQ retries with backoff), the others as `UnrecoverableError`.
 */

/** Stable reason codes and what they mean. */
export const REASONS = {
  // transient: retried with backoff
  'network-error': 'DNS failure, refused or reset connection',
  'timeout': 'no response, or the body stalled, within http.timeoutMs',
  'http-5xx': 'the server answered 5xx',
  'rate-limited': 'the server answered 429 (Retry-After honoured)',
  'host-busy': 'per-host politeness: the job waits for its turn',
  'sink-failed': 'a sink could not take the record; retried for that sink only',
  'robots-unreachable': "the site's robots.txt answered 5xx or could not be fetched: disallowed for now (RFC 9309), retried",
  // permanent: failed at once
  'http-4xx': 'the server answered a 4xx other than 404/410/429',
  'not-found': 'the server answered 404 or 410',
  'not-a-feed': 'the body is not RSS, Atom or JSON Feed (e.g. an HTML page)',
  'invalid-feed': 'the body looks like a feed but does not parse',
  'not-html': 'the article is not an HTML page (PDF, image, ...)',
  'too-large': 'the body exceeds http.maxBytes (after decompression)',
  'header-too-large': "the response headers exceed Node's limit (16 KiB by default, --max-http-header-size): the server sends this every time",
  'too-many-redirects': 'more than 5 redirects, or a redirect loop',
  'blocked-address': 'the URL resolves to a private/loopback address and http.allowPrivateNetworks is false',
  'bad-url': 'the URL is not absolute http(s)',
  'robots-disallowed': "the site's robots.txt disallows the page",
  'empty-article': 'extraction found no text and no title',
  'sink-rejected': 'a sink refused the record for good (a 4xx from a webhook, data PostgreSQL rejects after sanitizing)',
} as const;

export type ReasonCode = keyof typeof REASONS;

const TRANSIENT = new Set<ReasonCode>(['network-error', 'timeout', 'http-5xx', 'rate-limited', 'host-busy', 'sink-failed', 'robots-unreachable']);

/** True when a reason is transient (worth retrying). */
export function isTransient(code: ReasonCode): boolean {
  return TRANSIENT.has(code);
}

/**
 * An expected failure of one feed, page or sink.
 * @param code stable reason code (see REASONS)
 * @param message human text naming the thing at fault (the URL, the feed)
 * @param opts.retryAfterMs a server-given delay before the next try (Retry-After), ms
 */
export class IngestError extends Error {
  readonly code: ReasonCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;

  constructor(code: ReasonCode, message: string, opts: { retryAfterMs?: number; httpStatus?: number; cause?: unknown } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'IngestError';
    this.code = code;
    this.retryable = isTransient(code);
    this.retryAfterMs = opts.retryAfterMs;
    this.httpStatus = opts.httpStatus;
  }
}

/** The reason code of any thrown value: its own code, or `internal-error` for a bug (an unexpected exception). */
export function reasonOf(err: unknown): ReasonCode | 'internal-error' {
  if (err instanceof IngestError) return err.code;
  return 'internal-error';
}
