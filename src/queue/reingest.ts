/**
 * Manual re-ingest: jobs that bypass the seen-set and the conditional GET, with unique job
 * ids (a completed job with the regular id would make `add()` a silent no-op), logged with
 * `trigger: "manual"`.
 */
import type { Config } from '../config/schema.js';
import { canonicalizeUrl, recordIdOf } from '../normalize/url.js';
import { ReingestError } from '../errors.js';
import { manualJobId } from './names.js';
import type { Queues } from './queues.js';

export { ReingestError };

/** Enqueues a forced fetch of one configured feed. @returns the job id */
export async function reingestFeed(cfg: Config, queues: Queues, feedId: string): Promise<string> {
  const feed = cfg.feeds.find((f) => f.id === feedId);
  if (!feed) throw new ReingestError(`unknown feed id "${feedId}" (configured: ${cfg.feeds.map((f) => f.id).join(', ') || 'none'})`);
  const job = await queues.feeds.add('fetch-feed', { feedId, url: feed.url, reason: 'manual', force: true }, { jobId: manualJobId('f', feedId) });
  return String(job.id);
}

/** Enqueues a forced fetch of every configured feed. @returns the job ids */
export async function reingestAll(cfg: Config, queues: Queues): Promise<string[]> {
  const ids: string[] = [];
  for (const f of cfg.feeds) ids.push(await reingestFeed(cfg, queues, f.id));
  return ids;
}

/**
 * Enqueues a forced ingest of one article URL.
 * @throws ReingestError when the URL is not absolute http(s), or `feedId` is unknown
 */
export async function reingestUrl(cfg: Config, queues: Queues, url: string, feedId?: string): Promise<string> {
  let canonicalUrl: string;
  try {
    canonicalUrl = canonicalizeUrl(url);
  } catch {
    throw new ReingestError(`not an absolute http(s) URL: "${url}"`);
  }
  const feed = feedId ? cfg.feeds.find((f) => f.id === feedId) : undefined;
  if (feedId && !feed) throw new ReingestError(`unknown feed id "${feedId}" (configured: ${cfg.feeds.map((f) => f.id).join(', ') || 'none'})`);
  const job = await queues.articles.add(
    'ingest-article',
    { url, canonicalUrl, feedId: feedId ?? null, feed: feed ? { id: feed.id, url: feed.url, title: feed.title ?? null } : null, item: null, reason: 'manual', force: true },
    { jobId: manualJobId('a', recordIdOf(canonicalUrl)) },
  );
  return String(job.id);
}
