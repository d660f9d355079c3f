/**
 * The PostgreSQL sink: one row per record in `<table>`, keyed by the record id.
 *
 * Upsert rule (`ON CONFLICT (id)`): a new id is inserted with `version` 1; an existing row is
 * rewritten, with `version + 1` and `updated_at = now()`, only when its `record_version`
 * (`recordVersion`, ./version.ts: content hash, tags, title, modifiedAt, and the story grouping
 * `storyId`/`duplicateOf` that `stories --recompute` changes) differs; otherwise the write
 * changes nothing. Re-running a job (a stalled
 * job, a crash, a retry) therefore never creates a second row nor bumps the version.
 *
 * Schema: created and migrated on start (`init`) or on the first write, by the versioned
 * migrations in ./migrations, under a transaction-scoped advisory lock so that several
 * workers starting at once apply each migration exactly once. Applied versions are kept in
 * `<table>_migrations`.
 *
 * Bad input: records pass through `sanitizeRecord` (./sanitize.ts) first. A row PostgreSQL
 * still rejects for its data (SQLSTATE classes 22, 23, 54) fails with the permanent reason
 * `sink-rejected`; connection and server trouble fail with the transient `sink-failed`; a
 * database, role, password or privilege the server refuses (src/sinks/failure.ts) with the
 * transient `sink-misconfigured`.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { IngestError } from '../errors.js';
import { sinkConfigFault } from './failure.js';
import type { ArticleRecord, Carrier } from '../types.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { cutString, sanitizeRecord } from './sanitize.js';
import type { Sink } from './types.js';
import { recordVersion } from './version.js';

/** Options of the PostgreSQL sink. */
export interface PostgresSinkOptions {
  /** postgres:// connection URL. */
  url: string;
  /** Table name, a lower-case identifier (default `articles`). */
  table?: string;
  /** Which records the sink takes (default `relevant`). */
  only?: 'relevant' | 'all';
  /** Pool size, connections (default 4). */
  poolSize?: number;
  /** Time to open a connection before the write fails, ms (default 5000). */
  connectTimeoutMs?: number;
  /** Time for one statement before the write fails, ms (default 30000; client- and server-side). */
  statementTimeoutMs?: number;
}

/** What one write did to the table. */
export type PostgresWriteOutcome = 'inserted' | 'updated' | 'unchanged';

/** Longest a migration may run (client side): an index over a large table takes minutes, not the seconds an upsert gets. */
const MIGRATION_TIMEOUT_MS = 3_600_000;

/** SQLSTATE classes that mean "this row's data is unacceptable": retrying cannot help. */
const PERMANENT_CLASSES = new Set(['22', '23', '54']);

function quoteIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** A 63-bit advisory-lock key from a name (first 15 hex digits of sha-256). */
function lockKey(name: string): string {
  return BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 15)}`).toString();
}

/** The ISO string when it is a date PostgreSQL accepts (years 1..9999), else null. */
function pgDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const y = new Date(t).getUTCFullYear();
  return y >= 1 && y <= 9999 ? new Date(t).toISOString() : null;
}

/** Typed column values of one (sanitized) record. */
function columnsOf(r: ArticleRecord): unknown[] {
  const topics = Array.isArray(r.topics) ? r.topics : [];
  const scores = topics.map((t) => t.score).filter((x) => Number.isFinite(x));
  const actors = [...new Set(topics.flatMap((t) => t.signals?.actors ?? []))].map((a) => cutString(a, 200));
  return [
    r.id,
    r.canonicalUrl,
    r.url,
    r.feed?.id ?? null,
    r.source?.domain ? cutString(r.source.domain, 253) : null, // DNS name limit (RFC 1035)
    r.source?.name ?? null,
    r.title ?? '',
    r.language ? cutString(r.language, 35) : null, // BCP 47 practical limit (RFC 5646 4.4.1)
    pgDate(r.publishedAt),
    pgDate(r.modifiedAt),
    pgDate(r.fetchedAt) ?? new Date().toISOString(),
    topics.some((t) => t.relevant),
    scores.length ? Math.max(...scores) : null,
    topics.map((t) => t.id),
    actors,
    r.contentHash,
    Number.isInteger(r.wordCount) ? r.wordCount : 0,
  ];
}

/** See the module comment. */
export class PostgresSink implements Sink {
  readonly type = 'postgres';
  readonly only: 'relevant' | 'all';
  readonly table: string;
  private readonly pool: pg.Pool;
  private ready: Promise<void> | null = null;
  private readonly upsertSql: string;
  /** Last error of an idle pooled connection (the pool drops that connection itself). */
  lastIdleError: Error | null = null;

  /** @param name see `Sink.name` (default `postgres`) */
  constructor(
    opts: PostgresSinkOptions,
    readonly name = 'postgres',
  ) {
    this.only = opts.only ?? 'relevant';
    this.table = opts.table ?? 'articles';
    if (!/^[a-z_][a-z0-9_]*$/.test(this.table)) throw new Error(`${this.name}: table must be a lower-case identifier, got "${this.table}"`);
    const statementTimeoutMs = opts.statementTimeoutMs ?? 30_000;
    this.pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 4,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
      query_timeout: statementTimeoutMs,
      statement_timeout: statementTimeoutMs,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'news-ingest',
    });
    // An idle connection that dies (server restart, network cut) is reported here; without a
    // listener the 'error' event would crash the process. The pool discards the connection.
    this.pool.on('error', (err) => {
      this.lastIdleError = err;
    });
    const t = quoteIdent(this.table);
    this.upsertSql = `
INSERT INTO ${t} AS a (id, canonical_url, url, feed_id, source_domain, source_name, title, language,
  published_at, modified_at, fetched_at, relevant, score, topic_ids, actors, content_hash, word_count,
  record, sink_flags, record_version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb, $19, $20)
ON CONFLICT (id) DO UPDATE SET
  canonical_url = EXCLUDED.canonical_url, url = EXCLUDED.url, feed_id = EXCLUDED.feed_id,
  source_domain = EXCLUDED.source_domain, source_name = EXCLUDED.source_name, title = EXCLUDED.title,
  language = EXCLUDED.language, published_at = EXCLUDED.published_at, modified_at = EXCLUDED.modified_at,
  fetched_at = EXCLUDED.fetched_at, relevant = EXCLUDED.relevant, score = EXCLUDED.score,
  topic_ids = EXCLUDED.topic_ids, actors = EXCLUDED.actors, content_hash = EXCLUDED.content_hash,
  word_count = EXCLUDED.word_count, record = EXCLUDED.record, sink_flags = EXCLUDED.sink_flags,
  record_version = EXCLUDED.record_version, version = a.version + 1, updated_at = now()
WHERE CASE WHEN a.record_version IS NULL
  THEN a.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR a.record->'topics' IS DISTINCT FROM EXCLUDED.record->'topics'
    OR a.title IS DISTINCT FROM EXCLUDED.title OR a.modified_at IS DISTINCT FROM EXCLUDED.modified_at
    OR a.record->>'storyId' IS DISTINCT FROM EXCLUDED.record->>'storyId' OR a.record->>'duplicateOf' IS DISTINCT FROM EXCLUDED.record->>'duplicateOf'
  ELSE a.record_version IS DISTINCT FROM EXCLUDED.record_version END
RETURNING version, (xmax = 0) AS inserted`;
  }

  /** Every row's record, by id (keyset pagination, `pageSize` rows a query). */
  async *readAll(pageSize = 500): AsyncIterable<ArticleRecord[]> {
    await this.init();
    let after = '';
    for (;;) {
      const res = await this.pool.query<{ id: string; record: ArticleRecord }>(`SELECT id, record FROM ${quoteIdent(this.table)} WHERE id > $1 ORDER BY id LIMIT $2`, [after, pageSize]);
      if (res.rows.length === 0) return;
      yield res.rows.map((r) => r.record);
      after = res.rows[res.rows.length - 1].id;
    }
  }

  /**
   * Creates and migrates the table (idempotent; safe from several processes at once).
   * Memoized; a failure is forgotten so the next call (or write) tries again.
   * @throws IngestError `sink-failed` when PostgreSQL cannot be reached or a migration fails.
   */
  init(): Promise<void> {
    const ready = (this.ready ??= this.migrate().then(
      () => undefined,
      (err: unknown) => {
        this.ready = null;
        throw this.wrap(err, 'migration');
      },
    ));
    return ready;
  }

  /** Applies the migrations not yet applied; returns the versions it applied. */
  async migrate(): Promise<number[]> {
    const client = await this.pool.connect();
    const applied: number[] = [];
    try {
      await client.query('BEGIN');
      // a migration may rewrite the table or build an index over every row: the sink's
      // statement timeout (meant for one upsert) does not apply to it
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query({ text: 'SELECT pg_advisory_xact_lock($1::bigint)', values: [lockKey(`news-ingest:migrate:${this.table}`)], query_timeout: MIGRATION_TIMEOUT_MS } as pg.QueryConfig);
      const mt = quoteIdent(`${this.table}_migrations`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${mt} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await client.query<{ version: number }>(`SELECT version FROM ${mt}`)).rows.map((r) => r.version));
      for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
        if (done.has(m.version)) continue;
        await client.query({ text: this.render(m), query_timeout: MIGRATION_TIMEOUT_MS } as pg.QueryConfig);
        await client.query(`INSERT INTO ${mt} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
        applied.push(m.version);
      }
      await client.query('COMMIT');
      return applied;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private render(m: Migration): string {
    return m.sql.replaceAll('{{table}}', quoteIdent(this.table)).replaceAll('{{prefix}}', this.table);
  }

  /**
   * Upserts one record (see the module comment).
   * @returns what the write did: `inserted`, `updated` (content or tags changed) or `unchanged`
   * @throws IngestError `sink-failed` (transient: connection, timeout, server) or
   *   `sink-rejected` (permanent: PostgreSQL refuses this row's data)
   */
  async write(record: ArticleRecord): Promise<PostgresWriteOutcome> {
    await this.init();
    const { record: clean, flags } = sanitizeRecord(record);
    try {
      const res = await this.pool.query<{ version: number; inserted: boolean }>(this.upsertSql, [
        ...columnsOf(clean),
        JSON.stringify(clean),
        flags,
        // Of the record as given: sanitizing never changes contentHash, and a cut record must
        // still be recognized as the same version when its job re-runs.
        recordVersion(record),
      ]);
      const row = res.rows[0];
      if (!row) return 'unchanged';
      return row.inserted ? 'inserted' : 'updated';
    } catch (err) {
      // The table was dropped under us: migrate again on the next try.
      if ((err as { code?: string }).code === '42P01') this.ready = null;
      throw this.wrap(err, 'write', record.id);
    }
  }

  /** See `Sink.addCarrier`. One UPDATE; the version is not bumped (no revision is kept). @throws IngestError `sink-failed` */
  async addCarrier(originalId: string, carrier: Carrier): Promise<void> {
    await this.init();
    const t = quoteIdent(this.table);
    const self = `jsonb_build_array(jsonb_build_object('source', coalesce(source_domain, source_name), 'feedId', feed_id, 'url', url, 'publishedAt', record->'publishedAt'))`;
    try {
      await this.pool.query(
        `UPDATE ${t} SET record = jsonb_set(record, '{carriedBy}', coalesce(record->'carriedBy', ${self}) || jsonb_build_array($2::jsonb))
         WHERE id = $1 AND NOT coalesce(record->'carriedBy', ${self}) @> jsonb_build_array(jsonb_build_object('url', $3::text))`,
        [originalId, JSON.stringify(carrier), carrier.url],
      );
    } catch (err) {
      throw this.wrap(err, 'carriedBy', originalId);
    }
  }

  private wrap(err: unknown, stage: string, id?: string): IngestError {
    if (err instanceof IngestError) return err;
    const code = (err as { code?: unknown }).code;
    const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
    const permanent = sqlState !== undefined && PERMANENT_CLASSES.has(sqlState.slice(0, 2));
    const what = id ? `record ${id}` : this.table;
    const msg = `${this.name} ${stage} ${what}: ${sqlState ? `SQLSTATE ${sqlState} ` : ''}${(err as Error)?.message ?? String(err)}`;
    const fault = sinkConfigFault(err);
    if (fault) return new IngestError('sink-misconfigured', `${msg} (${fault}: fix the sink's url or the database)`, { cause: err });
    return new IngestError(permanent ? 'sink-rejected' : 'sink-failed', msg, { cause: err });
  }

  /** Ready when the table is migrated and the database answers. */
  async probe(): Promise<void> {
    if (this.pool.ended || this.pool.ending) throw new Error(`${this.name} is closed`);
    await this.init();
    await this.pool.query('SELECT 1');
  }

  /** Closes the pool (waits for running queries). Idempotent. */
  async close(): Promise<void> {
    if (this.pool.ended || this.pool.ending) return;
    await this.pool.end();
  }
}
