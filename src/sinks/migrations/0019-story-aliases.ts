/**
 * Migration 19 (issue 15, round 11): a partial index of the records that merged stories
 * (`record.mergedStories`, set on the article that bridged them, src/stories/merge.ts), so that
 * readers (`search`, `stories --list`, `show`, the /stories page) find every story alias
 * (`PostgresRecordStore.storyAliases`) from a few index entries instead of testing every row's
 * record (read from TOAST, ~20 µs a row: 2 s at 100,000 records).
 */
export const version = 19;
export const name = 'story-aliases';
export const sql = `
CREATE INDEX IF NOT EXISTS {{prefix}}_merged_idx ON {{table}} (story_id) WHERE record ? 'mergedStories';
`;
