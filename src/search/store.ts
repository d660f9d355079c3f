/**
 * Where `search`, `stories --list`, `show` and the /stories page read records: the
 * PostgreSQL sink's table (indexed) or a JSONL sink's file (read whole, same answers, slower).
 */
import { existsSync, statSync } from 'node:fs';
import pg from 'pg';
import { readJsonlRecords } from '../sinks/jsonl.js';
import { canonicalizeUrl, recordIdOf } from '../normalize/url.js';
import type { ArticleRecord, TopicMatch } from '../types.js';
import { byNewest, hitOf, matchesRecord, MAX_HITS, queryTerms, recordWords, type SearchHit, type SearchQuery } from './query.js';

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
  /** Every record of a story, oldest first. */
  storyHits(storyId: string): Promise<SearchHit[]>;
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

/** The PostgreSQL sink's table (migration 15 must have run: the sink's `init`). */
export class PostgresRecordStore implements RecordStore {
  private readonly t: string;
  constructor(private readonly pool: pg.Pool, private readonly table = 'articles') {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`table must be a lower-case identifier, got "${table}"`);
    this.t = quoteIdent(table);
  }

  /** Opens a pool on `url`. */
  static open(url: string, table?: string): PostgresRecordStore {
    return new PostgresRecordStore(new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000, application_name: 'news-ingest-search' }), table);
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    const terms = queryTerms(q.text);
    if (q.since != null) where.push(`coalesce(published_at, fetched_at) >= ${arg(new Date(q.since).toISOString())}`);
    if (q.until != null) where.push(`coalesce(published_at, fetched_at) <= ${arg(new Date(q.until).toISOString())}`);
    if (q.language) where.push(`language = ${arg(q.language)}`);
    if (q.relevant) where.push('relevant');
    if (q.actor) where.push(`actors @> ARRAY[${arg(q.actor)}]::text[]`);
    if (q.place) where.push(`place_names @> ARRAY[${arg(q.place)}]::text[]`); // migration 16: element statistics
    // last: PostgreSQL tests filters of equal cost in the order written, and the text test reads
    // the record's large tsvector, so the cheap column tests first spare most of those reads
    if (terms.length) where.push(`search_tsv @@ to_tsquery('simple', ${arg(terms.map((w) => `'${w}':*`).join(' & '))})`);
    const sql = `SELECT ${HIT_COLUMNS} FROM ${this.t} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY coalesce(published_at, fetched_at) DESC, id LIMIT ${arg(q.maxHits ?? MAX_HITS)}`;
    const res = await this.pool.query<HitRow>(sql, args);
    return res.rows.map(hitOfRow);
  }

  async record(idOrUrl: string): Promise<ArticleRecord | null> {
    const { id, url } = idOf(idOrUrl);
    const res = await this.pool.query<{ record: ArticleRecord }>(`SELECT record FROM ${this.t} WHERE id = $1 OR url = $2 OR canonical_url = $2 LIMIT 1`, [id, url ?? id]);
    return res.rows[0]?.record ?? null;
  }

  async storyHits(storyId: string): Promise<SearchHit[]> {
    const res = await this.pool.query<HitRow>(`SELECT ${HIT_COLUMNS} FROM ${this.t} WHERE story_id = $1 ORDER BY coalesce(published_at, fetched_at), id LIMIT 500`, [storyId]);
    return res.rows.map(hitOfRow);
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
 * or modification time changes (a long-running /stories page sees new records); each record's
 * words are kept after its first text search.
 */
export class JsonlRecordStore implements RecordStore {
  private records: ArticleRecord[] | null = null;
  private stamp = '';
  private readonly words = new Map<string, string[]>();
  constructor(private readonly path: string) {}

  private all(): ArticleRecord[] {
    const st = existsSync(this.path) ? statSync(this.path) : null;
    const stamp = st ? `${st.size}:${st.mtimeMs}` : '';
    if (!this.records || stamp !== this.stamp) {
      this.records = readJsonlRecords(this.path);
      this.words.clear();
      this.stamp = stamp;
    }
    return this.records;
  }

  async search(q: SearchQuery): Promise<SearchHit[]> {
    const terms = queryTerms(q.text);
    const wordsOf = (r: ArticleRecord) => () => {
      let w = this.words.get(r.id);
      if (!w) this.words.set(r.id, (w = recordWords(r)));
      return w;
    };
    const hits = this.all().filter((r) => matchesRecord(r, q, terms, wordsOf(r))).map(hitOf).sort(byNewest);
    return hits.slice(0, q.maxHits ?? MAX_HITS);
  }

  async record(idOrUrl: string): Promise<ArticleRecord | null> {
    const { id, url } = idOf(idOrUrl);
    return this.all().find((r) => r.id === id || (url !== null && (r.url === url || r.canonicalUrl === url))) ?? null;
  }

  async storyHits(storyId: string): Promise<SearchHit[]> {
    return this.all().filter((r) => r.storyId === storyId).map(hitOf).sort((a, b) => -byNewest(a, b)).slice(0, 500);
  }

  async copies(id: string): Promise<SearchHit[]> {
    return this.all().filter((r) => r.duplicateOf === id).map(hitOf).sort((a, b) => -byNewest(a, b)).slice(0, 500);
  }

  async revisions(): Promise<Revision[]> {
    return [];
  }

  async close(): Promise<void> {}
}

