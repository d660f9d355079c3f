/**
 * The LSH band lists of the in-memory story state: band hash → article numbers, newest first.
 *
 * Typed arrays, not a `Map` of arrays: a replica of 100,000 articles holds 4.2 million band
 * entries (42 per article), which as `Map` entries with heap-number keys were ~10 % of the
 * grouping's CPU at 100,000 stored records (inserts, the map's rehashes, and the garbage
 * collector walking them; cpu profile in docs/stories.md). Here an entry is two int32s in a
 * node pool (article number, next node) and a band is one slot of an open-addressing table
 * (linear probing, at most half full) holding its newest node; nothing is visible to the
 * garbage collector.
 *
 * Dropping an article (`dropArticle`) only counts its entries as dead: readers skip articles
 * the caller reports dead, and the table is rebuilt from the live entries when the dead ones
 * outnumber them (amortized O(1) per entry).
 */

const EMPTY = -1;

/** See the module comment. Band hashes are any uint32; article numbers are int32 ≥ 0. */
export class BandTable {
  private keys: Uint32Array;
  /** newest node of the band in each slot, or EMPTY */
  private heads: Int32Array;
  private used = 0;
  private nodeNum: Int32Array;
  private nodeNext: Int32Array;
  private nodes = 0;
  private dead = 0;

  constructor(capacity = 1 << 12) {
    this.keys = new Uint32Array(capacity);
    this.heads = new Int32Array(capacity).fill(EMPTY);
    this.nodeNum = new Int32Array(capacity);
    this.nodeNext = new Int32Array(capacity);
  }

  /** Slot of a band: its own, or the empty one where it would go. */
  private slot(band: number): number {
    const mask = this.keys.length - 1;
    let i = band & mask;
    while (this.heads[i] !== EMPTY && this.keys[i] !== band) i = (i + 1) & mask;
    return i;
  }

  /** Files article `num` under `band` as its newest entry (nothing when it is already the newest). */
  add(band: number, num: number): void {
    band >>>= 0;
    let i = this.slot(band);
    const head = this.heads[i];
    if (head !== EMPTY && this.nodeNum[head] === num) return;
    if (head === EMPTY) {
      if ((this.used + 1) * 2 > this.keys.length) {
        this.rehash(this.keys.length * 2);
        i = this.slot(band);
      }
      this.keys[i] = band;
      this.used++;
    }
    if (this.nodes === this.nodeNum.length) {
      this.nodeNum = grow(this.nodeNum, this.nodes * 2);
      this.nodeNext = grow(this.nodeNext, this.nodes * 2);
    }
    const n = this.nodes++;
    this.nodeNum[n] = num;
    this.nodeNext[n] = this.heads[i];
    this.heads[i] = n;
  }

  /**
   * Calls `visit` with up to `max` live article numbers of `band`, newest first
   * (`isLive(num)` false: skipped, not counted).
   */
  forEach(band: number, max: number, isLive: (num: number) => boolean, visit: (num: number) => void): void {
    const i = this.slot(band >>> 0);
    let n = this.heads[i];
    for (let seen = 0; n !== EMPTY && seen < max; n = this.nodeNext[n]) {
      const num = this.nodeNum[n];
      if (!isLive(num)) continue;
      visit(num);
      seen++;
    }
  }

  /**
   * Counts the `entries` band entries of a dropped article as dead; when the dead outnumber the
   * live, rebuilds the table from the entries whose article `isLive`.
   */
  dropArticle(entries: number, isLive: (num: number) => boolean): void {
    this.dead += entries;
    if (this.dead * 2 > this.nodes && this.nodes > 1024) this.compact(isLive);
  }

  /** Band entries held (live and dead) and bands. */
  size(): { entries: number; dead: number; bands: number } {
    return { entries: this.nodes, dead: this.dead, bands: this.used };
  }

  private compact(isLive: (num: number) => boolean): void {
    const old = { keys: this.keys, heads: this.heads, num: this.nodeNum, next: this.nodeNext };
    const live = this.nodes - this.dead;
    let cap = 1 << 12;
    while (cap < live * 2) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.heads = new Int32Array(cap).fill(EMPTY);
    this.nodeNum = new Int32Array(Math.max(cap, 1024));
    this.nodeNext = new Int32Array(Math.max(cap, 1024));
    this.used = 0;
    this.nodes = 0;
    this.dead = 0;
    const chain: number[] = [];
    for (let s = 0; s < old.keys.length; s++) {
      if (old.heads[s] === EMPTY) continue;
      chain.length = 0;
      for (let n = old.heads[s]; n !== EMPTY; n = old.next[n]) if (isLive(old.num[n])) chain.push(old.num[n]);
      for (let k = chain.length - 1; k >= 0; k--) this.add(old.keys[s], chain[k]); // oldest first: the newest ends first
    }
  }

  private rehash(cap: number): void {
    const keys = this.keys;
    const heads = this.heads;
    this.keys = new Uint32Array(cap);
    this.heads = new Int32Array(cap).fill(EMPTY);
    for (let s = 0; s < keys.length; s++) {
      if (heads[s] === EMPTY) continue;
      const i = this.slot(keys[s]);
      this.keys[i] = keys[s];
      this.heads[i] = heads[s];
    }
  }
}

function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
