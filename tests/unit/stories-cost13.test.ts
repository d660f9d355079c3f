/**
 * Round 13 (storycost13): the grouping's cheaper steps give exactly what the steps they replace
 * gave. Each is checked against the previous code (written out here as the reference) on
 * generated inputs full of ties, the case where a selection can differ from a sort.
 */
import { describe, expect, it } from 'vitest';
import { topStories } from '../../src/stories/group.js';
import { keyWeight } from '../../src/stories/features.js';
import { trimKeys } from '../../src/stories/story-profile.js';
import { seededRandom } from '../helpers/random.js';

/** The ranking of rounds 1–12: every hit sorted by (shared keys desc, id asc), the first `max` kept. */
const sortedTop = (hits: Map<string, number>, max: number) => [...hits].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([id]) => id);

/** The trim of rounds 1–12: every key sorted by (count desc, weight desc, key asc), those after `maxKeys` deleted. */
function sortedTrim(keys: Map<string, number>, maxKeys: number): void {
  const weighed: [string, number, number][] = [];
  keys.forEach((n, k) => weighed.push([k, n, keyWeight(k)]));
  weighed.sort((a, b) => b[1] - a[1] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
  for (let i = maxKeys; i < weighed.length; i++) keys.delete(weighed[i][0]);
}

describe('topStories (findStory ranking)', () => {
  it('gives the first max of the full sort, ties to the smaller id, for every list size', () => {
    const rnd = seededRandom(1313);
    let differing = 0;
    for (let round = 0; round < 400; round++) {
      const hits = new Map<string, number>();
      const n = Math.floor(rnd() * 300);
      // few distinct counts: most stories tie with many others
      for (let i = 0; i < n; i++) hits.set(`s-${Math.floor(rnd() * 1e6).toString(16)}`, 1 + Math.floor(rnd() * (1 + (round % 5))));
      for (const max of [0, 1, 3, 12, 500]) {
        const got = topStories(hits, max);
        expect(got).toEqual(sortedTop(hits, max));
        if (max === 12 && got.join() !== [...hits.keys()].slice(0, 12).join()) differing++;
      }
    }
    // the inputs were not already in order (the selection did reorder)
    expect(differing).toBeGreaterThan(300);
  });
});

describe('trimKeys (addToStory on a full profile)', () => {
  const kinds = ['p:Washington', 'p:Yerevan', 'a:Ararat Mirzoyan', 'a:Jeyhun Bayramov', 'm:United States', 'c:Russia', 't:peace treaty', 'd:8-8', 'r:3-13', 'n:2025', 'n:17', 'n:4', 'e:clash', 'o:release', 'w:hy:Ալմաթ', 'w:ru:алмат', 'w:en:almat'];
  it('keeps the same keys as the full sort, in their order, boundary ties broken by the key', () => {
    const rnd = seededRandom(8080);
    let trimmed = 0;
    for (let round = 0; round < 300; round++) {
      const a = new Map<string, number>();
      const n = 20 + Math.floor(rnd() * 140);
      for (let i = 0; i < n; i++) {
        const base = kinds[Math.floor(rnd() * kinds.length)];
        // counts mostly 1 and 2 (a profile's new keys), some larger
        a.set(`${base}${Math.floor(rnd() * 60)}`, rnd() < 0.7 ? 1 : 1 + Math.floor(rnd() * (1 + (round % 7))));
      }
      for (const max of [0, 1, 40, 80]) {
        const x = new Map(a);
        const y = new Map(a);
        sortedTrim(x, max);
        trimKeys(y, max);
        expect([...y]).toEqual([...x]);
        if (y.size < a.size) trimmed++;
      }
    }
    expect(trimmed).toBeGreaterThan(600);
  });
});
