/**
 * The lifecycle every crash test shares (tests/integration/crash-*.test.ts): a loopback article
 * site, a temp folder, a PostgreSQL client, a Redis prefix and a table of its own, the worker
 * processes it starts, and the clean-up of all of them. Call `crashRun()` inside a `describe`:
 * it registers the `beforeAll` and `afterAll` hooks; the fields are set once `beforeAll` ran.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { dropPrefix } from './worker.js';
import { killProcess, PG_URL, startArticleSite, type ArticleSite, type WorkerProcess } from './crash-fixture.js';

/** One crash test's resources (see the module comment). */
export interface CrashRun {
  /** Redis key prefix, `test-<name>-<pid>_<time>`. */
  readonly prefix: string;
  /** PostgreSQL table of the run's sink, `t_<name>_<pid>_<time>` (and its `_migrations` and `_revisions`). */
  readonly table: string;
  site: ArticleSite;
  /** A fresh temp folder (config, JSONL, logs), removed at the end. */
  dir: string;
  /** A connected client to PG_URL (the test's own reads), ended at the end. */
  db: pg.Client;
  /** Worker processes to kill (SIGKILL) at the end if still running: push each one started. */
  readonly workers: WorkerProcess[];
  /** Closes `thing` at the end, before the site (a proxy, a webhook receiver); returns it. */
  own<T extends { close(): Promise<unknown> }>(thing: T): T;
}

/**
 * Registers the hooks of one crash test and returns its resources.
 * @param name short name, used in the prefix, the table (hyphens become underscores) and the folder
 * @param site options of startArticleSite (articles, feeds, delay per page)
 */
export function crashRun(name: string, site: Parameters<typeof startArticleSite>[0]): CrashRun {
  const tag = `${process.pid}_${Date.now().toString(36)}`;
  const owned: { close(): Promise<unknown> }[] = [];
  const run = {
    prefix: `test-${name}-${tag}`,
    table: `t_${name.replace(/-/g, '_')}_${tag}`,
    workers: [] as WorkerProcess[],
    own<T extends { close(): Promise<unknown> }>(thing: T): T {
      owned.push(thing);
      return thing;
    },
  } as CrashRun;

  beforeAll(async () => {
    run.site = await startArticleSite(site);
    run.dir = mkdtempSync(join(tmpdir(), `${name}-`));
    run.db = new pg.Client({ connectionString: PG_URL });
    await run.db.connect();
  });

  afterAll(async () => {
    for (const w of run.workers) await killProcess(w);
    for (const o of owned.reverse()) await o.close();
    await run.site?.close();
    await run.db?.query(`DROP TABLE IF EXISTS ${run.table}; DROP TABLE IF EXISTS ${run.table}_migrations; DROP TABLE IF EXISTS ${run.table}_revisions`);
    await run.db?.end();
    await dropPrefix(run.prefix);
    if (run.dir) rmSync(run.dir, { recursive: true, force: true });
  });
  return run;
}
