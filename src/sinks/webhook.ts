/**
 * The webhook sink: POSTs each record as JSON to a configured URL.
 *
 * - Body: `JSON.stringify(record)`, UTF-8, `Content-Type: application/json`.
 * - `X-Signature: sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the configured
 *   secret (omitted when no secret is set). Receivers check it with `verifySignature`.
 * - `Authorization: Basic …` when the URL carries `user:password@` (taken out of the URL).
 * - `Idempotency-Key: <id>.<version hash>` (./version.ts): the same record version always
 *   carries the same key, so a receiver that keeps the keys it has seen applies each version
 *   once, whatever the retries, stalled jobs or re-ingests send. `X-Record-Id` carries the id.
 * - One write is one attempt, bounded by `timeoutMs`. Network errors, timeouts, 5xx, 408, 409,
 *   425 and 429 fail with the transient `sink-failed` (carrying Retry-After as `retryAfterMs`);
 *   the sink's delivery queue retries them with backoff (src/queue/deliveries.ts). The sink
 *   has no retry loop of its own.
 * - 401, 403, 404, 405 and 410 refuse the endpoint, not the record (a wrong URL or
 *   credentials): the transient `sink-misconfigured` (src/sinks/failure.ts), retried until
 *   the configuration is fixed (they were `sink-rejected`, every record lost, until round 19).
 * - Any other non-2xx (4xx, or a 3xx: redirects are not followed, a POST must reach its
 *   target) fails at once with the permanent `sink-rejected`.
 * - `probe()` (`/readyz`) answers from the newest attempts: it rejects while the newest attempt
 *   failed in a way that fails every record (a `sink-failed` one, or a refusal of the endpoint
 *   itself: 3xx, 401, 403, 404, 405, 410), and resolves again at the next 2xx. A refusal of one
 *   record's body (400, 413, 422, ...) leaves it ready. It sends nothing itself: a probe request
 *   would reach the receiver as a delivery (round 16, docs/sinks.md). With `attempts` (the
 *   worker's), the attempts of every process of the prefix count (src/state/sink-attempts.ts,
 *   round 17), else this process's only (and when Redis cannot be read).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { IngestError } from '../errors.js';
import type { ArticleRecord } from '../types.js';
import type { Sink, SinkWriteOptions, SinkWriteOutcome } from './types.js';
import { idempotencyKey } from './version.js';
import { parseRetryAfter } from '../retry/policy.js';
import type { SinkAttempts } from '../state/sink-attempts.js';

/** Options of the webhook sink. */
export interface WebhookSinkOptions {
  url: string;
  /** HMAC-SHA256 key for `X-Signature`; no header when absent. Never logged. */
  secret?: string;
  /** Which records the sink takes (default `relevant`). */
  only?: 'relevant' | 'all';
  /** Time for one attempt, headers and body, ms (default 10000). */
  timeoutMs?: number;
  /** Where attempts are shared with the other processes of the prefix, for `probe` (none: this process's own). */
  attempts?: SinkAttempts;
}

/** Longest a probe waits for the shared attempts before it answers from this process's, ms. */
export const SHARED_PROBE_WAIT_MS = 1000;

/** Statuses worth another attempt (RFC 9110 15.5.9, 15.5.10; RFC 8470 5.2; RFC 6585 4). */
const RETRY_STATUSES = new Set([408, 409, 425, 429]);

/**
 * Refusals that are about the endpoint, not the record (RFC 9110 15.5.2, 15.5.4, 15.5.5,
 * 15.5.6, 15.5.11): every record would get them, so the sink is not ready while they last.
 */
const ENDPOINT_STATUSES = new Set([401, 403, 404, 405, 410]);

/** `sha256=<hex>` HMAC of `body` with `secret`. */
export function signBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when `header` is the `X-Signature` of `body` under `secret` (constant-time compare). */
export function verifySignature(body: string | Buffer, header: string | undefined | null, secret: string): boolean {
  if (!header) return false;
  const want = Buffer.from(signBody(body, secret));
  const got = Buffer.from(header);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * Takes `user:password@` out of a webhook URL: fetch refuses a URL with credentials ("Request
 * cannot be constructed from a URL that includes credentials"), so a configured
 * `https://user:pass@host/hook` failed every delivery. They are sent as
 * `Authorization: Basic base64(user:pass)` (RFC 7617), percent-decoded first, as the proxy's are.
 * @returns the URL without credentials, and the header value when it had some
 */
export function splitCredentials(raw: string): { url: string; authorization?: string } {
  const u = new URL(raw);
  if (!u.username && !u.password) return { url: raw };
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
  u.username = '';
  u.password = '';
  return { url: u.toString(), authorization };
}

/** See the module comment. */
export class WebhookSink implements Sink {
  readonly type = 'webhook';
  readonly only: 'relevant' | 'all';
  private readonly opts: { url: string; timeoutMs: number; secret?: string; authorization?: string };
  private readonly inflight = new Set<AbortController>();
  /** The newest attempt's failure when it fails every record (see `probe`); null after a 2xx. */
  private lastFailure: { at: Date; error: IngestError } | null = null;
  private readonly attempts?: SinkAttempts;

  /** @param name see `Sink.name` (default `webhook`) */
  constructor(
    opts: WebhookSinkOptions,
    readonly name = 'webhook',
  ) {
    this.only = opts.only ?? 'relevant';
    const { url, authorization } = splitCredentials(opts.url);
    this.opts = { url, authorization, secret: opts.secret, timeoutMs: opts.timeoutMs ?? 10_000 };
    this.attempts = opts.attempts;
  }

  /**
   * Delivers one record in one attempt (see the module comment).
   * @param opts.signal aborts the request (the write then fails with `sink-failed`)
   * @returns `written` (the receiver answered 2xx)
   * @throws IngestError `sink-failed` (transient, with `retryAfterMs` when the receiver sent
   *   Retry-After), `sink-rejected` (permanent)
   */
  async write(record: ArticleRecord, opts: SinkWriteOptions = {}): Promise<SinkWriteOutcome> {
    const body = JSON.stringify(record);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey(record),
      'x-record-id': record.id,
    };
    if (this.opts.secret) headers['x-signature'] = signBody(body, this.opts.secret);
    if (this.opts.authorization) headers.authorization = this.opts.authorization;
    const outcome = await this.attempt(body, headers, record.id, opts.signal);
    if (outcome === 'ok') {
      this.lastFailure = null;
      this.attempts?.succeeded(new Date());
      return 'written';
    }
    // our own stop (the caller's signal: shutdown, a delivery that gave up) says nothing of the receiver
    if (!opts.signal?.aborted && (outcome.code === 'sink-failed' || outcome.code === 'sink-misconfigured' || (outcome.httpStatus !== undefined && (outcome.httpStatus < 400 || ENDPOINT_STATUSES.has(outcome.httpStatus))))) {
      this.lastFailure = { at: new Date(), error: outcome };
      this.attempts?.failed(this.lastFailure.at, `[${outcome.code}] ${outcome.message}`);
    }
    throw outcome;
  }

  /**
   * Resolves while the newest delivery attempt succeeded (or none was made): of any process of
   * the prefix with `attempts`, else (or when Redis does not answer within SHARED_PROBE_WAIT_MS)
   * of this process; rejects, naming the time and the error, while it failed for every record
   * (see the module comment). Sends no request.
   * @throws Error `last delivery attempt failed at <ISO time>: [<reason>] <message>`
   */
  async probe(): Promise<void> {
    const f = this.lastFailure;
    if (this.attempts) {
      let timer: NodeJS.Timeout | undefined;
      const local = f ? { at: f.at, failure: `[${f.error.code}] ${f.error.message}` } : null;
      const shared = await Promise.race([
        this.attempts.newestFailure(local).catch(() => undefined),
        new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), SHARED_PROBE_WAIT_MS))),
      ]).finally(() => clearTimeout(timer));
      if (shared) throw new Error(`last delivery attempt failed at ${shared.at.toISOString()}: ${shared.failure}`);
      if (shared === null) return;
    }
    if (f) throw new Error(`last delivery attempt failed at ${f.at.toISOString()}: [${f.error.code}] ${f.error.message}`);
  }

  private async attempt(body: string, headers: Record<string, string>, id: string, signal?: AbortSignal): Promise<'ok' | IngestError> {
    const ac = new AbortController();
    this.inflight.add(ac);
    const onAbort = () => ac.abort(signal?.reason ?? new Error('aborted'));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => ac.abort(new Error(`timeout after ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
    const what = `${this.name} record ${id}`;
    try {
      const res = await fetch(this.opts.url, { method: 'POST', body, headers, redirect: 'manual', signal: ac.signal });
      // Read the body (bounded by the same timer) so the connection can be reused.
      const text = (await res.text()).slice(0, 200);
      if (res.status >= 200 && res.status < 300) return 'ok';
      const opts = { httpStatus: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) ?? undefined };
      if (res.status >= 500 || RETRY_STATUSES.has(res.status)) {
        return new IngestError('sink-failed', `${what}: HTTP ${res.status} ${text}`.trim(), opts);
      }
      // the endpoint itself refused (wrong URL, credentials): every record would get it; the
      // deliveries wait for the configuration to be fixed instead of failing for good
      if (ENDPOINT_STATUSES.has(res.status)) return new IngestError('sink-misconfigured', `${what}: HTTP ${res.status}${text ? ` ${text}` : ''} (the endpoint refuses every record: fix the sink's url or credentials)`, opts);
      return new IngestError('sink-rejected', `${what}: HTTP ${res.status} ${text}`.trim(), opts);
    } catch (err) {
      const reason = ac.signal.aborted ? String((ac.signal.reason as Error)?.message ?? 'aborted') : ((err as Error).cause as Error)?.message ?? (err as Error).message;
      return new IngestError('sink-failed', `${what}: ${reason}`, { cause: err });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.inflight.delete(ac);
    }
  }

  /** Aborts requests still running (their writes fail with `sink-failed`). */
  async close(): Promise<void> {
    for (const ac of this.inflight) ac.abort(new Error('sink closed'));
    // a success held back by the throttle is written now (not waited for: Redis may be away)
    void this.attempts?.flush();
  }
}
