/**
 * `news-ingest extract <url|file>`: one page to one record, no Redis, no sinks.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config/schema.js';
import { fsErrorText, IngestError, UsageError } from '../errors.js';
import { checkInputFile } from '../cli/input.js';
import { userAgentOf } from '../config/load.js';
import { fetchResource } from '../http/fetch.js';
import { loadConfigTopics } from '../tagging/config-topics.js';
import type { ArticleRecord } from '../types.js';
import { pageToRecord } from './page.js';

export interface ExtractOneOptions {
  config: Config;
  /** For a file: the URL it was fetched from (base for relative links and the record's url). */
  url?: string;
  /**
   * When a file's HTML was captured (its record's `fetchedAt`, and the day that picks the site
   * rule: an archived copy is read with the rule of its day). Default now; ignored for a URL.
   */
  fetchedAt?: Date;
  /** Lift the SSRF guard for this call. */
  allowPrivateNetworks?: boolean;
  topicsDir?: string;
}

/**
 * Extracts one page given as an http(s) URL (fetched with the config's HTTP settings) or a
 * file path.
 * A file given without `opts.url` gets a placeholder URL, `http://localhost/<absolute path>`
 * (the record's url must be http(s)); the CLI says so on stderr.
 * @throws UsageError for a URL that is not http(s); IngestError from the fetch or
 *   `pageToRecord` (naming the file, for a file); UsageError naming a file that does not exist;
 *   Error naming a file that exists but cannot be read
 */
export async function extractOne(target: string, opts: ExtractOneOptions): Promise<ArticleRecord> {
  const topics = loadConfigTopics(opts.config.topics, opts.topicsDir);
  const fetchedAt = new Date();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/^https?:\/\//i.test(target)) {
    throw new UsageError(`extract takes an http(s) URL or a file path; ${target} is neither`);
  }
  if (/^https?:\/\//i.test(target)) {
    const http = { ...opts.config.http, allowPrivateNetworks: opts.allowPrivateNetworks || opts.config.http.allowPrivateNetworks };
    const res = await fetchResource(target, { http, userAgent: userAgentOf(opts.config), kind: 'html' });
    return pageToRecord({ body: res.body, contentType: res.contentType, url: target, finalUrl: res.finalUrl, fetchedAt }, topics);
  }
  // A path that does not exist is bad usage (exit 2); a folder or an unreadable file exit 1: the
  // same check and messages as every other file argument (src/cli/input.ts).
  checkInputFile(target);
  let body: Buffer;
  try {
    body = await readFile(target);
  } catch (err) {
    throw new Error(`cannot read ${target}: ${fsErrorText(err)}`); // removed or changed since the check
  }
  // A record's url must be http(s) (schema/record.v1.json): a file without --url gets its path under http://localhost.
  const url = opts.url ?? new URL(pathToFileURL(resolve(target)).pathname, 'http://localhost').toString();
  try {
    return await pageToRecord({ body, contentType: null, url, finalUrl: url, fetchedAt: opts.fetchedAt ?? fetchedAt }, topics);
  } catch (err) {
    // Name the file, not the placeholder URL it was given.
    if (err instanceof IngestError && opts.url === undefined) throw new IngestError(err.code, `${target}: ${err.message.split(url).join('the file')}`, { cause: err });
    throw err;
  }
}
