/**
 * `config check` (the effective config with secrets masked) and `feed reset` (clear a feed's
 * backoff and error count in its Redis state).
 */
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Config } from '../config/schema.js';
import { resolve } from 'node:path';
import { topicsDirOf } from '../config/package.js';
import { maskProxyUrl } from '../http/proxy.js';
import { redactUrl } from '../log.js';
import { feedStateKey, getFeedState, type FeedState } from '../state/feed-state.js';

/** What replaces a secret. */
export const MASK = '***';

function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    // a user without a password is a token too (`https://TOKEN@host/`): masked as a whole
    if (!u.password) return u.username ? redactUrl(url) : url;
    u.password = MASK;
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * A copy of the config with secrets masked: passwords in URLs (redis, postgres, webhook),
 * the user:password of feed URLs (`https://***@host/rss`, as logs and `status` show them),
 * webhook secrets, the ops token, feed header values other than User-Agent (cookies, tokens),
 * user:pass of proxy URLs (`http.proxy`, `feeds[].proxy`).
 */
export function maskSecrets(cfg: Config): unknown {
  return {
    ...cfg,
    redis: { ...cfg.redis, url: maskUrl(cfg.redis.url), ...(cfg.redis.cluster ? { cluster: cfg.redis.cluster.map(maskUrl) } : {}) },
    // A feed's headers may carry cookies or tokens: every value but the User-Agent is masked.
    // A proxy URL's user:pass are masked whole (`http://***@proxy:3128`).
    feeds: cfg.feeds.map((f) => ({
      ...f,
      url: redactUrl(f.url),
      ...(f.headers ? { headers: Object.fromEntries(Object.entries(f.headers).map(([k, v]) => [k, k.toLowerCase() === 'user-agent' ? v : MASK])) } : {}),
      ...(typeof f.proxy === 'string' ? { proxy: maskProxyUrl(f.proxy) } : {}),
    })),
    http: { ...cfg.http, ...(cfg.http.proxy ? { proxy: maskProxyUrl(cfg.http.proxy) } : {}) },
    sinks: cfg.sinks.map((s) => {
      if (s.type === 'webhook') return { ...s, url: maskUrl(s.url), ...(s.secret ? { secret: MASK } : {}) };
      if (s.type === 'postgres') return { ...s, url: maskUrl(s.url) };
      return s;
    }),
    ...(cfg.ops ? { ops: { ...cfg.ops, ...(cfg.ops.token ? { token: MASK } : {}) } } : {}),
  };
}

/**
 * One line per topic naming the file it is read from and why there (fresh20): a working
 * directory's `config/topics/<id>.yaml` overrides the package's file of that id, per file
 * (`topicsDirOf`), so a user can see which of the two `start` will tag with.
 * @returns `topic <id>: <absolute path> (<whose>)\n` lines
 */
export function topicFilesNote(ids: readonly string[]): string {
  return ids
    .map((id) => {
      const dir = topicsDirOf(undefined, id);
      const whose = dir === 'config/topics' ? "the working directory's config/topics/" : "the package's own, none in the working directory's config/topics/";
      return `topic ${id}: ${resolve(dir, `${id}.yaml`)} (${whose})\n`;
    })
    .join('');
}

/**
 * Clears a feed's backoff and failure count (`consecutiveFailures` 0, no `nextAttemptAt`),
 * keeping its validators and history. @returns the state before
 */
export async function resetFeedHealth(redis: Redis, prefix: string, feedId: string): Promise<FeedState> {
  const before = await getFeedState(redis, prefix, feedId);
  await redis.hset(feedStateKey(prefix, feedId), { consecutiveFailures: 0, nextAttemptAt: '' });
  return before;
}
