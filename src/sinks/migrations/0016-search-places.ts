/**
 * Migration 16 (issue 15, round 2): `search --place` and `--relevant` over many records.
 *
 * - `place_names`: the topics' place signals as `text[]` (from the jsonb `places` of migration
 *   15 by `{{prefix}}_text_array`), GIN-indexed. PostgreSQL keeps per-element statistics for
 *   arrays (`most_common_elems`) but not for jsonb, so with `places @> '["Almaty"]'` it took a
 *   frequent place for a rare one and intersected two GIN bitmaps, sorting every match (269 ms
 *   at 100,000 records, docs/stories.md); with the array it knows how common a place is and
 *   walks the newest-first index instead when that is cheaper. Adding the column rewrites the
 *   table once.
 * - a newest-first index over relevant records only, for `--relevant` searches.
 */
export const version = 16;
export const name = 'search-place-names';
export const sql = `
CREATE OR REPLACE FUNCTION {{prefix}}_text_array(j jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT x), '{}') FROM jsonb_array_elements_text(coalesce(j, '[]'::jsonb)) AS x $$;

ALTER TABLE {{table}}
  ADD COLUMN IF NOT EXISTS place_names text[] GENERATED ALWAYS AS (
    {{prefix}}_text_array(jsonb_path_query_array(record, '$.topics[*].signals.places[*]'))) STORED;

CREATE INDEX IF NOT EXISTS {{prefix}}_place_names_idx ON {{table}} USING gin (place_names);
CREATE INDEX IF NOT EXISTS {{prefix}}_relevant_time_idx ON {{table}} ((coalesce(published_at, fetched_at)) DESC, id) WHERE relevant;
`;
