import { describe, expect, it } from 'vitest';
import { BandTable } from '../../src/stories/band-table.js';

const list = (t: BandTable, band: number, max: number, live: (n: number) => boolean = () => true) => {
  const out: number[] = [];
  t.forEach(band, max, live, (n) => out.push(n));
  return out;
};

describe('BandTable', () => {
  it('keeps each band newest first, reads at most max live entries, and grows past its first capacity', () => {
    const t = new BandTable(8);
    for (let n = 0; n < 5000; n++) {
      t.add(n % 97, n); // 97 bands
      t.add(0x80000000 + (n % 13), n); // high bit set: uint32 hashes
    }
    const newest = (mod: number, r: number, k: number) => Array.from({ length: 5000 }, (_, n) => n).filter((n) => n % mod === r).reverse().slice(0, k);
    expect(list(t, 5, 3)).toEqual(newest(97, 5, 3));
    expect(list(t, 0x80000000 + 2, 2)).toEqual(newest(13, 2, 2));
    expect(list(t, 12345, 3)).toEqual([]);
    const [a, b, c] = newest(97, 5, 3);
    t.add(5, a); // already the newest: not filed twice
    expect(list(t, 5, 2)).toEqual([a, b]);
    // dead entries are skipped and not counted
    expect(list(t, 5, 2, (n) => n !== a)).toEqual([b, c]);
    expect(t.size().bands).toBe(97 + 13);
  });

  it('rebuilds from the live entries when dropped ones outnumber them, keeping the order', () => {
    const t = new BandTable();
    const live = new Set<number>();
    for (let n = 0; n < 3000; n++) {
      for (let b = 0; b < 4; b++) t.add(b * 1000 + (n % 10), n);
      live.add(n);
    }
    for (let n = 0; n < 2500; n++) {
      live.delete(n);
      t.dropArticle(4, (k) => live.has(k));
    }
    expect(t.size().entries).toBeLessThan(3000 * 4); // compacted
    expect(list(t, 2003, 100, (k) => live.has(k))).toEqual([...live].filter((n) => n % 10 === 3).reverse());
  });
});
