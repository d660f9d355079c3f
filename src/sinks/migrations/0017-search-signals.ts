/**
 * Migration 17 (issue 15, round 3): searches that combine words with `--actor` and `--place`.
 *
 * One GIN index over the text vector, the actors and the place names together. A multicolumn
 * GIN index answers conditions on any subset of its columns equally well (PostgreSQL manual,
 * "Multicolumn Indexes"), and several conditions are intersected inside one index scan, so
 * `peace --actor "Ararat Mirzoyan" --place Washington` reads only the rows that match all three
 * instead of every row with the most selective one (346 ms at 100,000 records, where 26,000
 * rows name Washington and 1,300 match; docs/stories.md). It replaces the text-only index of
 * migration 15, whose searches it serves as well.
 *
 * The language-and-time index gains the id, the last sort key of every search, so that a
 * search in one language reads its rows newest first in the final order (no sort; the probe
 * of `PostgresRecordStore.search` stops at a full page). Both are built once, holding writes
 * meanwhile (seconds to minutes per 100,000 records; the migration has no statement timeout).
 */
export const version = 17;
export const name = 'search-signals-gin';
export const sql = `
CREATE INDEX IF NOT EXISTS {{prefix}}_search_signals_idx ON {{table}} USING gin (search_tsv, actors, place_names);
DROP INDEX IF EXISTS {{prefix}}_search_idx;
CREATE INDEX IF NOT EXISTS {{prefix}}_language_time_id_idx ON {{table}} (language, (coalesce(published_at, fetched_at)) DESC, id);
DROP INDEX IF EXISTS {{prefix}}_language_time_idx;
`;
