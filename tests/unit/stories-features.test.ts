import { describe, expect, it } from 'vitest';
import { articleFeatures, containment, eventKeys, jaccard, keyWeight, minhashOf, monthOf, words, type StoryInput } from '../../src/stories/features.js';
import { DEFAULT_GROUPING, groupArticle } from '../../src/stories/group.js';
import { MemoryStoryState } from '../../src/stories/memory-state.js';
import { bcubed, pairwise } from '../../src/stories/metrics.js';

const none = { countries: [], actors: [], places: [], mediators: [], terms: [] };
const keysOf = (text: string, language: string) => [...eventKeys({ signals: none, language }, words(text)).keys()];

describe('event keys', () => {
  it('reads day-month dates in en, ru, hy, az, with ranges and numeric dates', () => {
    expect(keysOf('The talks opened on May 10 in the city.', 'en')).toContain('d:5-10');
    expect(keysOf('Переговоры прошли 10-11 мая в Алматы.', 'ru')).toEqual(expect.arrayContaining(['d:5-10', 'd:5-11']));
    expect(keysOf('Մայիսի 10-11-ին կայացան բանակցությունները։', 'hy')).toEqual(expect.arrayContaining(['d:5-10', 'd:5-11']));
    expect(keysOf('Mayın 10-11-də danışıqlar aparılıb.', 'az')).toEqual(expect.arrayContaining(['d:5-10', 'd:5-11']));
    expect(keysOf('Avqustun 8-də sənəd imzalanıb.', 'az')).toContain('d:8-8');
    expect(keysOf('Встреча состоялась 07.11.2022 в Вашингтоне.', 'ru')).toContain('d:11-7');
  });

  it('does not read "may" the verb as a month, and keeps numbers and proper nouns', () => {
    const k = keysOf('Officials may 3 times meet. Baku will free 32 soldiers, said Nurtleu on Friday.', 'en');
    expect(k.filter((x) => x.startsWith('d:'))).toEqual([]);
    expect(k).toEqual(expect.arrayContaining(['n:32', 'w:en:nurtl']));
    expect(k).not.toContain('w:en:frida'); // weekdays are not names
    expect(k).not.toContain('w:en:offic'); // a sentence's first word is not a name
    expect(monthOf('августа')).toBe(8);
    expect(monthOf('mayor')).toBe(0);
  });

  it('weighs places and dates over terms, party capitals and recent years low', () => {
    expect(keyWeight('p:Almaty')).toBeGreaterThan(keyWeight('a:Ararat Mirzoyan'));
    expect(keyWeight('p:Baku')).toBeLessThan(keyWeight('a:Ararat Mirzoyan'));
    expect(keyWeight('n:1991')).toBeGreaterThan(keyWeight('n:2024'));
    expect(keyWeight('t:peace treaty')).toBeLessThan(keyWeight('d:5-10'));
  });
});

describe('MinHash', () => {
  const base = Array.from({ length: 300 }, (_, i) => `w${i % 97}x${i}`);
  it('estimates Jaccard within 0.15 and containment of a truncated copy', () => {
    const a = minhashOf(base);
    const same = minhashOf([...base]);
    expect(jaccard(a.minhash, same.minhash)).toBe(1);
    const edited = [...base];
    edited[150] = 'changed';
    expect(jaccard(a.minhash, minhashOf(edited).minhash)).toBeGreaterThan(0.9);
    const half = minhashOf(base.slice(0, 150));
    const j = jaccard(a.minhash, half.minhash);
    expect(Math.abs(j - 148 / 298)).toBeLessThan(0.15);
    expect(containment(j, a.shingles, half.shingles)).toBeGreaterThan(0.8);
    const other = minhashOf(base.map((w) => `${w}y`));
    expect(jaccard(a.minhash, other.minhash)).toBeLessThan(0.1);
  });
});

describe('groupArticle', () => {
  const art = (id: string, text: string, extra: Partial<StoryInput> = {}): StoryInput => ({ id, title: '', text, language: 'en', publishedAt: Date.parse('2024-05-10T10:00:00Z'), source: 's', signals: none, ...extra });
  const long = 'Foreign ministers of Armenia and Azerbaijan met in Almaty on May 10 for two days of talks on the peace treaty hosted by Kazakhstan. '.repeat(3);
  it('is idempotent: an article grouped again keeps its assignment and changes nothing', async () => {
    const st = new MemoryStoryState();
    const a = await groupArticle(art('a', long), st);
    const again = await groupArticle(art('a', `${long} edited later`), st);
    expect(again).toMatchObject({ storyId: a.storyId, duplicateOf: null, known: true });
    expect(st.allStories()[0].articles).toBe(1);
  });

  it('a copy outside the copy window, or in another language, is not a copy', async () => {
    const st = new MemoryStoryState();
    await groupArticle(art('a', long), st);
    const late = await groupArticle(art('b', long, { publishedAt: Date.parse('2024-05-10T10:00:00Z') + DEFAULT_GROUPING.copyWindowMs + 1 }), st);
    expect(late.duplicateOf).toBeNull();
    const ru = await groupArticle(art('c', long, { language: 'ru' }), st);
    expect(ru.duplicateOf).toBeNull();
    const copy = await groupArticle(art('d', long), st);
    expect(copy.duplicateOf).toBe('a');
    expect(features(copy)).toBe(true);
  });
  const features = (r: { storyId: string }) => r.storyId === 's-a';
});

describe('metrics', () => {
  it('pairwise and B-cubed on a known example', () => {
    const gold = new Map([['a', '1'], ['b', '1'], ['c', '2'], ['d', '2']]);
    const pred = new Map([['a', 'x'], ['b', 'x'], ['c', 'x'], ['d', 'y']]);
    const p = pairwise(gold, pred);
    expect(p).toMatchObject({ goldPairs: 2, predPairs: 3, both: 1 });
    expect(p.precision).toBeCloseTo(1 / 3);
    expect(p.recall).toBeCloseTo(1 / 2);
    const b = bcubed(gold, pred);
    expect(b.precision).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4);
    expect(b.recall).toBeCloseTo((1 + 1 + 1 / 2 + 1 / 2) / 4);
  });
});

describe('articleFeatures', () => {
  it('gives no bands to an empty text and stable bands to equal texts', () => {
    expect(articleFeatures({ id: 'x', title: '', text: '', language: null, publishedAt: null, source: null, signals: none }).bands).toHaveLength(0);
    const f = (id: string) => articleFeatures({ id, title: 'T', text: 'one two three four', language: 'en', publishedAt: null, source: null, signals: none });
    expect(f('a').bands).toEqual(f('b').bands);
  });
});

describe('words', () => {
  it('finds the same words and sentence starts as the WORD expression, in every script', () => {
    const text = 'Aliyev said: «Peace» — now.\nМирзоян заявил… Միրզոյանը ասաց։ Bayramov-un sözləri. دیدار علی 𝐀lpha 2025-08-08 e\u0301t\u00e9 ok';
    // the reference: the regular expression, and a sentence start after any of . ! ? ։ ՞ … newline « » " “ ” „ : — – -
    const want = [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)];
    const t = words(text);
    expect(t.original).toEqual(want.map((m) => m[0]));
    let last = 0;
    const starts = want.map((m, i) => {
      const gap = text.slice(last, m.index);
      last = m.index + m[0].length;
      return i === 0 || /[.!?։՞…\n«»"“”„:—–-]/.test(gap);
    });
    expect(t.starts).toEqual(starts);
    expect(t.starts.filter(Boolean).length).toBeGreaterThan(5);
    expect(t.folded[0]).toBe('aliyev');
  });
});

describe('subject places', () => {
  it('weigh like the party capitals: the dispute\'s region and corridors do not make two events one', async () => {
    expect(keyWeight('p:Karabakh')).toBe(keyWeight('p:Baku'));
    expect(keyWeight('p:Lachin corridor')).toBeLessThan(keyWeight('p:Yevlakh'));
    // set 3: a refugee report three days after the Yevlakh talks shares their background paragraph (Karabakh, the Lachin corridor)
    const { readFileSync } = await import('node:fs');
    const { groupLines } = await import('../../src/stories/stream.js');
    const { loadTopic } = await import('../../src/tagging/index.js');
    const lines = readFileSync('tests/fixtures/stories/dev3.jsonl', 'utf8').split('\n').filter((l) => l.trim());
    const { out } = await groupLines(lines, [loadTopic('armenia-azerbaijan-talks')]);
    const story = new Map(out.map((o) => ('id' in o ? [o.id, o.storyId] : ['', ''])));
    expect(story.get('d3-exo-en-1')).toBe(story.get('d3-exo-ru-1'));
    expect(story.get('d3-exo-en-1')).not.toBe(story.get('d3-yev-en-1'));
    expect(story.get('d3-yev-fr-1')).toBe(story.get('d3-yev-en-1'));
    expect(story.get('d3-abu-fa-1')).toBe(story.get('d3-abu-en-1'));
  });
});
