/**
 * Checks `start` makes before anything connects, and the `--once` summary as a log event.
 */
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { opsSettingsOf, type OpsSettings } from '../ops/settings.js';
import type { RunSummary } from '../queue/worker.js';

/**
 * Refuses a config without feeds unless `allowEmpty` (a start syncs the job schedulers to the
 * config, so an empty one would remove every feed's scheduler of the prefix), and resolves
 * the ops listener's settings.
 * @throws UsageError (exit 2) for an empty config; OpsConfigError (exit 2) for bad ops settings
 */
export function checkStart(cfg: Config, o: { allowEmpty?: boolean; opsListen?: string; once?: boolean }): OpsSettings | null {
  if (cfg.feeds.length === 0 && !o.allowEmpty) {
    throw new UsageError(
      `the config has no feeds: a worker started with it would ${o.once ? 'do nothing' : 'remove the job schedulers of every feed under the prefix "' + cfg.redis.prefix + '"'}. ` +
        'Add feeds, or pass --allow-empty if that is what you want.',
    );
  }
  return opsSettingsOf(cfg, o.opsListen);
}

/** The `run.summary` log event of `start --once` (stable fields; the message is the human line). */
export function summaryEvent(s: RunSummary, cfg: Config): Record<string, unknown> {
  return {
    event: 'run.summary',
    durationMs: s.durationMs,
    feeds: { completed: s.feeds.completed, failed: s.feeds.failed, retried: s.feeds.retried, outcomes: s.feeds.outcomes },
    articles: { completed: s.articles.completed, failed: s.articles.failed, retried: s.articles.retried, relevant: s.articles.relevant, outcomes: s.articles.outcomes },
    deliveries: { completed: s.deliveries.completed, failed: s.deliveries.failed, retried: s.deliveries.retried, outcomes: s.deliveries.outcomes },
    /** Per sink name: deliveries still queued when the run ended (retries due later). */
    deliveriesPending: s.deliveriesPending,
    sinks: cfg.sinks.map((k) => (k.type === 'jsonl' ? `${k.name} ${k.path}` : k.name)),
  };
}
