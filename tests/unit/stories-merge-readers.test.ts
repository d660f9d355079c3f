/**
 * Round 11: readers resolve merged stories. Records delivered before a merge keep the storyId
 * they were given; the bridging record's `mergedStories` names the ids merged into its own, and
 * `stories --list`, `search`, `show` and the /stories page group them under it (`aliasMap`,
 * `groupByStory`, `RecordStore.storyAliases`, `storyHits`). JSONL store over a real file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasMap, groupByStory } from '../../src/search/results.js';
import { collectShow } from '../../src/search/show.js';
import { JsonlRecordStore } from '../../src/search/store.js';
import { makeRecord } from '../helpers/sink-fixtures.js';
import { tempDir } from '../helpers/worker.js';
import { recordSchemaErrors } from '../helpers/schema.js';

describe('story aliases', () => {
  it('aliasMap follows chains to the story each merged id ended in', () => {
    const m = aliasMap([['s-b', ['s-c']], ['s-a', ['s-b', 's-d']]]);
    expect(Object.fromEntries(m)).toEqual({ 's-b': 's-a', 's-c': 's-a', 's-d': 's-a' });
    expect(aliasMap([]).size).toBe(0);
  });

  it('a JSONL store groups the records of a merged story under the survivor, in list, search and show', async () => {
    const az = { ...makeRecord({ n: 1, host: 'baki.example', publishedAt: '2026-11-27T08:00:00.000Z' }), storyId: 's-az' };
    const hy = { ...makeRecord({ n: 2, host: 'yerevan.example', publishedAt: '2026-11-27T09:00:00.000Z' }), storyId: 's-hy' };
    const en = { ...makeRecord({ n: 3, host: 'wire.example', publishedAt: '2026-11-27T12:00:00.000Z' }), storyId: 's-az', mergedStories: ['s-hy'] };
    expect(recordSchemaErrors(en)).toEqual([]);
    const file = join(tempDir('stories-merge'), 'articles.jsonl');
    writeFileSync(file, [az, hy, en].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const store = new JsonlRecordStore(file);
    const aliases = await store.storyAliases();
    expect(Object.fromEntries(aliases)).toEqual({ 's-hy': 's-az' });
    const groups = groupByStory(await store.search({ text: '' }), aliases);
    expect(groups.map((g) => [g.storyId, g.articles.length])).toEqual([['s-az', 3]]);
    expect(groupByStory(await store.search({ text: '' })).length).toBe(2); // without aliases: as delivered
    expect((await store.storyHits('s-az')).map((h) => h.id).sort()).toEqual([az.id, hy.id, en.id].sort());
    const shown = await collectShow(store, hy.id);
    expect(shown?.story.storyId).toBe('s-az');
    expect(shown?.story.articles.length).toBe(3);
  });
});
