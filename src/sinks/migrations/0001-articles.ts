/**
 * Migration 1: the records table, one row per record id.
 *
 * `{{table}}` is the quoted table name and `{{prefix}}` the bare one (for index names).
 * Columns: the fields people filter on, typed; the whole record as JSONB in `record`.
 */
export const version = 1;
export const name = 'articles';
export const sql = `
CREATE TABLE IF NOT EXISTS {{table}} (
  id             text        PRIMARY KEY,
  canonical_url  text        NOT NULL,
  url            text        NOT NULL,
  feed_id        text,
  source_domain  text,
  source_name    text,
  title          text        NOT NULL,
  language       text,
  published_at   timestamptz,
  modified_at    timestamptz,
  fetched_at     timestamptz NOT NULL,
  relevant       boolean     NOT NULL,
  score          real,
  topic_ids      text[]      NOT NULL DEFAULT '{}',
  actors         text[]      NOT NULL DEFAULT '{}',
  content_hash   text        NOT NULL,
  word_count     integer     NOT NULL,
  record         jsonb       NOT NULL,
  sink_flags     text[]      NOT NULL DEFAULT '{}',
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- "relevant articles of the last 7 days by source"
CREATE INDEX IF NOT EXISTS {{prefix}}_relevant_published_idx
  ON {{table}} (source_domain, published_at DESC) WHERE relevant;
CREATE INDEX IF NOT EXISTS {{prefix}}_published_idx ON {{table}} (published_at DESC);
-- "all articles mentioning an actor"
CREATE INDEX IF NOT EXISTS {{prefix}}_actors_idx ON {{table}} USING gin (actors);
-- lookups by canonical URL; hash, because a btree row is limited to ~2.7 kB and URLs are not
CREATE INDEX IF NOT EXISTS {{prefix}}_canonical_url_idx ON {{table}} USING hash (canonical_url);
CREATE INDEX IF NOT EXISTS {{prefix}}_updated_idx ON {{table}} (updated_at);
`;
