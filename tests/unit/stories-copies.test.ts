/**
 * Copy recognition, round 5 (docs/stories.md): reprints are decided on an exact bottom-k sketch
 * of the shingles, links are left out of the fingerprint, and a reprint cut to one sentence is
 * compared without its headline. Texts written for this test (a made-up meeting in Geneva).
 */
import { describe, expect, it } from 'vitest';
import { articleFeatures, minhashOf, sketchSimilarity, SKETCH_SIZE, type StoryInput } from '../../src/stories/features.js';
import { groupArticle } from '../../src/stories/group.js';
import { MemoryStoryState } from '../../src/stories/memory-state.js';
import { seededRandom as seeded } from '../helpers/random.js';

const H = 3_600_000;
const T0 = Date.parse('2025-03-03T09:00:00Z');
const art = (id: string, title: string, text: string, hours: number, extra: Partial<StoryInput> = {}): StoryInput => ({
  id, title, text, language: 'en', publishedAt: T0 + hours * H, source: `${id}.example`,
  signals: { countries: [], actors: ['Ilham Aliyev', 'Nikol Pashinyan'], places: ['Geneva'], mediators: [], terms: ['peace treaty'] }, ...extra,
});

const FIRST = 'The foreign ministers of Armenia and Azerbaijan spent six hours in a villa outside Geneva on Monday.';
const LEDE = `${FIRST} They went through the border chapter of the draft treaty line by line.`;
const SECOND = 'Swiss diplomats who hosted the round said the two delegations agreed to send their mapping experts back to the table within a fortnight and to keep the venue.';
const THIRD = 'Neither side gave details of the villages still in dispute, and a joint statement promised only that work would continue in a constructive spirit.';
const BACKGROUND = 'The two countries fought wars over the mountainous region in the early 1990s and in 2020 and have never agreed a common border since independence.';
const ORIGINAL = [`${LEDE} ${SECOND}`, THIRD, BACKGROUND].join('\n\n');

async function groupAll(list: StoryInput[]) {
  const state = new MemoryStoryState();
  const out = [];
  for (const a of list) out.push(await groupArticle(a, state));
  return out;
}

describe('sketchSimilarity', () => {
  const exact = (a: Set<number>, b: Set<number>) => {
    let both = 0;
    for (const x of a) if (b.has(x)) both++;
    return { jaccard: both / (a.size + b.size - both), containment: both / Math.min(a.size, b.size) };
  };
  const sketchOf = (s: Set<number>) => Uint32Array.from([...s].sort((x, y) => x - y).slice(0, SKETCH_SIZE));
  const randomSets = (rand: () => number, sizeA: number, sizeB: number, shared: number) => {
    const a = new Set<number>(), b = new Set<number>();
    const draw = () => Math.floor(rand() * 0xffffffff) >>> 0;
    while (a.size < shared) { const x = draw(); a.add(x); b.add(x); }
    while (a.size < sizeA) a.add(draw());
    while (b.size < sizeB) b.add(draw());
    return [a, b] as const;
  };

  it('is exact when both sets fit in the sketch', () => {
    const rand = seeded(7);
    for (const [na, nb, shared] of [[40, 55, 30], [14, 30, 14], [120, 90, 10], [3, 3, 0]]) {
      const [a, b] = randomSets(rand, na, nb, shared);
      const got = sketchSimilarity(sketchOf(a), a.size, sketchOf(b), b.size);
      const want = exact(a, b);
      expect(got.jaccard).toBeCloseTo(want.jaccard, 10);
      expect(got.containment).toBeCloseTo(want.containment, 10);
    }
  });

  it('estimates Jaccard and containment of large sets, also of a short text in a long one', () => {
    const rand = seeded(11);
    for (const [na, nb, shared] of [[600, 700, 400], [2000, 2000, 500], [60, 900, 60], [60, 900, 0]]) {
      const [a, b] = randomSets(rand, na, nb, shared);
      const got = sketchSimilarity(sketchOf(a), a.size, sketchOf(b), b.size);
      const want = exact(a, b);
      expect(Math.abs(got.jaccard - want.jaccard)).toBeLessThan(0.1);
      expect(Math.abs(got.containment - want.containment)).toBeLessThan(0.25);
    }
  });

  it('comes from the same hashes as the MinHash: equal texts give equal sketches', () => {
    const w = ORIGINAL.toLowerCase().split(/\W+/).filter(Boolean);
    const a = minhashOf(w);
    const b = minhashOf([...w]);
    expect([...a.sketch]).toEqual([...b.sketch]);
    expect(a.sketch.length).toBe(Math.min(a.shingles, SKETCH_SIZE));
    expect(sketchSimilarity(a.sketch, a.shingles, b.sketch, b.shingles)).toEqual({ jaccard: 1, containment: 1 });
  });
});

describe('reprints that are copies', () => {
  it('a reprint cut to its first sentence (under 20 words) under the same headline', async () => {
    for (const title of ['Ministers go through the border chapter in Geneva', 'Six hours near Geneva', 'Armenian and Azerbaijani ministers meet outside Geneva for border talks', 'Border chapter: ministers meet in a villa']) {
      const [, cut] = await groupAll([art('orig', title, ORIGINAL, 0), art('cut', title, FIRST, 2)]);
      expect(cut.duplicateOf, title).toBe('orig');
      expect(cut.storyId).toBe('s-orig');
    }
  });

  it('a truncated reprint ending in a link to the full story', async () => {
    const trunc = `${LEDE} ${SECOND}\n\nRead the full report: https://www.lakeside-news.example/politics/2025/03/03/geneva-border-chapter-talks?utm_source=feed`;
    const [, t] = await groupAll([art('orig', 'Ministers go through the border chapter in Geneva', ORIGINAL, 0), art('t', 'Geneva border talks', trunc, 1)]);
    expect(t.duplicateOf).toBe('orig');
  });

  it('a short reprint under a new headline with a dateline, a credit and a sentence appended', async () => {
    const reprint = `GENEVA, March 3. ${LEDE} ${SECOND}\n\n${THIRD} The next round has no date yet.\n\n(Lakeside wire)`;
    const [, r] = await groupAll([art('orig', 'Ministers go through the border chapter in Geneva', ORIGINAL, 0), art('r', 'Six hours on the border chapter', reprint, 3)]);
    expect(r.duplicateOf).toBe('orig');
  });
});

describe('articles that are not copies', () => {
  it('a later report of the same meeting that shares only the background paragraph', async () => {
    const follow = [
      'Armenian officials said on Tuesday that the mapping experts would start with the northern section, where several roads cross the line twice, and that Swiss cartographers had offered satellite imagery.',
      BACKGROUND,
    ].join('\n\n');
    const [, f] = await groupAll([art('orig', 'Ministers go through the border chapter in Geneva', ORIGINAL, 0), art('f', 'Mapping experts to start with the northern section', follow, 20)]);
    expect(f.duplicateOf).toBeNull();
  });

  it('a translation of the dispatch', async () => {
    const ru = 'Министры иностранных дел Армении и Азербайджана провели в понедельник шесть часов на вилле под Женевой, постатейно обсуждая пограничную главу проекта договора.';
    const [, t] = await groupAll([art('orig', 'Ministers go through the border chapter in Geneva', ORIGINAL, 0), art('ru', 'Министры обсудили в Женеве пограничную главу', ru, 1, { language: 'ru' })]);
    expect(t.duplicateOf).toBeNull();
  });

  it('the sketch holds only distinct shingle hashes, at most SKETCH_SIZE', () => {
    const long = Array.from({ length: 40 }, (_, i) => `${ORIGINAL} round ${i}`).join('\n\n');
    const f = articleFeatures(art('long', 'x', long, 0));
    expect(f.sketch.length).toBe(SKETCH_SIZE);
    for (let i = 1; i < f.sketch.length; i++) expect(f.sketch[i]).toBeGreaterThan(f.sketch[i - 1]);
  });
});

describe('story profiles updated in place', () => {
  /** An in-memory state whose commits fail while `failing` is set (as a Redis commit whose lock was lost). */
  class FailingState extends MemoryStoryState {
    readonly commitMayFail = true;
    failing = false;
    override async commit(c: Parameters<MemoryStoryState['commit']>[0]): Promise<void> {
      if (this.failing) throw new Error('commit failed');
      return super.commit(c);
    }
  }
  const snapshot = (p: import('../../src/stories/group.js').StoryProfile) => JSON.stringify({ ...p, keys: [...p.keys], languages: Object.entries(p.languages), sources: Object.entries(p.sources) });

  it('a failed commit leaves the profile as it was, keys in the same order; the retry then joins', async () => {
    const st = new FailingState();
    await groupArticle(art('a', 'Ministers meet in Geneva', ORIGINAL, 0), st);
    const [before] = await st.stories(['s-a']);
    const was = snapshot(before!);
    st.failing = true;
    // a report of the same meeting (joins the story) and a copy (counts only), each failing
    const report = art('b', 'Geneva round ends without a date for the next', `${SECOND} Officials in Baku said on Monday evening that the experts would meet again in Geneva.`, 4, { language: 'en', source: 'other.example' });
    const copy = art('c', 'Ministers meet in Geneva', ORIGINAL, 5, { source: 'reprint.example' });
    await expect(groupArticle(report, st)).rejects.toThrow('commit failed');
    await expect(groupArticle(copy, st)).rejects.toThrow('commit failed');
    expect(snapshot((await st.stories(['s-a']))[0]!)).toBe(was);
    st.failing = false;
    const again = await groupArticle(copy, st);
    expect(again.duplicateOf).toBe('a');
    const [after] = await st.stories(['s-a']);
    expect(after!.articles).toBe(2);
    expect(after!.sources['reprint.example']).toBe(1);
  });

  it('undoes a key trim: a profile at its key limit is restored whole', async () => {
    const st = new FailingState();
    const many = (n: number, from: number) => Array.from({ length: n }, (_, i) => `Name${String.fromCharCode(97 + ((from + i) % 26))}${String.fromCharCode(97 + Math.floor((from + i) / 26) % 26)}x`).join(' and ');
    const opts = { ...(await import('../../src/stories/group.js')).DEFAULT_GROUPING, maxStoryKeys: 10, storyThreshold: 0 };
    await groupArticle(art('a', 'Ministers meet in Geneva', `${ORIGINAL} With ${many(12, 0)}.`, 0), st, opts);
    const [before] = await st.stories(['s-a']);
    expect(before!.keys.size).toBe(10);
    const was = snapshot(before!);
    st.failing = true;
    await expect(groupArticle(art('b', 'Ministers meet again in Geneva', `Talks with ${many(12, 40)} went on in Geneva on Monday.`, 3), st, opts)).rejects.toThrow('commit failed');
    expect(snapshot((await st.stories(['s-a']))[0]!)).toBe(was);
  });
});
