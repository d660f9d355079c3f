/**
 * Mounts the /stories page on the ops listener (src/ops/server.ts `OpsDeps.mount`): opens the
 * record store the page reads (the first PostgreSQL sink, else the first JSONL sink; the JSONL sink
 * also when PostgreSQL cannot be opened at start, logged as `stories.page-fallback`) and routes
 * `GET /stories` to `handleStoriesRequest`. Without a readable sink (webhook only) the page is
 * off: logged once as `stories.page-off` with the reason. A refused query parameter (400) is
 * logged as `stories.bad-query` (reason `bad-query`, the parameter and its value) and, with it a
 * failed read (`stories.page-failed`), counted for `status` (src/state/notices.ts).
 */
import type { Express } from 'express';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { RecordStore } from '../search/store.js';
import type { StoreNotes } from '../search/cli.js';
import type { NoticeWriter } from '../state/notices.js';
import { handleStoriesRequest, type PageQueryError } from './page.js';

/** The page's store (close it at shutdown) and the function that mounts the route. */
export interface StoriesPageMount {
  store: RecordStore;
  mount(app: Express): void;
}

/**
 * See the module comment; null when no sink can be read.
 * @param notices where a refused query and a failed read are counted for `status` (src/state/notices.ts); none: only logged
 */
export async function openStoriesPage(config: Config, log: Logger, notices?: NoticeWriter): Promise<StoriesPageMount | null> {
  const { openStore } = await import('../search/cli.js');
  // what the CLI prints on stderr, logged here (`start` writes JSON lines only)
  const notes: StoreNotes = {
    noFile: (path) => log.info({ event: 'stories.no-file', path }, `/stories: the JSONL sink's file ${path} does not exist yet (nothing written to it)`),
    skippedLines: (path, notRecords, lines) =>
      log.warn({ event: 'stories.lines-skipped', reason: 'not-a-record', path, lines: notRecords, of: lines }, `/stories: ${notRecords} of ${lines} lines of ${path} are not records and were skipped`),
  };
  let store: RecordStore;
  try {
    store = await openStore(config, {}, notes);
  } catch (err) {
    // PostgreSQL away at start: the JSONL sink, when there is one, serves the page instead
    const jsonlBehindPostgres = config.sinks.some((s) => s.type === 'jsonl') && config.sinks.some((s) => s.type === 'postgres');
    try {
      if (!jsonlBehindPostgres) throw err;
      store = await openStore(config, { sink: 'jsonl' }, notes);
      log.warn({ event: 'stories.page-fallback', reason: 'store-failed', err: (err as Error).message }, '/stories reads the JSONL sink: the PostgreSQL sink could not be opened');
    } catch {
      log.warn({ event: 'stories.page-off', reason: 'no-readable-sink', err: (err as Error).message }, '/stories is off: no sink the page can read');
      return null;
    }
  }
  const onError = (err: Error) => {
    log.warn({ event: 'stories.page-failed', reason: 'store-failed', err: err.message }, '/stories could not read the records');
    notices?.note('stories.page-failed', 'store-failed', err.message);
  };
  const onBadQuery = (err: PageQueryError) => {
    log.warn({ event: 'stories.bad-query', reason: 'bad-query', param: err.param, value: err.value.slice(0, 200) }, `/stories refused its query (400): ${err.message}`);
    notices?.note('stories.bad-query', 'bad-query', err.message);
  };
  return {
    store,
    mount: (app) => {
      app.all('/stories', (req, res) => void handleStoriesRequest(req, res, { store, onError, onBadQuery }));
    },
  };
}
