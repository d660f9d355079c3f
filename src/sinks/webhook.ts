/**
 * The webhook sink: POSTs each record as JSON to a configured URL.
 *
 * - Body: `JSON.stringify(record)`, UTF-8, `Content-Type: application/json`.
 * - `X-Signature: sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the configured
 *   secret (omitted when no secret is set). Receivers check it with `verifySignature`.
 * - `Idempotency-Key: <id>.<version hash>` (./version.ts): the same record version always
 *   carries the same key, so a receiver that keeps the keys it has seen applies each version
 *   once, whatever the retries, stalled jobs or re-ingests send. `X-Record-Id` carries the id.
 * - Each attempt is bounded by `timeoutMs`. Network errors, timeouts, 5xx, 408, 409, 425 and
 *   429 are retried within the call, `retries` times, after the retry policy's delay
 *   (src/retry/policy.ts: `backoffMs * 2^n` with equal jitter; a Retry-After up to
 *   `maxBackoffMs` is honoured). Then the write fails with the transient
 *   `sink-failed` and the article job retries this sink later.
 * - Any other non-2xx (4xx, or a 3xx: redirects are not followed, a POST must reach its
 *   target) fails at once with the permanent `sink-rejected`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { IngestError } from '../errors.js';
import type { ArticleRecord } from '../types.js';
import type { Sink } from './types.js';
import { idempotencyKey } from './version.js';
import { decideRetry, parseRetryAfter } from '../retry/policy.js';

/** Options of the webhook sink. */
export interface WebhookSinkOptions {
  url: string;
  /** HMAC-SHA256 key for `X-Signature`; no header when absent. Never logged. */
  secret?: string;
  /** Which records the sink takes (default `relevant`). */
  only?: 'relevant' | 'all';
  /** Time for one attempt, headers and body, ms (default 10000). */
  timeoutMs?: number;
  /** Retries after the first attempt, within one write (default 3). */
  retries?: number;
  /** First retry delay, ms; doubles per retry, equal jitter (src/retry/policy.ts) (default 500). */
  backoffMs?: number;
  /** Longest single wait between attempts, ms, Retry-After included (default 10000). */
  maxBackoffMs?: number;
}

/** Statuses worth another attempt (RFC 9110 15.5.9, 15.5.10; RFC 8470 5.2; RFC 6585 4). */
const RETRY_STATUSES = new Set([408, 409, 425, 429]);

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

/** See the module comment. Name `webhook:<index>`. */
export class WebhookSink implements Sink {
  readonly name: string;
  readonly only: 'relevant' | 'all';
  private readonly opts: Required<Omit<WebhookSinkOptions, 'secret' | 'only'>> & { secret?: string };
  private readonly inflight = new Set<AbortController>();

  constructor(opts: WebhookSinkOptions, index = 0) {
    this.name = `webhook:${index}`;
    this.only = opts.only ?? 'relevant';
    this.opts = {
      url: opts.url,
      secret: opts.secret,
      timeoutMs: opts.timeoutMs ?? 10_000,
      retries: opts.retries ?? 3,
      backoffMs: opts.backoffMs ?? 500,
      maxBackoffMs: opts.maxBackoffMs ?? 10_000,
    };
  }

  /**
   * Delivers one record (see the module comment).
   * @returns the number of attempts it took (1 = first try)
   * @throws IngestError `sink-failed` after the last retry (transient), `sink-rejected` (permanent)
   */
  async write(record: ArticleRecord): Promise<number> {
    const body = JSON.stringify(record);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey(record),
      'x-record-id': record.id,
    };
    if (this.opts.secret) headers['x-signature'] = signBody(body, this.opts.secret);
    // Retry, delay or fail: the one retry policy (src/retry/policy.ts).
    const policy = { attempts: this.opts.retries + 1, baseMs: this.opts.backoffMs, maxDelayMs: this.opts.maxBackoffMs };
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(body, headers, record.id);
      if (outcome === 'ok') return attempt;
      const next = decideRetry(outcome, { ...policy, attemptsMade: attempt });
      if (next.action === 'fail') throw outcome;
      // A server asking for longer than we wait within a call: leave it to the job's backoff.
      if ((outcome.retryAfterMs ?? 0) > this.opts.maxBackoffMs) throw outcome;
      await sleep(next.delayMs);
    }
  }

  private async attempt(body: string, headers: Record<string, string>, id: string): Promise<'ok' | IngestError> {
    const ac = new AbortController();
    this.inflight.add(ac);
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
      return new IngestError('sink-rejected', `${what}: HTTP ${res.status} ${text}`.trim(), opts);
    } catch (err) {
      const reason = ac.signal.aborted ? String((ac.signal.reason as Error)?.message ?? 'aborted') : ((err as Error).cause as Error)?.message ?? (err as Error).message;
      return new IngestError('sink-failed', `${what}: ${reason}`, { cause: err });
    } finally {
      clearTimeout(timer);
      this.inflight.delete(ac);
    }
  }

  /** Aborts requests still running (their writes fail with `sink-failed`). */
  async close(): Promise<void> {
    for (const ac of this.inflight) ac.abort(new Error('sink closed'));
  }
}
