/**
 * Where `search`, `stories --list`, `show` and the /stories page read records: the
 * PostgreSQL sink's table (indexed) or a JSONL sink's file (read whole, same answers, slower).
 */
import { existsSync, statSync } from 'node:fs';
import pg from 'pg';
import { readJsonlRecords, type JsonlReadStats } from '../sinks/jsonl.js';
import { canonicalizeUrl, recordIdOf } from '../normalize/url.js';
import type { ArticleRecord, TopicMatch } from '../types.js';
import { JsonlSearchIndex } from './jsonl-index.js';
import { aliasMap } from './results.js';
import { byNewest, hitOf, MAX_HITS, queryTerms, type SearchHit, type SearchQuery } from './query.js';

/** An earlier version of a record (PostgreSQL sink's revisions table). */
export interface Revision {
  version: number;
  title: string;
  contentHash: string;
  modifiedAt: string | null;
  fetchedAt: string | null;
  topics: TopicMatch[] | null;
  /** When the next version replaced it. */
  replacedAt: string;
}

/** Read access to stored records. */
export interface RecordStore {
  /** Matching records, newest first, at most `q.maxHits` (default `MAX_HITS`). */
  search(q: SearchQuery): Promise<SearchHit[]>;
  /** A record by id, or by URL (canonicalized, then its id; else the stored url). */
  record(idOrUrl: string): Promise<ArticleRecord | null>;
  /** Every record of a story, oldest first; the records of the stories merged into it too (round 11). */
  storyHits(storyId: string): Promise<SearchHit[]>;
  /**
   * Story aliases (round 11): each story id merged into another → the story it ended in, from
   * the records' `mergedStories` (`aliasMap`). Stores written before round 11 give an empty map.
   */
  storyAliases?(): Promise<Map<string, string>>;
  /** Records that are copies of `id`. */
  copies(id: string): Promise<SearchHit[]>;
  /** Earlier versions of a record, oldest first ([] where the store keeps none). */
  revisions(id: string): Promise<Revision[]>;
  close(): Promise<void>;
}

function idOf(idOrUrl: string): { id: string; url: string | null } {
  if (/^[0-9a-f]{32}$/.test(idOrUrl)) return { id: idOrUrl, url: null };
  try {
    return { id: recordIdOf(canonicalizeUrl(idOrUrl)), url: idOrUrl };
  } catch {
    return { id: idOrUrl, url: null };
  }
}

function quoteIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

const HIT_COLUMNS = `id, story_id, duplicate_of, title, url, coalesce(source_name, source_domain) AS source, language,
  coalesce(published_at, fetched_at) AS at, relevant, actors, places`;

interface HitRow { id: string; story_id: string | null; duplicate_of: string | null; title: string; url: string; source: string | null; language: string | null; at: Date; relevant: boolean; actors: string[]; places: string[] | null }

function hitOfRow(r: HitRow): SearchHit {
  return { id: r.id, storyId: r.story_id, duplicateOf: r.duplicate_of, title: r.title, url: r.url, source: r.source, language: r.language, at: r.at.toISOString(), relevant: r.relevant, actors: r.actors ?? [], places: r.places ?? [] };
}

/** Rows a search probes newest first before the full search (`PostgresRecordStore.search`): 2 pages. */
export const PROBE_ROWS = 2 * MAX_HITS;

/** The PostgreSQL sink's table (migrations 15–17 must have run: the sink's `init`). */
export class PostgresRecordStore implements RecordStore {
  private readonly t: string;
  constructor(private readonly pool: pg.Pool, private readonly table = 'articles') {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`table must be a lower-case identifier, got "${table}"`);
    this.t = quoteIdent(table);
  }

  /** Opens a pool on `url`. */
  static open(url: string, table?: string): PostgresRecordStore {
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000, application_name: 'news-ingest-search' });
    // An idle connection that dies (the server stopped or restarted: FATAL 57P01) is reported as
    // the pool's 'error' event, which crashed the worker serving /stories without a listener
    // (review round 8). The pool drops that connection; the next query opens a new one.
    pool.on('error', () => {});
    return new PostgresRecordStore(pool, table);
  }

  /**
   * Newest matches first. A search with word, actor or place conditions first looks only at
   * the newest `PROBE_ROWS` rows that pass the cheap column tests (time, language, relevance):
   * it finds the time of the last of them through a time index, then runs the search limited
   * to rows since then (the GIN indexes test the words on those rows only). When that yields a
   * full page the answer is the same as the full search's (every other match is older). Words and names that are in a large
   * share of the records (the usual case in a single-topic archive: a third of the records name
   * Mirzoyan) are answered that way in a few milliseconds, where the planner, taking the
   * conditions as independent, would fetch and sort every match. Otherwise the full search
   * runs (GIN indexes, migration 17); the probe's share of matching rows tells whether walking
   * the time index would read more rows than the GIN bitmaps would fetch, and then the walk is
   * ruled out (`enable_indexscan` off for that query: the bitmaps, then a sort of the matches),
   * where the planner's own estimate of the share is often several times off.
   */
  async search(q: SearchQuery): Promise<SearchHit[]> {
    const plan = await this.plan(q);
    if (plan.rows) return plan.rows.map(hitOfRow);
    const res = plan.walk ? await this.pool.query<HitRow>(plan.sql, plan.args) : await this.noWalk<HitRow>(plan.sql, plan.args);
    return [...(plan.head ?? []), ...res.rows].map(hitOfRow);
  }

  /**
   * Runs the probe; returns its rows when they fill a page, else the search of the rest to run
   * (rows older than the probe's, for the hits the probe did not give: `head`) and whether it
   * may walk the time index.
   */
  private async plan(q: SearchQuery): Promise<{ rows?: HitRow[]; head?: HitRow[]; sql: string; args: unknown[]; walk: boolean }> {
    const limit = q.maxHits ?? MAX_HITS;
    const full = this.searchSql(q)!;
    const cut = this.searchSql(q, 'cutoff');
    if (!cut) return { ...full, walk: true };
    // the time of the PROBE_ROWS-th newest row passing the cheap tests (an index scan of them)
    const at = (await this.pool.query<{ at: Date }>(cut.sql, cut.args)).rows[0]?.at;
    if (!at) return { ...full, walk: true }; // fewer rows than that: the planner's plan is cheap anyway
    const probe = this.searchSql(q, at)!;
    const res = await this.pool.query<HitRow>(probe.sql, probe.args);
    if (res.rows.length >= limit) return { rows: res.rows, ...probe, walk: true };
    // the rest: rows older than the probe's time, for the hits still missing (the probe's rows
    // are not read again: a walk of them tests every row's text vector)
    const rest = this.searchSql({ ...q, maxHits: limit - res.rows.length }, { before: at })!;
    // share of matches among rows that pass the cheap tests: a walk reads about limit / share
    // rows, the bitmaps fetch about share × (rows passing the cheap tests, as the planner
    // estimates them: its estimates of time ranges and languages are close)
    const share = res.rows.length / PROBE_ROWS;
    if (share === 0) return { ...rest, head: res.rows, walk: false };
    const cheap = this.searchSql(q, 'cheap')!;
    const est = await this.pool.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`EXPLAIN (FORMAT JSON) ${cheap.sql}`, cheap.args);
    return { ...rest, head: res.rows, walk: limit / share <= share * est.rows[0]['QUERY PLAN'][0].Plan['Plan Rows'] };
  }

  /**
   * Runs a query with index and sequential scans off (bitmap scans stay on): no walk of a time
   * index, and no scan of the whole table, which the planner chose for `talks --place Almaty
   * --relevant` (631 ms at 100,000 records; the GIN index of migration 17 serves every word,
   * actor and place condition).
   */
  private async noWalk<R extends pg.QueryResultRow>(sql: string, args: unknown[]): Promise<pg.QueryResult<R>> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_indexscan = off');
      await client.query('SET LOCAL enable_seqscan = off');
      const res = await client.query<R>(sql, args);
      await client.query('COMMIT');
      return res;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * `EXPLAIN (ANALYZE, BUFFERS)` of a search as `search` runs it (the probe, then the full
   * search when the probe did not fill a page): the plans PostgreSQL ran and their times, as
   * text lines (for the benchmark's slowest query).
   */
  async explain(q: SearchQuery): Promise<string[]> {
    const plan = await this.plan(q);
    const sql = `EXPLAIN (ANALYZE, BUFFERS) ${plan.sql}`;
    const res = plan.walk ? await this.pool.query<{ 'QUERY PLAN': string }>(sql, plan.args) : await this.noWalk<{ 'QUERY PLAN': string }>(sql, plan.args);
    const how = plan.rows ? `the probe of the newest ${PROBE_ROWS} rows filled a page` : plan.walk ? `the probe did not fill a page (${plan.head?.length ?? 0} hits); search of the older rows` : `the probe found few matches (${plan.head?.length ?? 0}); search of the older rows with index scans off`;
    return [`-- ${how}`, ...res.rows.map((r) => r['QUERY PLAN'])];
  }

  /**
   * The SQL of a search and its parameters. Other forms, null when the search has no word,
   * actor or place condition: `cutoff`, the time of the `PROBE_ROWS`-th newest row passing the
   * cheap tests; a Date, the search limited to rows at or after that time (the probe);
   * `{before}`, limited to rows older than that time (the rest after a probe); `cheap`, the rows
   * passing the cheap tests (for the planner's estimate).
   */
  private searchSql(q: SearchQuery, form?: 'cutoff' | 'cheap' | Date | { before: Date }): { sql: string; args: unknown[] } | null {
    const cheap: string[] = [];
    const costly: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    const terms = queryTerms(q.text);
    const at = 'coalesce(published_at, fetched_at)';
    if (q.since != null) cheap.push(`${at} >= ${arg(new Date(q.since).toISOString())}`);
    if (q.until != null) cheap.push(`${at} <= ${arg(new Date(q.until).toISOString())}`);
    if (q.language) cheap.push(`language = ${arg(q.language)}`);
    if (q.relevant) cheap.push('relevant');
    const cheapArgs = args.length; // the cheap tests' parameters come first
    if (q.actor) costly.push(`actors @> ARRAY[${arg(q.actor)}]::text[]`);
    if (q.place) costly.push(`place_names @> ARRAY[${arg(q.place)}]::text[]`); // migration 16: element statistics
    // last: PostgreSQL tests filters of equal cost in the order written, and the text test reads
    // the record's large tsvector, so the cheap column tests first spare most of those reads
    if (terms.length) costly.push(`search_tsv @@ to_tsquery('simple', ${arg(terms.map((w) => `'${w}':*`).join(' & '))})`);
    const where = (w: string[]) => (w.length ? `WHERE ${w.join(' AND ')}` : '');
    const order = `ORDER BY ${at} DESC, id`;
    if (form !== undefined && !costly.length) return null;
    if (form === 'cutoff') return { sql: `SELECT ${at} AS at FROM ${this.t} ${where(cheap)} ${order} OFFSET ${PROBE_ROWS - 1} LIMIT 1`, args: args.slice(0, cheapArgs) };
    if (form === 'cheap') return { sql: `SELECT 1 FROM ${this.t} ${where(cheap)}`, args: args.slice(0, cheapArgs) };
    if (form instanceof Date) cheap.push(`${at} >= ${arg(form.toISOString())}`);
    else if (form !== undefined) cheap.push(`${at} < ${arg(form.before.toISOString())}`);
    return { sql: `SELECT ${HIT_COLUMNS} FROM ${this.t} ${where([...cheap, ...costly])} ${order} LIMIT ${arg(q.maxHits ?? MAX_HITS)}`, args };
  }

  async record(idOrUrl: string): Promise<ArticleRecord | null> {
    const { id, url } = idOf(idOrUrl);
    const res = await this.pool.query<{ record: ArticleRecord }>(`SELECT record FROM ${this.t} WHERE id = $1 OR url = $2 OR canonical_url = $2 LIMIT 1`, [id, url ?? id]);
    return res.rows[0]?.record ?? null;
  }

  async storyHits(storyId: string): Promise<SearchHit[]> {
    const aliases = await this.storyAliases();
    const ids = [storyId, ...[...aliases].filter(([, to]) => to === storyId).map(([from]) => from)];
    const res = await this.pool.query<HitRow>(`SELECT ${HIT_COLUMNS} FROM ${this.t} WHERE story_id = ANY($1) ORDER BY coalesce(published_at, fetched_at), id LIMIT 500`, [ids]);
    return res.rows.map(hitOfRow);
  }

  /** See `RecordStore.storyAliases`: the records of migration 19's partial index only. */
  async storyAliases(): Promise<Map<string, string>> {
    const res = await this.pool.query<{ story_id: string | null; merged: string[] | null }>(`SELECT story_id, record->'mergedStories' AS merged FROM ${this.t} WHERE record ? 'mergedStories'`);
    return aliasMap(res.rows.filter((r) => r.story_id && Array.isArray(r.merged)).map((r) => [r.story_id!, r.merged!]));
  }

  async copies(id: string): Promise<SearchHit[]> {
    const res = await this.pool.query<HitRow>(`SELECT ${HIT_COLUMNS} FROM ${this.t} WHERE duplicate_of = $1 ORDER BY coalesce(published_at, fetched_at), id LIMIT 500`, [id]);
    return res.rows.map(hitOfRow);
  }

  async revisions(id: string): Promise<Revision[]> {
    const res = await this.pool.query<{ version: number; title: string; content_hash: string; modified_at: Date | null; fetched_at: Date | null; topics: TopicMatch[] | null; replaced_at: Date }>(
      `SELECT version, title, content_hash, modified_at, fetched_at, topics, replaced_at FROM ${quoteIdent(`${this.table}_revisions`)} WHERE id = $1 ORDER BY version`,
      [id],
    );
    return res.rows.map((r) => ({ version: r.version, title: r.title, contentHash: r.content_hash, modifiedAt: r.modified_at?.toISOString() ?? null, fetchedAt: r.fetched_at?.toISOString() ?? null, topics: r.topics, replacedAt: r.replaced_at.toISOString() }));
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * A JSONL sink's file: its current view read into memory, and read again when the file's size
 * or modification time changes (a long-running /stories page sees new records). Searches run
 * on a `JsonlSearchIndex` of the view (./jsonl-index.ts: records newest first, word numbers),
 * built on the first search after each read.
 */
export class JsonlRecordStore implements RecordStore {
  private records: ArticleRecord[] | null = null;
  private index: JsonlSearchIndex | null = null;
  /** `storyAliases` of the current view (round 12): built once per read of the file, not per request */
  private aliases: Map<string, string> | null = null;
  private stamp = '';
  /**
   * @param onRead called after each read of the file with what it found (the CLI refuses a file
   *   none of whose lines is a record, and says how many lines were skipped); may throw
   */
  constructor(
    private readonly path: string,
    private readonly onRead?: (stats: JsonlReadStats & { records: number }) => void,
  ) {}

  private all(): ArticleRecord[] {
    const st = existsSync(this.path) ? statSync(this.path) : null;
    const stamp = st ? `${st.size}:${st.mtimeMs}` : '';
    if (!this.records || stamp !== this.stamp) {
      const stats: JsonlReadStats = { lines: 0, notRecords: 0 };
      const records = readJsonlRecords(this.path, stats);
      this.onRead?.({ ...stats, records: records.length });
      this.records = records;
      this.index = null;
      this.aliases = null;
      this.stamp = stamp;
    }
    return this.records;
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    const records = this.all();
    this.index ??= new JsonlSearchIndex(records);
    return this.index.search(q);
  }

  async record(idOrUrl: string): Promise<ArticleRecord | null> {
    const { id, url } = idOf(idOrUrl);
    return this.all().find((r) => r.id === id || (url !== null && (r.url === url || r.canonicalUrl === url))) ?? null;
  }

  async storyHits(storyId: string): Promise<SearchHit[]> {
    const aliases = await this.storyAliases();
    return this.all().filter((r) => r.storyId === storyId || (r.storyId !== undefined && aliases.get(r.storyId) === storyId)).map(hitOf).sort((a, b) => -byNewest(a, b)).slice(0, 500);
  }

  /**
   * See `RecordStore.storyAliases`: one pass over the file's records, kept until the file is read
   * again (its size or modification time changed; round 12: `/stories`, `search` and `show`
   * asked for it on every request). Callers must not change the map.
   */
  async storyAliases(): Promise<Map<string, string>> {
    const records = this.all();
    this.aliases ??= aliasMap(records.filter((r) => r.storyId && r.mergedStories?.length).map((r) => [r.storyId!, r.mergedStories!]));
    return this.aliases;
  }

  async copies(id: string): Promise<SearchHit[]> {
    return this.all().filter((r) => r.duplicateOf === id).map(hitOf).sort((a, b) => -byNewest(a, b)).slice(0, 500);
  }

  async revisions(): Promise<Revision[]> {
    return [];
  }

  async close(): Promise<void> {}
}

