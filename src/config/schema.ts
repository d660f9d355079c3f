import { z } from 'zod';
import { resolve as resolvePath } from 'node:path';
import { isValidTimezone } from '../feeds/dates.js';
import { proxyUrlProblem } from '../http/proxy.js';
import { fetchBlockedPort } from '../http/bad-ports.js';

/**
 * The config file's schema (YAML, validated once at start with zod). Every key has its
 * default here; the README's "Config" section documents the same keys.
 */

const feedId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'feed id: letters, digits, ".", "_" and "-" only (BullMQ ids may not contain ":")');

/**
 * An HTTP(S) proxy URL (`http://[user:pass@]host:port`, `https://...`; src/http/proxy.ts). The
 * message never quotes the credentials.
 */
const proxyUrl = z.string().superRefine((v, ctx) => {
  const problem = proxyUrlProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: `invalid proxy URL: ${problem}` });
});

/**
 * What is wrong with a Redis URL (`redis[s]://[[user]:password@]host[:port][/db]`, the form
 * ioredis reads), or null when nothing is. It must parse as a URL (WHATWG: a port 0–65535, a
 * closed `[IPv6]` host), name a host, and carry no path but a database number. Why: a URL
 * `new URL` cannot parse passed `config check` and then failed `start` and `status` with a bare
 * "Invalid URL" (exit 1); ioredis sends the path to SELECT as a number, so `/abc` became
 * `SELECT NaN` and its unhandled ReplyError ended the process with a stack trace (fresh15).
 * The message never quotes the URL (it may hold a password).
 * @param cluster a cluster seed node: no path at all
 */
export function redisUrlProblem(v: string, cluster = false): string | null {
  if (!/^rediss?:\/\//.test(v)) return cluster ? 'invalid cluster node (redis://host:port expected)' : 'invalid URL (redis:// expected)';
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return 'invalid URL: it does not parse (a port over 65535 or not a number, an unclosed [IPv6] host, a space?)';
  }
  if (!u.hostname) return 'invalid URL: no host';
  const path = u.pathname;
  if (cluster ? path !== '' : path !== '' && path !== '/' && !/^\/\d+$/.test(path)) {
    return cluster ? 'invalid cluster node: no path after host:port (redis://host:port expected)' : `invalid URL: the path must be a database number (/0, /1, ...), got "${path.slice(0, 40)}"`;
  }
  return null;
}

const redisUrl = (cluster: boolean) =>
  z.string().superRefine((v, ctx) => {
    const problem = redisUrlProblem(v, cluster);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

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
  /**
   * What the URL serves: `feed` (RSS, Atom, JSON Feed; default), `sitemap` or `news-sitemap`
   * (a sitemap polled as a feed: its new URLs become articles; src/sitemaps/feed.ts).
   */
  type: z.enum(['feed', 'sitemap', 'news-sitemap']).default('feed'),
  /**
   * Bounds of the adaptive poll schedule, minutes (src/schedule/next-poll.ts): the feed's hints
   * (<ttl>, sy:updatePeriod, Cache-Control) and its activity move the next poll within them.
   * Default min = intervalMinutes (never polled more often than configured), max = 1440.
   */
  minIntervalMinutes: z.number().positive().optional(),
  maxIntervalMinutes: z.number().positive().optional(),
  /**
   * Extra request headers for this feed's fetches and its article pages' (e.g. a `User-Agent`
   * the outlet lets through, a `Cookie` with a consent token). Values are masked by `config check`.
   */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'header name: letters, digits and "-"'), z.string()).optional(),
  /**
   * Pre-filter (src/prefilter): tag the item's title and summary first and fetch the page only
   * when they name a party or the process. For general world feeds (default false).
   */
  prefilter: z.boolean().default(false),
  /** Overrides http.respectRobots for this feed's article pages. */
  respectRobots: z.boolean().optional(),
  /** Overrides http.perHost (concurrency, minDelayMs) for this feed's article pages. */
  perHost: z.strictObject({ concurrency: z.number().int().positive().optional(), minDelayMs: z.number().int().nonnegative().optional() }).optional(),
  /** Sitemap feeds: entries dated more than this many days before the poll are skipped (default 2). */
  maxAgeDays: z.number().positive().optional(),
  /**
   * HTTP(S) proxy for this feed's fetches: the feed, its article pages (and their AMP canonical
   * pages) and their robots.txt (`http://[user:pass@]host:port`; src/http/proxy.ts). `false`:
   * direct even when `http.proxy` is set. Default: `http.proxy`. Credentials are masked by
   * `config check` and in logs.
   */
  proxy: z.union([z.string(), z.literal(false)]).optional(),
}).superRefine((f, ctx) => {
  // Checked here rather than on the key, so the message names the feed (credentials never quoted).
  const problem = typeof f.proxy === 'string' ? proxyUrlProblem(f.proxy) : null;
  if (problem) ctx.addIssue({ code: 'custom', path: ['proxy'], message: `invalid proxy URL for feed "${f.id}": ${problem}` });
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

/**
 * Keys every sink has: its name, and the retries of its delivery queue (src/queue/deliveries.ts).
 * A record that a sink could not take in the article job's one short attempt is delivered by
 * that sink's own queue, `retries` times after the first try, `backoffMs` doubling (with
 * jitter, capped at 1 hour): with the defaults about 5 to 9 hours of outage before the
 * delivery is kept as a failed job (visible in `status`).
 */
const sinkCommon = {
  /**
   * Name in logs, metrics, job data and `status` (`[A-Za-z0-9._-]`); default the type, then
   * `<type>-2`, `<type>-3`... in config order.
   */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'sink name: letters, digits, ".", "_" and "-" only (it is part of a queue name)')
    .max(64)
    .optional(),
  /** Delivery retries after the first try (default 20). */
  retries: z.number().int().nonnegative().default(20),
  /** First delivery retry delay, ms; doubles per retry, with jitter, capped at 1 hour (default 1000). */
  backoffMs: z.number().int().positive().default(1000),
};

export const JsonlSinkSchema = z.strictObject({
  type: z.literal('jsonl'),
  ...sinkCommon,
  /** File path, relative to the working directory (default data/articles.jsonl). */
  path: z.string().min(1).default('data/articles.jsonl'),
  only: StoreOnly,
});

export const PostgresSinkSchema = z.strictObject({
  type: z.literal('postgres'),
  ...sinkCommon,
  /** postgres:// URL; `DATABASE_URL` overrides it when set. */
  url: z.string().regex(/^postgres(ql)?:\/\//, 'invalid URL (postgres:// expected)'),
  table: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'table: lower-case identifier').default('articles'),
  only: StoreOnly,
});

/** A webhook's URL: http(s), on a port `fetch()` connects to (src/http/bad-ports.ts). */
const webhookUrl = httpUrl.refine((u) => fetchBlockedPort(u) === null, {
  error: (iss) => `port ${fetchBlockedPort(String(iss.input))} is on the Fetch Standard's list of blocked ports (fetch() refuses it as "bad port"); serve the webhook on another port`,
});

export const WebhookSinkSchema = z.strictObject({
  type: z.literal('webhook'),
  ...sinkCommon,
  url: webhookUrl,
  /** HMAC-SHA256 secret for the X-Signature header. Never logged. */
  secret: z.string().min(1).optional(),
  /** Time for one attempt, ms (default 10000). */
  timeoutMs: z.number().int().positive().default(10_000),
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
  /**
   * HTTP(S) proxy for every fetch of feeds, pages, robots.txt and sitemaps (not sinks), unless a
   * feed sets its own `proxy` (or `false`). Default: none (direct).
   */
  proxy: proxyUrl.optional(),
});

/**
 * A Redis key prefix: letters, digits, "_", "." and "-", with at most one `{hash tag}` (a
 * non-empty run of the same characters between braces).
 */
export const REDIS_PREFIX_PATTERN = /^[A-Za-z0-9_.-]*(?:\{[A-Za-z0-9_.-]+\}[A-Za-z0-9_.-]*)?$/;

/**
 * Why a cluster needs a hash tag in the prefix. Redis Cluster runs a Lua script, MULTI or
 * multi-key command only when all its keys hash to one slot, and hashes only the part between
 * the first `{` and `}` when there is one (Redis Cluster specification, "Hash tags"); BullMQ
 * asks for the same (its docs, "Redis Cluster": a prefix such as `{myprefix}`).
 */
export const REDIS_PREFIX_RULE =
  'redis.cluster needs a {hash tag} in redis.prefix (e.g. "{news-ingest}"): the queues\' Lua scripts and the politeness scripts use several keys at once, which a Redis Cluster allows only when they hash to one slot';

/** True when `prefix` holds a non-empty `{hash tag}`. */
export function hasHashTag(prefix: string): boolean {
  return /\{[^{}]+\}/.test(prefix);
}

export const ConfigSchema = z
  .strictObject({
    redis: z
      .strictObject({
        url: redisUrl(false).default('redis://127.0.0.1:6379'),
        /**
         * Seed nodes of a Redis Cluster (`redis://host:port`, any few of its nodes); when set,
         * `url` is ignored and every queue and key lives on the cluster. Requires a `{hash tag}`
         * in `prefix` (see REDIS_PREFIX_RULE).
         */
        cluster: z.array(redisUrl(true)).min(1, 'cluster: at least one node').optional(),
        /**
         * Key prefix for every queue and key of this service: letters, digits, "_", "." and
         * "-", optionally with one `{hash tag}` (required with `cluster`, e.g. `{news-ingest}`).
         */
        // an empty prefix put every key at the top of the keyspace (`:seen`, BullMQ's `:feeds:*`), among other applications' keys (round 19)
        prefix: z.string().min(1, 'prefix: empty; every key would sit at the top of the Redis keyspace: name one (default "news-ingest")').regex(REDIS_PREFIX_PATTERN, 'prefix: letters, digits, "_", "." and "-" only, with at most one {hash tag} (e.g. "{news-ingest}")').default('news-ingest'),
        /**
         * Run even when Redis's maxmemory-policy is `allkeys-*` (it may evict queued jobs, job
         * schedulers and the seen-set). Default false: the worker refuses to start (exit 3).
         */
        allowEviction: z.boolean().default(false),
      })
      .superRefine((r, ctx) => {
        if (r.cluster && !hasHashTag(r.prefix)) ctx.addIssue({ code: 'custom', path: ['prefix'], message: REDIS_PREFIX_RULE });
      })
      .prefault({}),
    feeds: z.array(FeedConfigSchema).default([]),
    // an empty list is refused: every article would be fetched, marked seen and written nowhere
    sinks: z
      .array(SinkConfigSchema)
      .min(1, 'no sink: every article would be fetched, marked seen (not fetched again for worker.seenTtlDays) and written nowhere; name at least one, or leave `sinks` out for the default JSONL file data/articles.jsonl')
      .default([{ type: 'jsonl', path: 'data/articles.jsonl', only: 'all', retries: 20, backoffMs: 1000 }])
      .transform(withSinkNames),
    http: HttpConfigSchema.prefault({}),
    worker: z
      .strictObject({
        /** Article jobs run at once per process (default 4). */
        articleConcurrency: z.number().int().positive().default(4),
        /**
         * Most new items of one feed poll carried by one article job (default 8; 1 = a job per
         * article). Above 1, a poll's new items go in jobs of up to this many (`ingest-articles`,
         * src/queue/article-batch.ts), run one after another; an item that does not succeed at
         * once continues alone as its regular `ingest-article` job. Issue 17: BullMQ's own scripts
         * cost ~37 Redis commands per job, whatever the job carries: 8 brings the commands per
         * article from 55 to 23 (docs/pipeline-cost.md, round 4), under the issue's 30.
         */
        articleBatch: z.number().int().positive().max(50).default(8),
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
        /**
         * Old-generation heap cap of each extraction thread, MB (default 256; null = V8's own
         * limit). Bounds the process's RSS: under 512 MB V8 collects once the heap reaches 1.5x
         * its live size instead of up to 4x (docs/pipeline-cost.md, issue 17: peak RSS −200 MB,
         * thread CPU +20–30 % from the extra collections). A page that needs more fails with
         * `page-too-complex` and its thread is replaced. Ignored with `extractThreads: 0`.
         */
        extractHeapMb: z.number().int().min(64).nullable().default(256),
        /**
         * Longest an article job waits for one sink, ms (default 1000). A sink that has not
         * answered by then (or failed, or has a backlog) gets the record through its own
         * delivery queue, so a slow sink never holds an article job's slot.
         */
        inlineDeliveryMs: z.number().int().positive().default(1000),
        /**
         * Longest a delivery job waits for its sink's write, ms (default 60000): a write that
         * never settles (a file operation hung in the kernel, a driver without a timeout) fails the
         * attempt as `sink-failed` and is retried with the sink's backoff, so a `--once` run ends.
         */
        deliveryTimeoutMs: z.number().int().positive().default(60_000),
        /** Delivery jobs run at once per sink, per process (default 2). */
        deliveryConcurrency: z.number().int().positive().default(2),
        /** Feed jobs run at once per process (default 2). */
        feedConcurrency: z.number().int().positive().default(2),
        /** How long an article stays in the seen-set, days (default 30). */
        seenTtlDays: z.number().positive().default(30),
        /** Attempts per job before it fails (default 5). */
        attempts: z.number().int().positive().default(5),
        /** First backoff delay, ms; doubles per attempt, with jitter (default 5000). */
        backoffMs: z.number().int().positive().default(5000),
        /**
         * `start --once`: longest Redis may stay unreachable before the run gives up, ms (default
         * 300000, 5 min). The run then ends with exit 3 (`redis-unavailable`) instead of waiting for
         * ever, so a cron job does not pile up; its jobs wait in Redis for the next run. The service
         * (no `--once`) keeps waiting for Redis whatever this is.
         */
        onceRedisWaitMs: z.number().int().positive().default(300_000),
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
    // none: no record could ever be relevant (`only: relevant` sinks get nothing) and `tag` has nothing to tag with
    topics: z
      .array(z.string().regex(/^[a-z0-9-]+$/))
      .min(1, 'no topic: no record could be relevant and `tag` has nothing to tag with; name a file of config/topics/, or leave `topics` out for armenia-azerbaijan-talks')
      .default(['armenia-azerbaijan-talks']),
    // pino's level names are lower case; `LOG_LEVEL=DEBUG` or ` Info` is what a user types:
    // taken in any case, around spaces (round 19, fresh19)
    logLevel: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
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

/**
 * Gives every sink its name: its own `name`, else its type, then `<type>-2`, `<type>-3`...
 * (names given in the config are never taken by a default).
 */
export function withSinkNames<T extends { type: string; name?: string }>(sinks: T[]): (T & { name: string })[] {
  const taken = new Set(sinks.flatMap((s) => (s.name ? [s.name] : [])));
  const count = new Map<string, number>();
  return sinks.map((s) => {
    if (s.name) return { ...s, name: s.name };
    let name: string;
    do {
      const n = (count.get(s.type) ?? 0) + 1;
      count.set(s.type, n);
      name = n === 1 ? s.type : `${s.type}-${n}`;
    } while (taken.has(name));
    taken.add(name);
    return { ...s, name };
  });
}

/** Lines for sink names used twice (`sinks[2].name: duplicate sink name "pg" (also sinks[0])`). */
export function duplicateSinkNameProblems(raw: unknown): string[] {
  const sinks = (raw as { sinks?: unknown })?.sinks;
  if (!Array.isArray(sinks)) return [];
  const seen = new Map<string, number>();
  const out: string[] = [];
  sinks.forEach((s, i) => {
    const name = (s as { name?: unknown })?.name;
    if (typeof name !== 'string') return;
    if (seen.has(name)) out.push(`sinks[${i}].name: duplicate sink name "${name}" (also sinks[${seen.get(name)}])`);
    else seen.set(name, i);
  });
  return out;
}

/**
 * Lines for JSONL sinks that name one file (`sinks[1].path: the file of sinks[0] (…)`), the
 * paths resolved against the working directory. Two sinks on one file wrote every record
 * twice, and one's compaction (temp file + rename) could drop the lines the other appended
 * meanwhile: a file is written by one sink of one process (README, Several workers).
 */
export function duplicateJsonlPathProblems(raw: unknown, cwd = process.cwd()): string[] {
  const sinks = (raw as { sinks?: unknown })?.sinks;
  if (!Array.isArray(sinks)) return [];
  const seen = new Map<string, number>();
  const out: string[] = [];
  sinks.forEach((s, i) => {
    const { type, path } = (s ?? {}) as { type?: unknown; path?: unknown };
    if (type !== 'jsonl' || typeof path !== 'string' || !path) return;
    const abs = resolvePath(cwd, path);
    if (seen.has(abs)) out.push(`sinks[${i}].path: ${path} is the file of sinks[${seen.get(abs)}] too: give each JSONL sink its own file`);
    else seen.set(abs, i);
  });
  return out;
}

/** The validated config. Frozen after loading; passed down, never read from a global. */
export type Config = z.infer<typeof ConfigSchema>;
export type FeedConfig = z.infer<typeof FeedConfigSchema>;
/** One sink's config, with its name resolved (`withSinkNames`). */
export type SinkConfig = Config['sinks'][number];
export type HttpConfig = z.infer<typeof HttpConfigSchema>;
