/**
 * The registry of failure reasons. Every error the pipeline raises on purpose is an
 * `IngestError` with a stable `code` (logged as `reason`, kept with the feed's health and
 * in failed jobs) and a `retryable` flag. A retired code is never reused.
 *
 * What happens after a failure (retry, delay, fail; across polls too) is decided in one place:
 * src/retry/policy.ts.
 */

/** Stable reason codes and what they mean. */
export const REASONS = {
  // transient: retried with backoff
  'network-error': 'DNS failure, refused or reset connection',
  'timeout': 'no response, or the body stalled, within http.timeoutMs',
  'http-5xx': 'the server answered 5xx',
  'rate-limited': 'the server answered 429 (Retry-After honoured)',
  'host-busy': 'per-host politeness: the job waits for its turn',
  'sink-failed': "a sink could not take the record; retried by that sink's delivery queue only",
  'sink-misconfigured': "a sink cannot work as configured: its folder is missing or not writable (ENOENT, EACCES, EROFS, ...), PostgreSQL refuses the database, role, password or privilege (SQLSTATE 3D000, 28000, 28P01, 3F000, 42501), a webhook refuses the endpoint itself (401, 403, 404, 405, 410); its deliveries wait and are retried with the sink's backoff until the configuration or host is fixed (`status` says so)",
  'robots-unreachable': "the site's robots.txt answered 5xx or could not be fetched: disallowed for now (RFC 9309), retried",
  'story-failed': 'copy and story grouping could not run (Redis error, grouping lock not obtained); retried without fetching again',
  'proxy-error': "the feed's HTTP(S) proxy (feeds[].proxy, http.proxy) could not be reached, closed the connection before answering, or answered 5xx to CONNECT",
  'stalled': 'BullMQ failed the job itself after it stalled more than worker.maxStalledCount times (its worker died or froze); a later poll enqueues the article again',
  // permanent: failed at once
  'http-4xx': 'the server answered a 4xx other than 404/410/429',
  'not-found': 'the server answered 404 or 410',
  'not-a-feed': 'the body is not RSS, Atom or JSON Feed (e.g. an HTML page)',
  'invalid-feed': 'the body looks like a feed but does not parse',
  'not-a-sitemap': 'a backfill or sitemap feed read a document that is neither a sitemap, a sitemap index nor a text list of URLs',
  'not-html': 'the article is not an HTML page (PDF, image, ...)',
  'too-large': 'the body exceeds http.maxBytes (after decompression)',
  'header-too-large': "the response headers exceed Node's limit (16 KiB by default, --max-http-header-size): the server sends this every time",
  'too-many-redirects': 'more than 5 redirects, or a redirect loop',
  'blocked-address': 'the URL resolves to a private/loopback address and http.allowPrivateNetworks is false',
  'bad-url': 'the URL is not absolute http(s)',
  'robots-disallowed': "the site's robots.txt disallows the page",
  'empty-article': 'extraction found no text and no title',
  'page-too-complex': 'extraction of the page ran past worker.extractBudgetMs, or needed more heap than worker.extractHeapMb (pathological markup); not retried',
  'unasked-not-modified': 'the server answered 304 Not Modified to a request that sent no validator (If-None-Match, If-Modified-Since): a broken cache in front of it, nothing to read; tried again at the next poll, not retried in the job',
  'bot-wall': 'a bot-wall challenge (cf-mitigated: challenge, a challenge page behind 403/503) stands in front of the feed or page; tried again at the next poll, not retried in the job',
  'consent-wall': 'a cookie-consent interstitial (a redirect to a consent host, a consent page in front of the article) instead of the article',
  'no-article-text': 'the page is not the article: a paywall stub or a JavaScript shell with no article text, and the feed item carries no full text',
  'proxy-refused': "the feed's proxy refused the request: 407 Proxy Authentication Required (user:pass in the proxy URL missing or wrong) or another 4xx to CONNECT",
  'bad-content-length': 'the server sent more body than its Content-Length (or chunked framing) said, e.g. a length counted in characters of a UTF-8 page: the body read is cut, so it is not stored; not retried in the job, an article is tried again at a later poll',
  'sink-rejected': 'a sink refused the record for good (a 4xx from a webhook other than those of `sink-misconfigured`, data PostgreSQL rejects after sanitizing)',
} as const;

export type ReasonCode = keyof typeof REASONS;

/**
 * Reason codes that are not an `IngestError`'s: given by the worker itself. Together with
 * REASONS they are every value `reason` takes in logs, failed jobs and metrics; the README's
 * reason-code table lists the same set (tests/unit/reason-codes.test.ts checks it).
 */
export const OTHER_REASONS = {
  'internal-error': 'an unexpected exception (a bug); retried like a transient failure, then failed',
  'scheduler-missing': "a configured feed's job scheduler was missing from Redis (Redis lost data, or it was removed by hand): upserted again (`schedulers.missing`)",
  'eviction-allkeys': 'Redis runs with maxmemory-policy allkeys-*: it may evict any key, queues included; the worker refuses to start unless redis.allowEviction (`redis.eviction`)',
  'eviction-volatile': 'Redis runs with maxmemory-policy volatile-*: keys with a TTL (seen-set, robots and politeness state) may be evicted under memory pressure (`redis.eviction`)',
  'eviction-unknown': 'CONFIG GET maxmemory-policy was refused (a managed Redis): the policy could not be checked (`redis.eviction`)',
  'no-readable-sink': '/stories is off: no configured sink can be read back (JSONL or PostgreSQL) (`stories.page-off`)',
  'store-failed': '/stories could not read the records from its sink (`stories.page-failed`)',
  'bad-query': '/stories refused a query parameter: `days` not a whole number from 1 to 365, `until` not a date YYYY-MM-DD, `lang` not a 2- or 3-letter language code, `by` neither `language` nor `source`, `q` over 200 characters, or one of them given twice; answered 400 naming it (`stories.bad-query`)',
  'sink-read-failed': 'a sink that can be read back (JSONL, PostgreSQL) could not be read when the seen-set was rebuilt from the sinks (PostgreSQL away or refusing the login, a JSONL file that cannot be read): pages it holds may be fetched again, nothing is lost (`seen.rebuild-incomplete`, `failedSinks` in `redis.reset`; `status` names the sink and its error)',
  'not-a-record': 'a line of a JSONL sink file is no record (a torn write, another writer\'s line): `retag` and the seen-set rebuild skip it and count it (`retag.lines-skipped`, `skippedLines` in `redis.reset`)',
  'redis-data-lost': 'Redis came back without our data (a restart without persistence, FLUSHALL, eviction): the seen-set is rebuilt from the sinks and the job schedulers restored (`redis.reset`)',
  'worker-stopped': "a BullMQ worker of the process is not running (it closed after an error): /healthz is 503 naming its queue",
  'shutting-down': 'the worker is stopping (SIGTERM/SIGINT or --once done): /healthz and /readyz say so until it exits',
  'start-failed': 'the worker could not start: an invalid config or sink path (exit 2), the ops listener\'s address in use or not permitted (exit 1), another start error (exit 1); the `worker.failed` event has the error class and message',
  'redis-database': "Redis refused to SELECT the database index of redis.url (`redis://host:port/N` with N at or above the server's `databases` setting, or a Redis Cluster, which has database 0 only): every command refuses at connect with exit 2 and writes nothing to another database; a running worker that meets it on a reconnect drops the connection and keeps trying (`redis.database-refused`)",
  'redis-unavailable': "Redis did not answer or refused a command (connection lost, LOADING, READONLY, OOM): the worker keeps running, reconnects and tries again; the Redis error text is in the event's `error` field",
} as const;

/** Every reason code with its meaning. */
export const ALL_REASONS: Readonly<Record<string, string>> = { ...REASONS, ...OTHER_REASONS };

const TRANSIENT = new Set<ReasonCode>(['network-error', 'timeout', 'http-5xx', 'rate-limited', 'host-busy', 'sink-failed', 'sink-misconfigured', 'robots-unreachable', 'stalled', 'story-failed', 'proxy-error']);

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

/** A reason code the worker gives itself (see OTHER_REASONS). */
export type OtherReason = keyof typeof OTHER_REASONS;

/**
 * ioredis' own connection errors, and Redis replies that say the server cannot serve now
 * (LOADING after a restart, READONLY on a replica after a failover, OOM, CLUSTERDOWN,
 * TRYAGAIN, MASTERDOWN). `Command timed out` is ioredis's `commandTimeout` (producer
 * connections): a frozen or unreachable Redis that keeps the socket open. Matched on ioredis' messages (lib/Redis.ts, lib/Command.ts,
 * MaxRetriesPerRequestError) and on the Redis error prefixes (redis.io "Redis errors");
 * a script or type error (NOSCRIPT, WRONGTYPE, ERR) is not one: that is a bug.
 */
const REDIS_UNAVAILABLE = /^(Connection is closed|Stream isn't writeable|Reached the max retries per request limit|Command timed out$|(LOADING|READONLY|OOM|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|BUSY) )/;

/** True when `err` says Redis could not be reached or cannot serve now (see REDIS_UNAVAILABLE). */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'MaxRetriesPerRequestError' || REDIS_UNAVAILABLE.test(err.message);
}

/**
 * The reason code of any thrown value: its own code for an IngestError, `redis-unavailable`
 * for a Redis connection error (isRedisUnavailable), else `internal-error` (a bug: an
 * unexpected exception).
 */
export function reasonOf(err: unknown): ReasonCode | OtherReason {
  if (err instanceof IngestError) return err.code;
  if (isRedisUnavailable(err)) return 'redis-unavailable';
  return 'internal-error';
}

/**
 * Errors of the command line and of start-up, each mapped to an exit code by
 * `exitCodeOf` (src/cli/exit.ts) with `instanceof`. They live here, away from the modules
 * that throw them, so the CLI can match them without loading ioredis or BullMQ.
 */

/** A usage problem the user can fix (bad arguments, an unknown feed id); exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `reingest` got an unknown feed id or a bad URL; the message names it. Exit 2. */
export class ReingestError extends UsageError {
  override name = 'ReingestError';
}

/** The ops listener's settings are unusable (bad HOST:PORT, no token off loopback). Exit 2. */
export class OpsConfigError extends UsageError {
  override name = 'OpsConfigError';
}

/** Strips user:password from a URL (kept here so this module loads nothing). */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Redis could not be reached at start. The message names the URL (password masked) and how to
 * start Redis, or, when Redis refused the credentials (WRONGPASS / NOAUTH), which setting to fix. Exit 3.
 */
/**
 * How `assertRedisReachable` (src/queue/connection.ts) words a Redis that took the connection
 * and answered nothing within its time (frozen, overloaded): `RedisUnavailableError` then says
 * so instead of "start it".
 */
export const REDIS_SILENT = 'no answer to PING';

export class RedisUnavailableError extends Error {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    const why = (cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message ?? String(cause);
    // A Redis that answers WRONGPASS / NOAUTH is running: the fault is the URL's credentials.
    const auth = /^(WRONGPASS|NOAUTH)\b/.test(why);
    const where = url.startsWith('cluster ') ? 'REDIS_CLUSTER_NODES / redis.cluster' : 'REDIS_URL / redis.url';
    // the connection was taken (by the kernel at least) and PING never answered
    const frozen = why.startsWith(REDIS_SILENT);
    super(
      auth
        ? `Redis at ${withoutPassword(url)} refused the credentials (${why}). Check the user and password in ${where}.`
        : frozen
          ? /^rediss:/i.test(url)
            ? // a rediss:// client sends a TLS ClientHello; a Redis without TLS on that port reads it as a command and never answers (round 19, fresh19)
              `Redis at ${withoutPassword(url)} accepts connections but gave ${why}: a rediss:// URL speaks TLS, and a Redis without TLS on that port never answers it. Use redis:// for a Redis without TLS (or turn TLS on: \`tls-port\`), or check it with \`redis-cli -u <url> ping\`.`
            : `Redis at ${withoutPassword(url)} accepts connections but gave ${why}: it is frozen (stopped, swapping, a stuck host) or overloaded, or the port is not Redis. Check it with \`redis-cli -u <url> ping\`, or point ${where} at a Redis that answers.`
          : `Redis at ${withoutPassword(url)} is not answering (${why}). Start it (e.g. \`redis-server --daemonize yes\`, ` +
          (url.startsWith('cluster ') ? 'or a cluster node), or point REDIS_CLUSTER_NODES / redis.cluster in the config at a running Redis Cluster.' : 'or `docker compose up -d redis`), or point REDIS_URL / redis.url in the config at a running Redis.'),
    );
    this.name = 'RedisUnavailableError';
  }
}

/**
 * Redis answered but refused `SELECT <db>` for the database index of `redis.url` (Redis says
 * "ERR DB index is out of range" for an index at or above its `databases` setting, default 16;
 * "ERR SELECT is not allowed in cluster mode" on a cluster node). ioredis logs that and goes on
 * in database 0, so every key of the run would land there: the clients of
 * src/queue/connection.ts refuse instead. A config fault: exit 2, reason `redis-database`.
 * @param url the target as the config gives it (password masked in the message)
 * @param db the database index asked for
 * @param reply Redis's answer to SELECT
 * @param databases the server's `databases` setting when CONFIG GET could read it, else null
 */
export class RedisDatabaseError extends Error {
  /** Reason code (src/errors.ts OTHER_REASONS). */
  readonly code = 'redis-database';
  constructor(
    readonly url: string,
    readonly db: number,
    readonly reply: string,
    readonly databases: number | null = null,
  ) {
    const has = databases === null ? '' : ` (the server has ${databases} database${databases === 1 ? '' : 's'}, 0 to ${databases - 1}: \`databases\` in redis.conf)`;
    super(
      `redis.url ${withoutPassword(url)} asks for database ${db}, but Redis refused SELECT ${db}: "${reply}"${has}. ` +
        `Nothing was written. Use a database index the server has in REDIS_URL / redis.url (the /N at the end of the URL), or raise \`databases\` in redis.conf and restart Redis.`,
    );
    this.name = 'RedisDatabaseError';
  }
}

/**
 * Redis's `maxmemory-policy` is `allkeys-*` (it may delete any key under memory pressure) and
 * `redis.allowEviction` is not set: the worker refuses to start. The message says why and how
 * to fix it. Exit 3.
 */
export class RedisEvictionError extends Error {
  constructor(
    readonly url: string,
    readonly policy: string,
  ) {
    super(
      `Redis at ${withoutPassword(url)} has maxmemory-policy ${policy}: under memory pressure it deletes any key, ` +
        'including queued jobs, job schedulers and the seen-set, so articles would be lost in silence. ' +
        'Set `maxmemory-policy noeviction` (redis-cli CONFIG SET maxmemory-policy noeviction, and in redis.conf), ' +
        'or set redis.allowEviction: true in the config to run anyway.',
    );
    this.name = 'RedisEvictionError';
  }
}

/**
 * A file-system error as a reader says it: the errno code with its meaning ("ENOENT: no such
 * file or folder"), for messages that name a file the user gave. Codes from POSIX errno.h.
 */
export function fsErrorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const meaning: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a folder, not a file',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ELOOP: 'too many symbolic links',
  };
  if (code && meaning[code]) return `${code}: ${meaning[code]}`;
  return code ?? (err as Error)?.message ?? String(err);
}
