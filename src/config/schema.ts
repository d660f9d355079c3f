import { z } from 'zod';
import { isValidTimezone } from '../feeds/dates.js';

/**
 * The config file's schema (YAML, validated once at start with zod). Every key has its
 * default here; the README's "Config" section documents the same keys.
 */

const feedId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'feed id: letters, digits, ".", "_" and "-" only (BullMQ ids may not contain ":")');

const httpUrl = z.url({ protocol: /^https?$/, error: 'invalid URL (absolute http or https expected)' });

/** One feed to poll. */
export const FeedConfigSchema = z.strictObject({
  /** Stable id: the job scheduler's id and the `feedId` in logs. */
  id: feedId,
  url: httpUrl,
  /** Poll cadence in minutes (default 15). */
  intervalMinutes: z.number().positive().default(15),
  /** IANA zone for dates without a zone in this feed (default UTC). */
  timezone: z.string().refine(isValidTimezone, 'not an IANA time zone name (e.g. Asia/Yerevan, Europe/Moscow)').optional(),
  /** Display name; the feed's own title is used when absent. */
  title: z.string().optional(),
  /** Hours without a new item after which the feed is called silent (`feed.silent`, a flag in
   * `status`), default 72: a feed that stopped updating while answering 200/304. */
  silentAfterHours: z.number().positive().default(72),
});

/**
 * Which records a sink takes. Stores (JSONL, PostgreSQL) default to `all`, so that `retag`
 * reaches every tagged article after a topic is widened and "relevant" is a view over the
 * stored records (the `relevant` column, `topics[].relevant`); a webhook pushes only
 * relevant records unless told otherwise.
 */
const SinkOnly = z.enum(['relevant', 'all']);
const StoreOnly = SinkOnly.default('all');
const PushOnly = SinkOnly.default('relevant');

export const JsonlSinkSchema = z.strictObject({
  type: z.literal('jsonl'),
  /** File path, relative to the working directory (default data/articles.jsonl). */
  path: z.string().min(1).default('data/articles.jsonl'),
  only: StoreOnly,
});

export const PostgresSinkSchema = z.strictObject({
  type: z.literal('postgres'),
  /** postgres:// URL; `DATABASE_URL` overrides it when set. */
  url: z.string().regex(/^postgres(ql)?:\/\//, 'invalid URL (postgres:// expected)'),
  table: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'table: lower-case identifier').default('articles'),
  only: StoreOnly,
});

export const WebhookSinkSchema = z.strictObject({
  type: z.literal('webhook'),
  url: httpUrl,
  /** HMAC-SHA256 secret for the X-Signature header. Never logged. */
  secret: z.string().min(1).optional(),
  /** Time for one attempt, ms (default 10000). */
  timeoutMs: z.number().int().positive().default(10_000),
  /** Retries within one write after the first attempt, for network errors, timeouts, 5xx, 429 (default 3). */
  retries: z.number().int().nonnegative().default(3),
  /** First retry delay, ms; doubles per retry, with jitter (default 500). */
  backoffMs: z.number().int().positive().default(500),
  only: PushOnly,
});

export const SinkConfigSchema = z.discriminatedUnion('type', [JsonlSinkSchema, PostgresSinkSchema, WebhookSinkSchema]);

export const HttpConfigSchema = z.strictObject({
  /** Sent on every request. `<version>` is replaced by package.json's version. */
  userAgent: z.string().min(1).default('news-ingest/<version> (+https://github.com/news-ingest/news-ingest)'),
  /** Total time for one request, headers and body, ms (default 15000). */
  timeoutMs: z.number().int().positive().default(15_000),
  /** Longest silence on the socket (slow headers, stalled body), ms (default 10000; capped by timeoutMs). */
  idleTimeoutMs: z.number().int().positive().default(10_000),
  /** Largest body accepted, after decompression, bytes (default 5,000,000). */
  maxBytes: z.number().int().positive().default(5_000_000),
  /** Allow loopback/private/link-local targets (SSRF guard off). Default false. */
  allowPrivateNetworks: z.boolean().default(false),
  perHost: z
    .strictObject({
      concurrency: z.number().int().positive().default(2),
      minDelayMs: z.number().int().nonnegative().default(1000),
    })
    .prefault({}),
  /** Honour robots.txt for article pages (default true). */
  respectRobots: z.boolean().default(true),
});

export const ConfigSchema = z
  .strictObject({
    redis: z
      .strictObject({
        url: z.string().regex(/^rediss?:\/\//, 'invalid URL (redis:// expected)').default('redis://127.0.0.1:6379'),
        /** Key prefix for every queue and key of this service. */
        prefix: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'prefix: letters, digits, "_", "." and "-" only').default('news-ingest'),
        /**
         * Run even when Redis's maxmemory-policy is `allkeys-*` (it may evict queued jobs, job
         * schedulers and the seen-set). Default false: the worker refuses to start (exit 3).
         */
        allowEviction: z.boolean().default(false),
      })
      .prefault({}),
    feeds: z.array(FeedConfigSchema).default([]),
    sinks: z.array(SinkConfigSchema).default([{ type: 'jsonl', path: 'data/articles.jsonl', only: 'all' }]),
    http: HttpConfigSchema.prefault({}),
    worker: z
      .strictObject({
        /** Article jobs run at once per process (default 4). */
        articleConcurrency: z.number().int().positive().default(4),
        /**
         * Worker threads that turn pages into records (extract, tag, normalize), per process;
         * 0 = on the main thread. Default 1: one hostile page must not freeze the event loop that
         * renews job locks (issue 11). See docs/pipeline-cost.md for when more threads pay.
         */
        extractThreads: z.number().int().nonnegative().default(1),
        /**
         * Time budget of one page's extraction, ms (default 10000). Past it the job fails with
         * `page-too-complex` (not retried); a thread that does not stop by twice the budget is
         * terminated and replaced.
         */
        extractBudgetMs: z.number().int().positive().default(10_000),
        /** Feed jobs run at once per process (default 2). */
        feedConcurrency: z.number().int().positive().default(2),
        /** How long an article stays in the seen-set, days (default 30). */
        seenTtlDays: z.number().positive().default(30),
        /** Attempts per job before it fails (default 5). */
        attempts: z.number().int().positive().default(5),
        /** First backoff delay, ms; doubles per attempt, with jitter (default 5000). */
        backoffMs: z.number().int().positive().default(5000),
        /** Bounded wait for active jobs at shutdown, ms (default 20000). */
        shutdownTimeoutMs: z.number().int().positive().default(20_000),
        /** BullMQ job lock duration, ms (default 30000, BullMQ's): a killed worker's jobs return after it. */
        lockDurationMs: z.number().int().positive().default(30_000),
        /** BullMQ stalled-job check period, ms (default 30000, BullMQ's). */
        stalledIntervalMs: z.number().int().positive().default(30_000),
        /**
         * Stalls (lock lost: the worker died or froze) after which BullMQ fails a job itself
         * (default 3; BullMQ's own default, 1, loses articles when workers die one after another).
         */
        maxStalledCount: z.number().int().positive().default(3),
        /**
         * Longest time between two reconciles of Redis with the config (job schedulers, the
         * marker that reveals a Redis that lost its data), ms (default 60000); also on every reconnect.
         */
        reconcileIntervalMs: z.number().int().positive().default(60_000),
        /** Period of the `queue.stats` log line, ms (default 60000). */
        statsIntervalMs: z.number().int().positive().default(60_000),
      })
      .prefault({}),
    /** The ops listener (/healthz, /readyz, /metrics, /queues): off when absent. src/ops/server.ts. */
    ops: z
      .strictObject({
        /** HOST:PORT to listen on, e.g. 127.0.0.1:9464. Off loopback a token is required. */
        listen: z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/, 'HOST:PORT expected (e.g. 127.0.0.1:9464)'),
        /** Bearer token for every path but /healthz; `NEWS_INGEST_OPS_TOKEN` is used when absent. Never logged. */
        token: z.string().min(16, 'at least 16 characters').optional(),
        /** Let the queue dashboard retry, remove and promote jobs (default false: read-only). */
        dashboardActions: z.boolean().default(false),
      })
      .optional(),
    /** Topic ids to tag with, each a file config/topics/<id>.yaml (default the talks topic). */
    topics: z.array(z.string().regex(/^[a-z0-9-]+$/)).default(['armenia-azerbaijan-talks']),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });

/**
 * Lines for feed ids used twice (`feeds[3].id: duplicate feed id "a" (also feeds[0])`).
 * Checked on the raw input, so they are reported together with the schema's own problems.
 */
export function duplicateFeedIdProblems(raw: unknown): string[] {
  const feeds = (raw as { feeds?: unknown })?.feeds;
  if (!Array.isArray(feeds)) return [];
  const seen = new Map<string, number>();
  const out: string[] = [];
  feeds.forEach((f, i) => {
    const id = (f as { id?: unknown })?.id;
    if (typeof id !== 'string') return;
    if (seen.has(id)) out.push(`feeds[${i}].id: duplicate feed id "${id}" (also feeds[${seen.get(id)}])`);
    else seen.set(id, i);
  });
  return out;
}

/** The validated config. Frozen after loading; passed down, never read from a global. */
export type Config = z.infer<typeof ConfigSchema>;
export type FeedConfig = z.infer<typeof FeedConfigSchema>;
export type SinkConfig = z.infer<typeof SinkConfigSchema>;
export type HttpConfig = z.infer<typeof HttpConfigSchema>;
