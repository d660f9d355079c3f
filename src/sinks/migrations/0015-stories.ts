/**
 * Migration 15 (issue 15): stories, search and revisions.
 *
 * - `story_id`, `duplicate_of`: generated from the record (`storyId`, `duplicateOf`), indexed.
 * - `places`: the topics' place signals (jsonb array), GIN-indexed for `search --place`.
 * - `search_tsv`: full-text vector for every language with PostgreSQL's `simple` config (no
 *   stemmer: Armenian and Azerbaijani have none) over folded text: `{{prefix}}_fold` lowercases,
 *   decomposes (NFKD) and drops combining marks, ə→e, ı→i, ß→ss, as `foldWord` does in
 *   src/tagging/fold.ts; queries use prefix terms (`word:*`), which match inflected forms
 *   (Միրզոյանի, Мирзояна, Mirzoyanın). Title weight A, text B.
 * - `{{prefix}}_revisions`: the earlier version of a row each time an upsert changes its
 *   title, content or tags (a trigger; a regrouping alone keeps none): title, content hash,
 *   modifiedAt, topics.
 *
 * Numbered 15 after the issue, leaving 2–14 to other changes; versions are applied in order
 * and gaps are allowed.
 */
export const version = 15;
export const name = 'stories-search-revisions';
export const sql = `
CREATE OR REPLACE FUNCTION {{prefix}}_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT replace(translate(regexp_replace(lower(normalize(coalesce(t, ''), NFKD)), '[\\u0300-\\u036f]', '', 'g'), 'əı', 'ei'), 'ß', 'ss') $$;

ALTER TABLE {{table}}
  ADD COLUMN IF NOT EXISTS story_id text GENERATED ALWAYS AS (record->>'storyId') STORED,
  ADD COLUMN IF NOT EXISTS duplicate_of text GENERATED ALWAYS AS (record->>'duplicateOf') STORED,
  ADD COLUMN IF NOT EXISTS places jsonb GENERATED ALWAYS AS (jsonb_path_query_array(record, '$.topics[*].signals.places[*]')) STORED,
  ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, {{prefix}}_fold(title)), 'A') ||
    setweight(to_tsvector('simple'::regconfig, {{prefix}}_fold(record->>'text')), 'B')) STORED;

CREATE INDEX IF NOT EXISTS {{prefix}}_story_idx ON {{table}} (story_id, published_at);
CREATE INDEX IF NOT EXISTS {{prefix}}_duplicate_of_idx ON {{table}} (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS {{prefix}}_places_idx ON {{table}} USING gin (places jsonb_path_ops);
CREATE INDEX IF NOT EXISTS {{prefix}}_search_idx ON {{table}} USING gin (search_tsv);
-- searches return the newest matches first: for a frequent word the planner walks this index
CREATE INDEX IF NOT EXISTS {{prefix}}_time_idx ON {{table}} ((coalesce(published_at, fetched_at)) DESC, id);
-- searches in one language (search --language), newest first
CREATE INDEX IF NOT EXISTS {{prefix}}_language_time_idx ON {{table}} (language, (coalesce(published_at, fetched_at)) DESC);

CREATE TABLE IF NOT EXISTS {{prefix}}_revisions (
  id            text        NOT NULL,
  version       integer     NOT NULL,
  title         text        NOT NULL,
  content_hash  text        NOT NULL,
  modified_at   timestamptz,
  fetched_at    timestamptz,
  topics        jsonb,
  replaced_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE OR REPLACE FUNCTION {{prefix}}_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {{prefix}}_revisions (id, version, title, content_hash, modified_at, fetched_at, topics)
  VALUES (OLD.id, OLD.version, OLD.title, OLD.content_hash, OLD.modified_at, OLD.fetched_at, OLD.record->'topics')
  ON CONFLICT (id, version) DO NOTHING;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS {{prefix}}_revisions_trg ON {{table}};
CREATE TRIGGER {{prefix}}_revisions_trg BEFORE UPDATE ON {{table}}
  FOR EACH ROW WHEN (OLD.content_hash IS DISTINCT FROM NEW.content_hash OR OLD.title IS DISTINCT FROM NEW.title
    OR OLD.record->'topics' IS DISTINCT FROM NEW.record->'topics') EXECUTE FUNCTION {{prefix}}_keep_revision();
`;
