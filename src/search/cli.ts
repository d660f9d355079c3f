/**
 * The `stories`, `search` and `show` commands (registered on the program by src/cli.ts).
 * Exit codes as the rest of the CLI (src/cli/exit.ts): 2 for bad usage (a `UsageError`), 1 for a runtime failure.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import type { RecordStore } from './store.js';
import type { Format } from './results.js';

export { UsageError };

/**
 * Where `openStore` says what is worth knowing but no error: a JSONL sink file not written yet,
 * lines of a JSONL file that are no record. The CLI prints them on stderr (`cliStoreNotes`); the
 * worker's /stories page (src/stories/page-mount.ts) logs them as JSON events, since `start`
 * writes nothing but JSON lines (a plain stderr line there broke that at every first start with
 * the ops listener on; fresh15).
 */
export interface StoreNotes {
  /** The JSONL sink's file does not exist yet (nothing written to it). */
  noFile(path: string): void;
  /** `notRecords` of the file's `lines` lines are not records (not JSON, or no "id") and were skipped. */
  skippedLines(path: string, notRecords: number, lines: number): void;
}

/** The CLI's notes: one `news-ingest: ...` line on stderr each. */
export const cliStoreNotes: StoreNotes = {
  noFile: (path) => process.stderr.write(`news-ingest: the JSONL sink's file ${path} does not exist yet (nothing written to it): no records to search\n`),
  skippedLines: (path, notRecords, lines) => process.stderr.write(`news-ingest: ${path}: ${notRecords} of ${lines} lines are not records (not JSON, or no "id") and were skipped\n`),
};

/**
 * What the CLI says about a JSONL file it read: a file with lines of which none is a record is
 * no sink file (UsageError, exit 2, naming it); skipped lines in a sink file go to `notes`.
 */
function jsonlReadCheck(path: string, notes: StoreNotes): (s: { lines: number; notRecords: number; records: number }) => void {
  return (s) => {
    if (s.lines > 0 && s.records === 0) throw new UsageError(`${path}: none of its ${s.lines} lines is a record (a JSON object with a string "id"): not a JSONL sink file`);
    if (s.notRecords > 0) notes.skippedLines(path, s.notRecords, s.lines);
  };
}

/**
 * Which stored records to read: `--jsonl FILE`, `--sink postgres|jsonl`, else the first PostgreSQL sink, else the first JSONL sink.
 * @param notes where a JSONL file not written yet and skipped lines are said (default: stderr)
 */
export async function openStore(cfg: Config, o: { jsonl?: string; sink?: string }, notes: StoreNotes = cliStoreNotes): Promise<RecordStore> {
  const { JsonlRecordStore, PostgresRecordStore } = await import('./store.js');
  if (o.sink && o.sink !== 'postgres' && o.sink !== 'jsonl') throw new UsageError(`--sink must be postgres or jsonl, got "${o.sink}"`);
  // both named: which store was read would be a silent choice (--jsonl won, --sink was ignored)
  if (o.jsonl && o.sink) throw new UsageError(`--jsonl ${o.jsonl} and --sink ${o.sink} name two stores: give one`);
  if (o.jsonl) {
    const { checkInputFile } = await import('../cli/input.js');
    checkInputFile(o.jsonl, '--jsonl');
    return new JsonlRecordStore(o.jsonl, jsonlReadCheck(o.jsonl, notes));
  }
  const pgSink = cfg.sinks.find((s) => s.type === 'postgres');
  const jsonlSink = cfg.sinks.find((s) => s.type === 'jsonl');
  if ((o.sink ?? (pgSink ? 'postgres' : 'jsonl')) === 'postgres') {
    if (!pgSink || pgSink.type !== 'postgres') throw new UsageError('no postgres sink in the config (use --jsonl FILE or --sink jsonl)');
    const { PostgresSink } = await import('../sinks/postgres.js');
    const sink = new PostgresSink({ url: pgSink.url, table: pgSink.table });
    try {
      await sink.init(); // migration 15 (search columns) applied if missing
    } finally {
      await sink.close();
    }
    return PostgresRecordStore.open(pgSink.url, pgSink.table);
  }
  if (!jsonlSink || jsonlSink.type !== 'jsonl') throw new UsageError('no jsonl sink in the config (use --jsonl FILE)');
  // Before the first run the sink's file does not exist: not an error, but said (stderr).
  if (!existsSync(jsonlSink.path)) notes.noFile(jsonlSink.path);
  return new JsonlRecordStore(jsonlSink.path, jsonlReadCheck(jsonlSink.path, notes));
}

/** Records `stories --list` reads at most (the newest): enough for weeks of coverage of one topic. */
const LIST_MAX_RECORDS = 50_000;

function format(f: string | undefined): Format {
  const v = f ?? 'table';
  if (v !== 'table' && v !== 'jsonl' && v !== 'csv') throw new UsageError(`--format must be table, jsonl or csv, got "${v}"`);
  return v;
}

async function bound(s: string | undefined, name: string): Promise<number | null> {
  if (!s) return null;
  const { parseTimeBound } = await import('./query.js');
  try {
    return parseTimeBound(s);
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message}`);
  }
}

/** Registers `stories`, `search` and `show`. `config` reads the global `-c` option. */
export function registerStoryCommands(program: Command, config: (cmd: Command) => Config): void {
  program
    .command('stories [file]')
    .description('group JSON Lines {id, title, text, language?, publishedAt?, source?} into copies and stories offline (one {id, storyId, duplicateOf} line each); --list: the stored stories')
    .option('--list', 'list the stored stories, newest first, with article count, languages and sources')
    .option('--recompute', 'group the records in the sinks again and rebuild the grouping state in Redis (stop the workers first)')
    .option('--since <when>', 'with --list: stories with articles since (7d, 24h, 2025-08-01); default 7d')
    .option('--format <f>', 'with --list: table, jsonl or csv', 'table')
    .option('--jsonl <file>', 'with --list: read this JSONL file instead of the configured sinks')
    .option('--sink <type>', 'with --list: postgres or jsonl (default: the first postgres sink, else jsonl)')
    .action(async (file: string | undefined, o: { list?: boolean; recompute?: boolean; since?: string; format?: string; jsonl?: string; sink?: string }, cmd: Command) => {
      const cfg = config(cmd);
      // the options of --list mean nothing to the offline grouping or to --recompute: refused,
      // not ignored (`stories FILE --format csv` printed JSON lines without a word)
      if (!o.list) {
        const listOnly = (['since', 'format', 'jsonl', 'sink'] as const).filter((k) => cmd.getOptionValueSource(k) === 'cli');
        if (listOnly.length) throw new UsageError(`${listOnly.map((k) => `--${k}`).join(', ')} ${listOnly.length > 1 ? 'go' : 'goes'} with --list (${o.recompute ? 'stories --recompute reads the configured sinks' : 'stories FILE writes one {id, storyId, duplicateOf} JSON line per input line'})`);
      }
      if (o.recompute) {
        if (file || o.list) throw new UsageError('stories --recompute takes no file and no --list');
        const { assertRedisReachable, createProducerRedis, whenReady } = await import('../queue/connection.js');
        const { createSinks, closeSinks } = await import('../sinks/index.js');
        const { recomputeStories } = await import('../stories/recompute.js');
        const { createLogger } = await import('../log.js');
        const log = createLogger(cfg.logLevel, { pretty: false, destination: process.stderr });
        await assertRedisReachable(cfg.redis.url);
        const redis = await whenReady(createProducerRedis(cfg.redis.url, 'news-ingest-stories'), cfg.redis.url);
        const sinks = await createSinks(cfg, { log });
        try {
          const s = await recomputeStories(sinks, redis, cfg.redis.prefix, log);
          process.stdout.write(`stories --recompute: ${s.read} records read, ${s.stories} stories, ${s.changed} changed, ${s.written} writes, ${s.failed} failed\n`);
          if (s.failed) throw new Error(`stories --recompute: ${s.failed} sink writes failed (see the log)`);
        } finally {
          await closeSinks(sinks);
          await redis.quit().catch(() => redis.disconnect());
        }
        return;
      }
      if (o.list) {
        if (file) throw new UsageError('stories --list takes no file (use --jsonl FILE)');
        const since = await bound(o.since ?? '7d', '--since');
        const fmt = format(o.format);
        const store = await openStore(cfg, o);
        try {
          const { groupByStory, formatGroups } = await import('./results.js');
          const groups = groupByStory(await store.search({ text: '', since, maxHits: LIST_MAX_RECORDS }), await store.storyAliases?.());
          // an empty table says which window it looked at: a run over older material (the fixture
          // site's articles of early 2026) shows nothing in the default 7 days
          const empty = `no stories with articles since ${since === null ? 'ever' : new Date(since).toISOString().slice(0, 16).replace('T', ' ')} UTC (--since ${o.since ?? '7d'}); older ones: --since 365d or --since YYYY-MM-DD\n`;
          process.stdout.write(groups.length ? `${formatGroups(groups, fmt, false)}\n` : fmt === 'table' ? empty : '');
        } finally {
          await store.close();
        }
        return;
      }
      const { loadConfigTopics } = await import('../tagging/config-topics.js');
      const { runStoriesStream } = await import('../stories/stream.js');
      const topics = loadConfigTopics(cfg.topics);
      const { openInput } = await import('../cli/input.js');
      const input = await openInput(file);
      const r = await runStoriesStream(input, process.stdout, topics);
      if (r.errors) process.stderr.write(`news-ingest: ${r.errors} of ${r.lines} lines could not be grouped (see their error lines)\n`);
    });

  program
    .command('search <query>')
    .description('full-text search of the stored records (every language), results grouped by story')
    .option('--since <when>', 'records since (7d, 24h, 2025-08-01)')
    .option('--until <when>', 'records until (a date, or a duration back from now)')
    .option('--language <code>', 'records in this language (en, ru, hy, az, ...)')
    .option('--actor <name>', 'records whose signals name this actor ("Ararat Mirzoyan")')
    .option('--place <name>', 'records whose signals name this place ("Washington")')
    .option('--relevant', 'relevant records only')
    .option('--limit <n>', 'stories shown at most', '20')
    .option('--format <f>', 'table, jsonl or csv', 'table')
    .option('--jsonl <file>', 'search this JSONL file instead of the configured sinks')
    .option('--sink <type>', 'postgres or jsonl (default: the first postgres sink, else jsonl)')
    .action(async (query: string, o: { since?: string; until?: string; language?: string; actor?: string; place?: string; relevant?: boolean; limit: string; format?: string; jsonl?: string; sink?: string }, cmd: Command) => {
      const cfg = config(cmd);
      const fmt = format(o.format);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer, got "${o.limit}"`);
      const q = { text: query, since: await bound(o.since, '--since'), until: await bound(o.until, '--until'), language: o.language?.toLowerCase() ?? null, actor: o.actor ?? null, place: o.place ?? null, relevant: Boolean(o.relevant) };
      if (q.since !== null && q.until !== null && q.until <= q.since) throw new UsageError(`--until ${o.until} is not after --since ${o.since}: the window is empty`);
      const store = await openStore(cfg, o);
      try {
        const { groupByStory, formatGroups } = await import('./results.js');
        const groups = groupByStory(await store.search(q), await store.storyAliases?.()).slice(0, limit);
        if (groups.length) process.stdout.write(`${formatGroups(groups, fmt)}\n`);
        else if (fmt === 'table') process.stdout.write('no records match\n');
      } finally {
        await store.close();
      }
    });

  program
    .command('show <target>')
    .description('print a record (by id or URL) with its story, its copies and its revisions')
    .option('--json', 'print one JSON object {record, story, copies, revisions}')
    .option('--jsonl <file>', 'read this JSONL file instead of the configured sinks')
    .option('--sink <type>', 'postgres or jsonl (default: the first postgres sink, else jsonl)')
    .action(async (target: string, o: { json?: boolean; jsonl?: string; sink?: string }, cmd: Command) => {
      const cfg = config(cmd);
      const store = await openStore(cfg, o);
      try {
        const { showRecord } = await import('./show.js');
        const out = await showRecord(store, target, Boolean(o.json));
        if (out === null) throw new UsageError(`no stored record with id or URL ${target}`); // exit 2, as `jobs show` of an unknown job
        process.stdout.write(`${out}\n`);
      } finally {
        await store.close();
      }
    });
}
