/**
 * Round 12, small: a JSONL store builds its story aliases once per read of its file (not per
 * request), and a new merge written to the file is seen; `countWords` counts as `words` does.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonlRecordStore } from '../../src/search/store.js';
import { countWords, words } from '../../src/stories/tokens.js';
import { makeRecord } from '../helpers/sink-fixtures.js';
import { tempDir } from '../helpers/worker.js';

describe('story aliases of a JSONL store', () => {
  it('are built once per read of the file and again after it changes', async () => {
    const az = { ...makeRecord({ n: 1, host: 'baki.example', publishedAt: '2026-11-27T08:00:00.000Z' }), storyId: 's-az' };
    const en = { ...makeRecord({ n: 2, host: 'wire.example', publishedAt: '2026-11-27T12:00:00.000Z' }), storyId: 's-az', mergedStories: ['s-hy'] };
    const file = join(tempDir('stories-alias-cache'), 'articles.jsonl');
    writeFileSync(file, [az, en].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const store = new JsonlRecordStore(file);
    const first = await store.storyAliases();
    expect(Object.fromEntries(first)).toEqual({ 's-hy': 's-az' });
    expect(await store.storyAliases()).toBe(first); // the same map: no second pass
    const ru = { ...makeRecord({ n: 3, host: 'moskva.example', publishedAt: '2026-11-27T13:00:00.000Z' }), storyId: 's-az', mergedStories: ['s-ru'] };
    appendFileSync(file, JSON.stringify(ru) + '\n');
    const after = await store.storyAliases();
    expect(Object.fromEntries(after)).toEqual({ 's-hy': 's-az', 's-ru': 's-az' });
  });
});

describe('countWords', () => {
  it('counts the words `words` finds, in every script and around punctuation', () => {
    for (const t of ['Mirzoyan and Bayramov met in Berlin on 28-29 February.', 'Հունվարի 16-ին՝ սահմանին։', 'Байрамов — «переговоры»…', 'Əbu-Dabidə görüş: 10 iyul', '', '   ', 'وزارت امور خارجه ارمنستان']) {
      expect(countWords(t)).toBe(words(t).folded.length);
    }
  });
});
