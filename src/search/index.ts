/**
 * Search stage entry: where stored records are read (`openStore`: the PostgreSQL sink's table or
 * a JSONL file), the query rule both backends share, results grouped by story.
 * The ops listener uses `openStore` + `handleStoriesRequest` (src/stories/page.ts) for /stories.
 */
export { openStore, UsageError } from './cli.js';
export { JsonlRecordStore, PostgresRecordStore, type RecordStore, type Revision } from './store.js';
export { matchesRecord, parseTimeBound, queryTerms, type SearchHit, type SearchQuery } from './query.js';
export { formatGroups, groupByStory, type StoryGroup } from './results.js';
