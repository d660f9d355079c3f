/**
 * Mounts the /stories page on the ops listener (src/ops/server.ts `OpsDeps.mount`): opens the
 * record store the page reads (the first PostgreSQL sink, else the first JSONL sink) and routes
 * `GET /stories` to `handleStoriesRequest`. Without a readable sink (webhook only) the page is
 * off: logged once as `stories.page-off` with the reason.
 */
import type { Express } from 'express';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { RecordStore } from '../search/store.js';
import { handleStoriesRequest } from './page.js';

/** The page's store (close it at shutdown) and the function that mounts the route. */
export interface StoriesPageMount {
  store: RecordStore;
  mount(app: Express): void;
}

/** See the module comment; null when no sink can be read. */
export async function openStoriesPage(config: Config, log: Logger): Promise<StoriesPageMount | null> {
  const { openStore } = await import('../search/cli.js');
  let store: RecordStore;
  try {
    store = await openStore(config, {});
  } catch (err) {
    log.warn({ event: 'stories.page-off', reason: 'no-readable-sink', err: (err as Error).message }, '/stories is off: no sink the page can read');
    return null;
  }
  const onError = (err: Error) => log.warn({ event: 'stories.page-failed', reason: 'store-failed', err: err.message }, '/stories could not read the records');
  return {
    store,
    mount: (app) => {
      app.all('/stories', (req, res) => void handleStoriesRequest(req, res, { store, onError }));
    },
  };
}
