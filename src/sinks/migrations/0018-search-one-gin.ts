/**
 * Migration 18 (issue 15, round 4): the place names' own GIN index (migration 16) is dropped;
 * the GIN index of migration 17 over `(search_tsv, actors, place_names)` serves `--place`
 * alone as well (a multicolumn GIN index answers any subset of its columns).
 *
 * Why: with both, the planner answered `talks --place Almaty --relevant` (100,000 records,
 * 44,000 naming Almaty, 5,230 matching) from the place index alone and tested the words on
 * every Almaty row (the text vector is read from TOAST for each: 2.2 s), or by a sequential
 * scan (631 ms), where one scan of the combined index intersects both conditions (62–100 ms
 * warm, load ~11; docs/stories.md). The column and its statistics (`most_common_elems`,
 * which the probe's estimates use) stay.
 */
export const version = 18;
export const name = 'search-one-gin';
export const sql = `
DROP INDEX IF EXISTS {{prefix}}_place_names_idx;
`;
