/**
 * Operator commands: `jobs list|show|retry|remove`, `feed reset <id>`, `config check`.
 * Registered on the program by `registerAdminCommands` (src/cli.ts).
 */
import type { Command } from 'commander';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import type { Queues } from '../queue/queues.js';

/** What the commands need from the CLI. */
export interface AdminDeps {
  config(cmd: Command): Config;
  withQueues<T>(cfg: Config, fn: (q: Queues, redis: Redis) => Promise<T>): Promise<T>;
}

type FilterOpts = { queue?: string; state?: string; reason?: string; limit?: string; json?: boolean };

function filterOf(o: FilterOpts) {
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError(`--limit: "${o.limit}" is not a positive integer`);
  return { queue: o.queue, state: o.state, reason: o.reason, limit };
}

const withFilters = (c: Command, defaultState: string | null) =>
  c
    .option('--queue <name>', 'feeds, articles, or a sink’s delivery queue deliver-<sink name> (default all)')
    .option('--state <state>', `failed, waiting, active, delayed, prioritized or completed${defaultState ? ` (default ${defaultState})` : ''}`)
    .option('--reason <code>', 'only jobs that failed with this reason code')
    .option('--limit <n>', 'look at most at this many jobs per queue (default 1000)');

/** Adds the operator commands to `program`; `feed reset` goes under the existing `feed` command. */
export function registerAdminCommands(program: Command, deps: AdminDeps): void {
  const feed = program.commands.find((c) => c.name() === 'feed');
  if (!feed) throw new Error('the feed command must be defined before the admin commands');
  feed
    .command('reset <id>')
    .description('clear a configured feed’s backoff and consecutive failures (its next scheduler tick fetches it)')
    .action(async (id: string, _o, cmd: Command) => {
      process.stdout.write(`${await feedReset(deps.config(cmd), deps, id)}\n`);
    });

  const jobs = program.command('jobs').description('list, show, retry and remove jobs (by queue, state and reason code)');
  withFilters(jobs.command('list'), 'failed')
    .description('list jobs: reference, state, trigger, reason, attempts, time, URL')
    .option('--json', 'print JSON lines')
    .action(async (o: FilterOpts, cmd: Command) => {
      const cfg = deps.config(cmd);
      const { listJobs, formatJobRows } = await import('./jobs.js');
      const { redactCredentials } = await import('../log.js');
      // job data carries the configured feed URL, user:password included: masked as in logs and status
      const rows = redactCredentials((await deps.withQueues(cfg, (q) => listJobs(q, filterOf(o)))).rows) as Awaited<ReturnType<typeof listJobs>>['rows'];
      process.stdout.write(o.json ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : `${formatJobRows(rows)}\n`);
    });
  jobs
    .command('show <ref>')
    .description('print one job (<queue>/<jobId>) as JSON: data, attempts, failure, stack trace, logs')
    .action(async (ref: string, _o, cmd: Command) => {
      const cfg = deps.config(cmd);
      const { showJob } = await import('./jobs.js');
      const { redactCredentials } = await import('../log.js');
      process.stdout.write(`${JSON.stringify(redactCredentials(await deps.withQueues(cfg, (q, redis) => showJob(q, ref, redis))), null, 2)}\n`);
    });
  withFilters(jobs.command('retry [refs...]'), null)
    .description('retry failed jobs: the ones named, or every failed job matching --queue/--reason')
    .action(async (refs: string[], o: FilterOpts, cmd: Command) => {
      if (!refs.length && !o.queue && !o.reason) throw new UsageError('jobs retry needs job references or a filter (--queue, --reason)');
      const cfg = deps.config(cmd);
      const { retryJobs } = await import('./jobs.js');
      const done = await deps.withQueues(cfg, (q) => retryJobs(q, refs, filterOf(o)));
      process.stdout.write(`retried ${done.length} job${done.length === 1 ? '' : 's'}${done.length ? `: ${done.join(', ')}` : ''}\n`);
    });
  withFilters(jobs.command('remove [refs...]'), 'failed')
    .description('remove jobs: the ones named, or every job matching the filter (default state failed)')
    .action(async (refs: string[], o: FilterOpts, cmd: Command) => {
      if (!refs.length && !o.queue && !o.reason && !o.state) throw new UsageError('jobs remove needs job references or a filter (--queue, --state, --reason)');
      const cfg = deps.config(cmd);
      const { removeJobs } = await import('./jobs.js');
      const done = await deps.withQueues(cfg, (q) => removeJobs(q, refs, filterOf(o)));
      process.stdout.write(`removed ${done.length} job${done.length === 1 ? '' : 's'}${done.length ? `: ${done.join(', ')}` : ''}\n`);
    });

  const configCmd = program.command('config').description('the effective config');
  configCmd
    .command('check')
    .description('validate the config (file and environment) and print the effective config as JSON, secrets masked')
    .option('--allow-empty', 'accept a config with no feeds (as `start --allow-empty` does)')
    .action(async (o: { allowEmpty?: boolean }, cmd: Command) => {
      const cfg = deps.config(cmd);
      // refused as `start` refuses it (same message, exit 2): a config that passes is one start
      // takes. The checks `start` makes before connecting (no feeds, an unwritable JSONL path, the
      // ops listener's settings), the topic files it names and the stories tables it would read.
      const { checkStart } = await import('./start.js');
      checkStart(cfg, { allowEmpty: o.allowEmpty });
      const { loadTopics } = await import('../queue/worker-context.js');
      loadTopics(cfg);
      await import('../stories/aliases.js'); // loads (and checks) config/stories/event-kinds.yaml and aliases.yaml
      const { maskSecrets, topicFilesNote } = await import('./config-check.js');
      process.stdout.write(`${JSON.stringify(maskSecrets(cfg), null, 2)}\n`);
      // on stderr, so that stdout stays the config as JSON: which file each topic was read from
      process.stderr.write(topicFilesNote(cfg.topics));
    });
}

/** `feed reset <id>`. @throws UsageError for an unknown feed id */
export async function feedReset(cfg: Config, deps: AdminDeps, feedId: string): Promise<string> {
  if (!cfg.feeds.some((f) => f.id === feedId)) throw new UsageError(`unknown feed id "${feedId}" (configured: ${cfg.feeds.map((f) => f.id).join(', ') || 'none'})`);
  const { resetFeedHealth } = await import('./config-check.js');
  const before = await deps.withQueues(cfg, (_q, redis) => resetFeedHealth(redis, cfg.redis.prefix, feedId));
  return `feed ${feedId}: backoff and error count cleared (was ${before.consecutiveFailures} failure${before.consecutiveFailures === 1 ? '' : 's'}, next attempt ${before.nextAttemptAt ?? 'not deferred'}); the next scheduler tick fetches it`;
}
