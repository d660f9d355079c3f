#!/usr/bin/env node
/**
 * The value of a `--url` option, checked: an absolute http(s) URL with a host.
 * @throws UsageError naming the option and the value (exit 2)
 */
function urlOption(name: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkHttpUrlArg(name, value);
}

/**
 * The `news-ingest` command line (commander). Exit codes: 0 ok, 1 a runtime failure,
 * 2 bad usage or an invalid config, 3 Redis unreachable.
 */
import { existsSync, realpathSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { loadConfig, topicsDirOf, userAgentOf, VERSION } from './config/load.js';
import { IngestError, RedisDatabaseError, RedisEvictionError, RedisUnavailableError, UsageError } from './errors.js';
import { exitOf } from './cli/exit.js';
import { checkFeedIdArg, checkHttpUrlArg } from './cli/input.js';
import { registerAdminCommands } from './cli/admin.js';
import { registerBackfillCommand } from './backfill/cli.js';
import { registerOnboardCommands } from './onboard/cli.js';
import type { Config } from './config/schema.js';
import { createLogger, routeConsole, routeConsoleToLog } from './log.js';
import { onFileSizeLimit } from './cli/file-size.js';
import { registerStoryCommands } from './search/cli.js';
import type { Queues } from './queue/queues.js';
import type { RunSummary } from './queue/worker.js';
import type { RedisClient as Redis } from './queue/connection.js'; // one Redis or a Redis Cluster
// Each command imports what it needs when it runs (below), so `extract --batch` and `tag`
// start without loading BullMQ, ioredis or pg: start-up time is part of their measured cost.


function config(cmd: Command): Config {
  const opts = cmd.optsWithGlobals() as { config?: string };
  return loadConfig(opts.config);
}

async function withQueues<T>(cfg: Config, fn: (q: Queues, redis: Redis) => Promise<T>): Promise<T> {
  const { assertRedisReachable, createProducerRedis, describeTarget, whenReady } = await import('./queue/connection.js');
  const { openQueues } = await import('./queue/queues.js');
  await assertRedisReachable(cfg.redis);
  const redis = await whenReady(createProducerRedis(cfg.redis, 'news-ingest-cli'), describeTarget(cfg.redis));
  const queues = openQueues(cfg, redis);
  try {
    return await fn(queues, redis);
  } finally {
    await queues.close();
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** Awaits an enqueue, then warns on stderr when no worker process is alive to take the job. */
async function warnIfNoWorker<T>(cfg: Config, redis: Redis, enqueued: Promise<T>): Promise<T> {
  const out = await enqueued;
  const { noWorkerWarning } = await import('./ops/status-live.js');
  const warning = await noWorkerWarning(cfg, redis).catch(() => null);
  if (warning) process.stderr.write(`news-ingest: ${warning}\n`);
  return out;
}

function summaryLine(s: RunSummary, cfg: Config): string {
  const sinks = cfg.sinks.map((k) => (k.type === 'jsonl' ? `${k.name} ${k.path}` : k.name)).join(', ');
  const o = s.articles.outcomes;
  const pending = Object.entries(s.deliveriesPending).map(([k, n]) => `${k} ${n}`);
  return (
    `${s.interrupted ? 'interrupted (signal) after' : 'done in'} ${(s.durationMs / 1000).toFixed(1)} s: feeds ${s.feeds.completed} ok, ${s.feeds.failed} failed; ` +
    `articles ${s.articles.completed} ok (${s.articles.relevant} relevant, ${o.written ?? 0} written, ${o.unchanged ?? 0} unchanged, ${o.queued ?? 0} queued), ${s.articles.failed} failed; ` +
    `deliveries ${s.deliveries.completed} ok, ${s.deliveries.failed} failed${pending.length ? `, pending ${pending.join(', ')}` : ''}; sinks: ${sinks}` +
    (s.retriesPending ? `; ${s.retriesPending} retries due later left for a later run (Retry-After)` : '') +
    (s.redisResets ? `; Redis lost its data ${s.redisResets === 1 ? 'once' : `${s.redisResets} times`} (every feed polled again)` : '') +
    (s.interrupted ? '; the jobs left wait in Redis for the next start' : '')
  );
}

/**
 * Exit code of a `start --once` run that completed (not interrupted) while some feed, article
 * or delivery job failed for good, or deliveries were left for a later run: the summary line,
 * `run.summary` and `status` say which. 0 is kept for a run where everything got through.
 */
export const ONCE_INCOMPLETE_EXIT = 4;

/** How many jobs of a completed `--once` run did not get through (failed, deliveries pending, retries left for later). */
export function onceFailures(s: RunSummary): number {
  const pending = Object.values(s.deliveriesPending).reduce((a, b) => a + b, 0);
  return s.feeds.failed + s.articles.failed + s.deliveries.failed + pending + (s.retriesPending ?? 0);
}

/**
 * A repeat of the first stop signal within this many ms is taken as the same request (timeout(1)
 * signals the child and then its process group); a later one, or another signal, forces the exit.
 */
export const SIGNAL_REPEAT_MS = 1000;

/** Builds the program; `main` runs it. Exported for tests. */
export function buildProgram(): Command {
  const program = new Command('news-ingest')
    .description('Follows the Armenia–Azerbaijan peace talks: feeds → articles → tagged records')
    .version(VERSION)
    .option('-c, --config <file>', 'config file (default: $NEWS_INGEST_CONFIG or config/default.yaml)')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('start')
    .description('run the worker and the job schedulers (a background service)')
    .option('--once', 'enqueue every feed once, wait until both queues are drained, print a summary and exit')
    .option('--ops-listen <host:port>', 'serve /healthz /readyz /metrics /queues on this address (overrides ops.listen)')
    .option('--allow-empty', 'start even when the config has no feeds (this removes the job schedulers of every feed of the prefix)')
    .action(async (opts: { once?: boolean; opsListen?: string; allowEmpty?: boolean }, cmd: Command) => {
      const cfg = config(cmd);
      const log = createLogger(cfg.logLevel);
      routeConsoleToLog(log);
      const { checkStart, summaryEvent } = await import('./cli/start.js');
      // a start refused before it runs (no feeds, a sink path that cannot be written, an ops
      // listener without its token) is a log event too, not only the stderr line
      const failed = async (err: unknown) => {
        const reason = err instanceof IngestError ? err.code : err instanceof RedisUnavailableError ? 'redis-unavailable' : err instanceof RedisEvictionError ? 'eviction-allkeys' : err instanceof RedisDatabaseError ? err.code : 'start-failed';
        if (err instanceof RedisDatabaseError) logDatabaseRefused(log, err);
        log.fatal({ event: 'worker.failed', errorClass: (err as Error).name, reason, err: (err as Error).message }, 'worker could not start or run');
        await new Promise<void>((r) => log.flush(() => r()));
      };
      let ops: ReturnType<typeof checkStart>;
      try {
        ops = checkStart(cfg, { allowEmpty: opts.allowEmpty, opsListen: opts.opsListen, once: opts.once });
      } catch (err) {
        await failed(err);
        throw err;
      }
      const ac = new AbortController();
      // `on`, not `once`: signal-exit (loaded by proper-lockfile) re-raises a signal when it
      // sees no other listener, which would kill the process mid-shutdown. A second signal
      // while shutting down exits at once.
      // The same signal again within SIGNAL_REPEAT_MS is the same request, not a second one:
      // GNU timeout(1) sends its signal to the child and then to its whole process group, so a
      // `timeout 1h news-ingest start --once` gets SIGTERM twice a few ms apart.
      let first: { sig: string; at: number } | null = null;
      const onSignal = (sig: string) => {
        if (ac.signal.aborted) {
          if (first && first.sig === sig && Date.now() - first.at < SIGNAL_REPEAT_MS) {
            log.info({ event: 'signal', signal: sig, outcome: 'repeat' }, 'the same signal again at once: already shutting down');
            return;
          }
          log.warn({ event: 'signal', signal: sig, outcome: 'forced' }, 'second signal: exiting now');
          process.exit(1);
        }
        first = { sig, at: Date.now() };
        log.info({ event: 'signal', signal: sig }, 'shutting down');
        ac.abort();
      };
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      process.on('SIGINT', () => onSignal('SIGINT'));
      // a write past the file-size limit (`ulimit -f`, systemd LimitFSIZE=) raises SIGXFSZ, whose
      // default action killed the worker without a word (round 10 faults): handled, the write
      // fails with EFBIG instead and the sink's delivery is retried (`sink-failed`)
      onFileSizeLimit(log);
      log.info({ event: 'worker.start', once: Boolean(opts.once), feeds: cfg.feeds.length, prefix: cfg.redis.prefix }, 'news-ingest worker starting');
      let summary: RunSummary;
      try {
        // imported inside the try: a module that fails as it loads (a malformed
        // config/stories/event-kinds.yaml) is a start failure with its log event too
        const { runWorker } = await import('./queue/worker.js');
        // which files this process reads: two workers of one prefix started in different folders
        // may read different topic or kinds files (the working directory's, else the package's)
        const { EVENT_KINDS_FILE } = await import('./stories/event-types.js');
        const configOpt = (cmd.optsWithGlobals() as { config?: string }).config;
        log.info(
          {
            event: 'worker.files',
            configFile: resolvePath(configOpt ?? (process.env.NEWS_INGEST_CONFIG || undefined) ?? 'config/default.yaml'),
            topicFiles: cfg.topics.map((id) => resolvePath(topicsDirOf(undefined, id), `${id}.yaml`)),
            eventKindsFile: resolvePath(EVENT_KINDS_FILE),
            cwd: process.cwd(),
          },
          'config, topic and event-kinds files read',
        );
        summary = await runWorker({ config: cfg, log, once: opts.once, stopSignal: ac.signal, ops });
      } catch (err) {
        // The fatal start error as a log event too (stderr gets the human line from main()),
        // with its reason code: one that is not an IngestError or Redis's is `start-failed`.
        await failed(err);
        throw err;
      }
      log.info({ event: 'worker.stopped', summary }, 'worker stopped');
      if (opts.once) {
        // an interrupted run did not complete: its summary says so, and it exits 130 (as an interrupted backfill)
        if (summary.interrupted) {
          log.warn(summaryEvent(summary, cfg), summaryLine(summary, cfg));
          process.exitCode = 130;
        } else if (onceFailures(summary)) {
          // completed, but not everything got through: a cron job must see it (exit 4)
          log.warn({ ...summaryEvent(summary, cfg), exitCode: ONCE_INCOMPLETE_EXIT }, summaryLine(summary, cfg));
          process.exitCode = ONCE_INCOMPLETE_EXIT;
        } else log.info(summaryEvent(summary, cfg), summaryLine(summary, cfg));
      }
    });

  const re = program.command('reingest').description('enqueue manual jobs that bypass the seen-set and conditional GET');
  re.command('feed <id>')
    .description('fetch one configured feed again, re-ingesting all its items')
    .action(async (id: string, _o, cmd: Command) => {
      const cfg = config(cmd);
      checkFeedIdArg(cfg, id);
      const { reingestFeed } = await import('./queue/reingest.js');
      const jobId = await withQueues(cfg, (q, redis) => warnIfNoWorker(cfg, redis, reingestFeed(cfg, q, id)));
      process.stdout.write(`enqueued feeds/${jobId}\n`);
    });
  re.command('url <url>')
    .description('fetch one article page again')
    .option('--feed <id>', 'the feed the article belongs to')
    .action(async (url: string, o: { feed?: string }, cmd: Command) => {
      const cfg = config(cmd);
      // bad usage before Redis is asked (README: a URL on the command line, exit 2 naming it)
      checkHttpUrlArg('url', url);
      if (o.feed !== undefined) checkFeedIdArg(cfg, o.feed, '--feed');
      const { reingestUrl } = await import('./queue/reingest.js');
      const jobId = await withQueues(cfg, (q, redis) => warnIfNoWorker(cfg, redis, reingestUrl(cfg, q, url, o.feed)));
      process.stdout.write(`enqueued articles/${jobId}\n`);
    });
  re.command('all')
    .description('fetch every configured feed again, re-ingesting all items')
    .action(async (_o, cmd: Command) => {
      const cfg = config(cmd);
      const { reingestAll } = await import('./queue/reingest.js');
      const ids = await withQueues(cfg, (q, redis) => warnIfNoWorker(cfg, redis, reingestAll(cfg, q)));
      process.stdout.write(`enqueued ${ids.length} feed jobs\n`);
    });

  program
    .command('status')
    .description('counts per queue and state, each feed’s last fetch and health, recent failures')
    .option('--json', 'print one JSON object')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const cfg = config(cmd);
      const { collectStatus, formatStatus } = await import('./queue/status.js');
      const report = await withQueues(cfg, (q, redis) => collectStatus(cfg, redis, q));
      process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : `${formatStatus(report)}\n`);
    });

  program
    .command('extract [target]')
    .description('print the record for one page (a URL or an HTML file) as JSON; no Redis needed')
    .option('--url <url>', 'the URL a file was fetched from (base for relative links, canonical URL)')
    .option('--batch', 'read JSON lines {id, path, url} on stdin, write {id, text, title, byline, publishedAt, lang, ...} lines (the protocol of eval-extraction.mjs)')
    .option('--fetched-at <date>', 'when a file was captured (ISO date or time): its record\'s fetchedAt, and the day whose site rule applies')
    .option('--allow-private-networks', 'lift the SSRF guard for this call')
    .action(async (target: string | undefined, o: { url?: string; batch?: boolean; fetchedAt?: string; allowPrivateNetworks?: boolean }, cmd: Command) => {
      if (o.batch) {
        if (target) throw new UsageError('extract --batch reads its pages from stdin; give no target');
        const { runExtractBatch } = await import('./extract/batch.js');
        const r = await runExtractBatch(process.stdin, process.stdout);
        process.stderr.write(`extract --batch: ${r.pages} pages, ${r.errors} errors\n`);
        return;
      }
      if (!target) throw new UsageError('extract needs a URL or a file (or --batch)');
      if (/^https?:/i.test(target)) checkHttpUrlArg('extract', target);
      urlOption('--url', o.url);
      const cfg = config(cmd);
      const { extractOne } = await import('./pipeline/extract-one.js');
      const fetchedAt = o.fetchedAt === undefined ? undefined : new Date(o.fetchedAt);
      if (fetchedAt && (Number.isNaN(fetchedAt.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(o.fetchedAt!))) throw new UsageError(`--fetched-at: not an ISO date or time: ${o.fetchedAt}`);
      const record = await extractOne(target, { config: cfg, url: o.url, fetchedAt, allowPrivateNetworks: o.allowPrivateNetworks });
      if (!o.url && !/^https?:\/\//i.test(target)) process.stderr.write(`news-ingest: no --url given: the record's url is a placeholder (${record.url}); pass --url <the page's URL>\n`);
      process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    });

  program
    .command('tag [file]')
    .description('tag JSON Lines {id, title, text, language?} from FILE or stdin ("-"); one line out per line in')
    .action(async (file: string | undefined, _o, cmd: Command) => {
      const cfg = config(cmd);
      const { loadConfigTopics } = await import('./tagging/config-topics.js');
      const { runTagStream } = await import('./tagging/stream.js');
      const topics = loadConfigTopics(cfg.topics);
      const { openInput } = await import('./cli/input.js');
      const input = await openInput(file);
      const r = await runTagStream(input, process.stdout, topics);
      if (r.errors) process.stderr.write(`news-ingest: ${r.errors} of ${r.lines} lines could not be tagged (see their error lines)\n`);
    });

  program
    .command('retag')
    .description('re-tag the records already in the sinks (after a topic file change), without fetching')
    .action(async (_o, cmd: Command) => {
      const cfg = config(cmd);
      const log = createLogger(cfg.logLevel, { pretty: false, destination: process.stderr });
      const { loadConfigTopics } = await import('./tagging/config-topics.js');
      const { createSinks } = await import('./sinks/index.js');
      const { retagSinks } = await import('./pipeline/retag.js');
      const topics = loadConfigTopics(cfg.topics);
      const sinks = await createSinks(cfg, { log });
      for (const k of cfg.sinks) if (k.type === 'jsonl' && !existsSync(k.path)) log.warn({ event: 'retag.no-file', path: k.path }, `JSONL sink file ${k.path} does not exist: nothing to read there`);
      try {
        let last = 0;
        const s = await retagSinks(sinks, topics, log, (p) => {
          if (Date.now() - last > 2000) {
            last = Date.now();
            log.info({ event: 'retag.progress', ...p }, 'retag progress');
          }
        });
        process.stdout.write(`retag: ${s.read} records read, ${s.changed} changed (${s.flipped} changed relevance), ${s.written} writes, ${s.failed} failed${s.skipped ? `, ${s.skipped} lines that are no record skipped` : ''}\n`);
        if (s.failed) process.exitCode = 1;
      } finally {
        await Promise.allSettled(sinks.map((k) => k.close()));
      }
    });

  program
    .command('feed')
    .description('show a feed’s normalized items (`feed <url|file|id>`); `feed reset <id>` clears a feed’s backoff and error count')
    .command('show [target]', { isDefault: true })
    .description('show a feed’s normalized items as the feed job sees them (a URL, a file, "-" for stdin, or a configured feed id)')
    .option('--url <url>', 'the URL a file was fetched from (base for relative links)')
    .option('--json', 'print one JSON object {feed, items}')
    .option('--allow-private-networks', 'lift the SSRF guard for this call')
    .action(async (target: string | undefined, o: { url?: string; json?: boolean; allowPrivateNetworks?: boolean }, cmd: Command) => {
      if (!target) throw new UsageError('feed needs a URL, a file, "-" (stdin) or a configured feed id');
      urlOption('--url', o.url);
      const cfg = config(cmd);
      const http = { ...cfg.http, allowPrivateNetworks: o.allowPrivateNetworks || cfg.http.allowPrivateNetworks };
      const { fetchResource } = await import('./http/fetch.js');
      const { showFeed } = await import('./feeds/cli.js');
      // A configured feed (by id or URL) is fetched as its job fetches it: its headers and proxy.
      const feedCfg = cfg.feeds.find((f) => f.id === target || f.url === target || (o.url !== undefined && f.url === o.url));
      const { proxyOfFeed } = await import('./http/proxy.js');
      const fetchBytes = async (url: string) => {
        const res = await fetchResource(url, { http, userAgent: userAgentOf(cfg), kind: 'feed', headers: feedCfg?.headers, proxy: proxyOfFeed(feedCfg) });
        return { body: res.body, contentType: res.contentType, finalUrl: res.finalUrl };
      };
      let text: string;
      try {
        text = await showFeed(target, { url: o.url, json: o.json, config: cfg, fetchBytes });
      } catch (err) {
        const { explainNotAFeed } = await import('./onboard/cli.js');
        throw await explainNotAFeed(err, target, cfg, Boolean(o.allowPrivateNetworks));
      }
      process.stdout.write(`${text}\n`);
    });

  registerAdminCommands(program, { config, withQueues });
  registerBackfillCommand(program, { config, withQueues });
  registerOnboardCommands(program, { config });
  registerStoryCommands(program, config);
  hintHelpAfterError(program);

  return program;
}

/**
 * After a usage error commander prints (unknown option, missing argument), each command prints
 * one line naming its own `--help`, not its whole help: the error line stays the last thing a
 * terminal or a cron mail shows (before round 18 `status --bogus` printed the command's 8-line
 * help after `error: unknown option '--bogus'`, docs/review.md "Round 17 (fresh17b)"). Walks
 * the tree, so subcommands (`jobs list`, `feed discover`) name their full path.
 */
function hintHelpAfterError(cmd: Command, path: string[] = []): void {
  const here = cmd.parent ? [...path, cmd.name()] : [cmd.name()];
  cmd.showHelpAfterError(`(${here.join(' ')} --help for usage)`);
  for (const sub of cmd.commands) hintHelpAfterError(sub, here);
}

/** Runs the CLI with `argv` and returns the exit code. */
export async function main(argv = process.argv): Promise<number> {
  const program = buildProgram();
  // Short commands: a library's console warning (ioredis: "[WARN] ... a password was supplied",
  // printed once per connection) is one `news-ingest: warning:` line on stderr, said once.
  // `start` routes them into its JSON log instead (routeConsoleToLog).
  routeConsole((_stream, text) => process.stderr.write(`news-ingest: warning: ${text.replace(/^\[(WARN|ERROR)\]\s*/, '')}\n`), { repeatMs: Infinity, stacks: false });
  guardStdout();
  try {
    await program.parseAsync(argv);
    // A command may set a non-zero exit code without throwing (retag's failed writes, an interrupted backfill).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    // a refused database index is a JSON log event (on stderr: stdout is the command's output)
    // for every command; `start` has logged it in its own log already
    if (err instanceof RedisDatabaseError && !databaseRefusalLogged.has(err)) logDatabaseRefused(createLogger('error', { pretty: false, destination: process.stderr }), err);
    const { code, message } = exitOf(err);
    if (message !== null) process.stderr.write(`news-ingest: ${message}\n`);
    return code;
  }
}

const databaseRefusalLogged = new WeakSet<RedisDatabaseError>();

/**
 * Logs `redis.database-refused` (error, reason `redis-database`, with `db`, Redis's `reply` and
 * the server's `databases` when known): the database index of redis.url was refused at connect.
 */
function logDatabaseRefused(log: { error: (obj: object, msg: string) => void }, err: RedisDatabaseError): void {
  databaseRefusalLogged.add(err);
  log.error({ event: 'redis.database-refused', reason: err.code, db: err.db, reply: err.reply, databases: err.databases }, err.message);
}

/**
 * Output to a reader that stops reading (`news-ingest tag big.jsonl | head -1`, a pager quit
 * early): the write fails with EPIPE, which without a listener is an uncaught stream error, a
 * stack trace on stderr and exit 1. A closed pipe is the reader's choice: the command ends
 * quietly, exit 0. Any other failure to write stdout (a full disk: ENOSPC) is one
 * `news-ingest: cannot write to stdout: …` line and exit 1.
 */
let stdoutGuarded = false;
function guardStdout(): void {
  if (stdoutGuarded) return; // main() run twice in one process (tests)
  stdoutGuarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`news-ingest: cannot write to stdout: ${err.message}\n`);
    process.exit(1);
  });
}

/**
 * Sets the exit code and, should a stray handle (a connection a failed start left open) keep
 * the event loop alive, exits after a grace period that lets stdout drain.
 */
export function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 3000).unref();
}

// Run when executed directly (`tsx src/cli.ts`, `node dist/src/cli.js`); bin/news-ingest.js calls main() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().then(finish);
}
