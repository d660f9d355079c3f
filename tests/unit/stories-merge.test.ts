/**
 * Round 11: stories that a later article bridges are merged (src/stories/merge.ts), and a reprint
 * with a new headline and a rewritten lede over the same body is a copy (`sameBody`,
 * src/stories/copies.ts). Articles from tests/fixtures/stories/dev11.jsonl and held8.jsonl.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupArticle, MemoryStoryState } from '../../src/stories/index.js';
import { DEFAULT_GROUPING } from '../../src/stories/group.js';
import { mergeProfiles, pickMerge } from '../../src/stories/merge.js';
import { newStory, type StoryProfile } from '../../src/stories/story-profile.js';
import { groupLines, storyInputOf } from '../../src/stories/stream.js';
import { loadTopic } from '../../src/tagging/index.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const lines = (file: string) => new Map(readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => [JSON.parse(l).id as string, l]));
const dev11 = lines('tests/fixtures/stories/dev11.jsonl');
const held8 = lines('tests/fixtures/stories/held8.jsonl');
const pick = (m: Map<string, string>, ids: string[]) => ids.map((id) => m.get(id)!);
const H = 3_600_000;

function profile(id: string, firstSeen: number, lastSeen: number, languages: Record<string, number>, keys: [string, number][] = []): StoryProfile {
  return { ...newStory({ id, title: id, text: '', language: null, publishedAt: firstSeen, source: null, signals: {} as never }), id, lastSeen, languages, keys: new Map(keys), articles: 1, originals: 1 };
}

describe('pickMerge', () => {
  const t = Date.UTC(2024, 3, 19, 18);
  it('merges live stories over the threshold into the oldest, whatever their order or scores', () => {
    const a = profile('s-b', t - 5 * H, t - 4 * H, { az: 2 });
    const b = profile('s-a', t - 4 * H, t - 3 * H, { hy: 1, ru: 1 });
    const m1 = pickMerge([{ story: b, score: 0.8 }, { story: a, score: 0.4 }], t, DEFAULT_GROUPING);
    const m2 = pickMerge([{ story: a, score: 0.4 }, { story: b, score: 0.8 }], t, DEFAULT_GROUPING);
    expect(m1?.survivor.story.id).toBe('s-b'); // first seen earliest, not the smaller id
    expect(m1?.merged).toEqual(['s-a']);
    expect(m2?.survivor.story.id).toBe('s-b');
  });
  it('leaves out a story below the threshold, one last seen more than 72 h before, one sharing a language, and undated articles', () => {
    const a = profile('s-a', t - 5 * H, t - 4 * H, { az: 2 });
    expect(pickMerge([{ story: a, score: 0.9 }, { story: profile('s-b', t - 4 * H, t - 3 * H, { hy: 1 }), score: 0.3 }], t, DEFAULT_GROUPING)).toBeNull();
    expect(pickMerge([{ story: a, score: 0.9 }, { story: profile('s-c', t - 100 * H, t - 73 * H, { hy: 1 }), score: 0.9 }], t, DEFAULT_GROUPING)).toBeNull();
    expect(pickMerge([{ story: a, score: 0.9 }, { story: profile('s-d', t - 4 * H, t - 3 * H, { az: 1, hy: 1 }), score: 0.9 }], t, DEFAULT_GROUPING)).toBeNull();
    expect(pickMerge([{ story: a, score: 0.9 }, { story: profile('s-e', t - 4 * H, t - 3 * H, { hy: 1 }), score: 0.9 }], null, DEFAULT_GROUPING)).toBeNull();
  });
  it('merges at most maxMerge stories, the strongest', () => {
    const s = ['az', 'hy', 'ru', 'tr'].map((l, i) => ({ story: profile(`s-${l}`, t - (10 - i) * H, t - H, { [l]: 1 }), score: 0.4 + i / 10 }));
    const m = pickMerge(s, t, DEFAULT_GROUPING)!;
    expect([m.survivor.story.id, ...m.merged]).toEqual(['s-hy', 's-ru', 's-tr']);
  });
});

describe('mergeProfiles', () => {
  it('sums counts and keys, widens the times and takes the earlier title', () => {
    const into = profile('s-a', 2000, 3000, { hy: 2 }, [['p:Goris', 2], ['d:9-13', 1]]);
    const from = profile('s-b', 1000, 4000, { az: 1, hy: 1 }, [['p:Kalbajar', 1], ['d:9-13', 1]]);
    from.title = 'earlier';
    mergeProfiles(into, from, 80);
    expect(into.articles).toBe(2);
    expect(into.languages).toEqual({ hy: 3, az: 1 });
    expect([...into.keys]).toEqual([['p:Goris', 2], ['d:9-13', 2], ['p:Kalbajar', 1]]);
    expect([into.firstSeen, into.lastSeen, into.title]).toEqual([1000, 4000, 'earlier']);
    mergeProfiles(into, profile('s-c', 5000, 5000, {}, [['w:en:x', 1], ['w:en:y', 1]]), 3);
    expect(into.keys.size).toBe(3);
  });
});

describe('a later article bridging two stories of one event', () => {
  // the Azerbaijani report names the Gazakh villages, the Armenian ones the Tavush villages; the English wire names both
  const ids = ['d11-dlm-az-1', 'd11-dlm-hy-1', 'd11-dlm-ru-hy', 'd11-dlm-en-1'];

  it('merges them: every line of `news-ingest stories` names the older story', async () => {
    const { out } = await groupLines(pick(dev11, ids), [topic]);
    const story = new Map(out.map((o) => ('id' in o ? [o.id, o.storyId] : ['', ''])));
    expect(story.get('d11-dlm-hy-1')).toBe('s-d11-dlm-az-1');
    expect(story.get('d11-dlm-ru-hy')).toBe('s-d11-dlm-az-1');
    expect(story.get('d11-dlm-en-1')).toBe('s-d11-dlm-az-1');
  });

  it('the state keeps the merged story as an alias: its articles, and a copy of them, resolve to the survivor', async () => {
    const state = new MemoryStoryState();
    const inputs = pick(dev11, ids).map((l) => storyInputOf(JSON.parse(l), [topic])).sort((a, b) => a.publishedAt! - b.publishedAt!);
    const results = [];
    for (const i of inputs) results.push(await groupArticle(i, state));
    const bridge = results.find((r) => r.id === 'd11-dlm-en-1')!;
    expect(bridge.storyId).toBe('s-d11-dlm-az-1');
    expect(bridge.merged).toEqual(['s-d11-dlm-hy-1']);
    // delivered before the merge: the Armenian report was given its own story
    expect(results.find((r) => r.id === 'd11-dlm-hy-1')!.storyId).toBe('s-d11-dlm-hy-1');
    expect(state.resolveStory('s-d11-dlm-hy-1')).toBe('s-d11-dlm-az-1');
    expect((await state.assignment('d11-dlm-hy-1'))?.storyId).toBe('s-d11-dlm-az-1');
    expect((await state.stories(['s-d11-dlm-hy-1']))[0]?.id).toBe('s-d11-dlm-az-1');
    expect(state.size()).toMatchObject({ stories: 1, aliases: 1 });
    // a re-run of the Armenian report's job is known, in the survivor
    const again = await groupArticle(inputs.find((i) => i.id === 'd11-dlm-hy-1')!, state);
    expect([again.known, again.storyId]).toEqual([true, 's-d11-dlm-az-1']);
  });

  it("does not merge the stories of two events of one day that share a language (dev9: the prisoners' release and the Syrians sent home)", async () => {
    const all = [...lines('tests/fixtures/stories/dev9.jsonl').values()];
    const { out } = await groupLines(all, [topic]);
    const gold = new Map(all.map((l) => [JSON.parse(l).id, JSON.parse(l).story]));
    const pow = out.filter((o) => 'id' in o && gold.get(o.id) === 'prisoners-four-2026-01-14').map((o) => ('storyId' in o ? o.storyId : ''));
    const syr = out.filter((o) => 'id' in o && gold.get(o.id) === 'syrians-2026-01-14').map((o) => ('storyId' in o ? o.storyId : ''));
    // the prisoners' release and the Syrians sent home, one day: no story holds both after merging
    const both = pow.filter((s) => syr.includes(s));
    expect(new Set(both).size).toBeLessThanOrEqual(1);
    expect(pow.filter((s) => syr.includes(s)).length).toBeLessThan(pow.length);
  });
});

describe('a reprint with a new headline and a rewritten lede over the same body', () => {
  it('is a copy of its original (held8: "Soldiers-for-maps" over the ten soldiers\' dispatch)', async () => {
    const { out } = await groupLines(pick(held8, ['h8-rd4-en-1', 'h8-rd4-en-1-t']), [topic]);
    expect(out[1]).toEqual({ id: 'h8-rd4-en-1-t', storyId: 's-h8-rd4-en-1', duplicateOf: 'h8-rd4-en-1' });
  });
  it('is a copy in another language set too (dev11, Azerbaijani)', async () => {
    const { out } = await groupLines(pick(dev11, ['d11-dlm-az-1', 'd11-dlm-az-1-t']), [topic]);
    expect(out[1]).toMatchObject({ id: 'd11-dlm-az-1-t', duplicateOf: 'd11-dlm-az-1' });
  });

  const dispatch = {
    id: 'disp', source: 'wire.example', language: 'en', publishedAt: '2024-04-19T10:00:00Z',
    title: 'Border commissions agree first stretch of the frontier near four villages',
    text: [
      'Armenia and Azerbaijan border commissions led by Mher Grigoryan and Shahin Mustafayev agreed on Friday on the line near four villages in Tavush and Gazakh.',
      'The line is to follow the Soviet-era border between the two republics, with coordinates to be fixed by geodetic measurements on the ground before the middle of May.',
      'Residents of the Armenian villages of Kirants and Voskepar fear the new line will cut them off from the main road and from their orchards and pastures.',
      'The commissions also agreed to base the whole process on the 1991 Alma-Ata Declaration, and to draft rules for their joint work by the first of July.',
    ].join('\n\n'),
  };

  it('a report of another event reusing one background paragraph of a longer dispatch under its own lede is not a copy', async () => {
    const other = {
      id: 'other', source: 'daily.example', language: 'en', publishedAt: '2024-04-19T14:00:00Z',
      title: 'Baku says its positions in Nakhchivan came under fire overnight',
      text: [
        'Azerbaijan\'s defence ministry said on Saturday that Armenian units had fired at its positions in the Sadarak district of Nakhchivan with small arms, and that nobody was hurt.',
        dispatch.text.split('\n\n')[1],
      ].join('\n\n'),
    };
    const { out } = await groupLines([JSON.stringify(dispatch), JSON.stringify(other)], [topic]);
    expect(out[1]).toMatchObject({ id: 'other', duplicateOf: null });
  });

  it('the same body under a new top of another outlet is a copy', async () => {
    const reprint = {
      id: 'reprint', source: 'daily.example', language: 'en', publishedAt: '2024-04-19T14:00:00Z',
      title: 'Yerevan to hand back villages Baku lost three decades ago',
      text: ['After a meeting on the frontier, Armenia has accepted to cede a handful of villages on its north-eastern edge to its neighbour, officials said.', ...dispatch.text.split('\n\n').slice(1)].join('\n\n'),
    };
    const { out } = await groupLines([JSON.stringify(dispatch), JSON.stringify(reprint)], [topic]);
    expect(out[1]).toMatchObject({ id: 'reprint', duplicateOf: 'disp' });
  });
});
