/**
 * The copy fingerprint of an article, the second phase of its features: MinHash (`MINHASH_SIZE`
 * values, one-permutation) over word 3-shingles of the folded text, with LSH band hashes for
 * candidate lookup (Broder 1997; Leskovec, Rajaraman, Ullman, "Mining of Massive Datasets",
 * ch. 3), and a bottom-k sketch of the same shingle hashes on which copies are decided. No npm
 * package fits: `minhash` 0.0.9 is unmaintained and keeps permutations in arrays of objects.
 * Pure functions; scratch arrays are reused from article to article (grouping is synchronous).
 */

/**
 * Size of the bottom-k sketch kept beside the MinHash: the `SKETCH_SIZE` smallest distinct
 * shingle hashes, which is the whole shingle set of a text of up to ~130 words. Copies are
 * decided on it (`sketchSimilarity`): exact for short texts, where the one-permutation MinHash
 * (most of its 126 bins empty and filled from their neighbours) missed Jaccard by up to 0.1
 * (round 5: a 55-shingle reprint at 0.53 estimated 0.48; a truncated one at 1.0 containment
 * estimated 0.66). The MinHash still finds the candidates (LSH).
 */
export const SKETCH_SIZE = 128;

/** Number of MinHash values per article. 126 = 63 bands × 2 rows. */
export const MINHASH_SIZE = 126;
/**
 * LSH rows per band: with 63 bands of 2 a pair with Jaccard 0.25 is a candidate with p≈0.98, 0.2
 * with p≈0.92 (with 42 bands of 3, rounds 1–3: 0.49 and 0.29). A shortened reprint (the first
 * quarter or fifth of a dispatch) has a Jaccard of about its share of the original: found a
 * candidate 32/44 and 27/44 times with 3 rows, 44/44 and 43/44 with 2 (`npx tsx
 * bench/stories-copy-recall.ts`: texts of the labeled sets, six joined per language, cut).
 */
export const BAND_ROWS = 2;

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: a cheap, well-mixed permutation of a 32-bit value. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * MinHash of word 3-shingles (fewer words: the words themselves), by one-permutation hashing
 * with rotation densification (Li, Owen, Zhang 2012; Shrivastava, Li 2014): each distinct
 * shingle hash goes to one of `MINHASH_SIZE` bins and keeps the bin's minimum; an empty bin
 * borrows from the next non-empty bin to its right, offset by the distance. One hash per
 * shingle instead of one per shingle and value; the share of equal values still estimates the
 * Jaccard similarity, and equal texts give equal signatures.
 * @returns the signature and the number of distinct shingles
 */
export function minhashOf(folded: string[]): { minhash: Uint32Array; shingles: number; sketch: Uint32Array } {
  const sig = SIG.fill(EMPTY);
  const nw = folded.length;
  const wh = scratch(0, nw);
  for (let i = 0; i < nw; i++) wh[i] = fnv1a(folded[i]);
  const n = nw < 3 ? nw : nw - 2;
  // shingle hashes in a typed array, sorted to count the distinct ones (no Set of numbers to allocate)
  const hs = scratch(1, n);
  for (let i = 0; i < n; i++) {
    // a shingle's hash from its words' hashes: order-sensitive, then mixed
    hs[i] = nw < 3 ? mix(wh[i]) : mix(Math.imul(wh[i], 0x01000193) ^ Math.imul(wh[i + 1], 0x5bd1e995) ^ mix(wh[i + 2]));
  }
  hs.sort();
  let distinct = 0;
  const bottom = scratch(0, Math.min(n, SKETCH_SIZE)); // the word hashes are no longer needed
  for (let i = 0; i < n; i++) {
    const h = hs[i];
    if (i > 0 && h === hs[i - 1]) continue;
    if (distinct < SKETCH_SIZE) bottom[distinct] = h;
    distinct++;
    const bin = h % MINHASH_SIZE;
    const v = mix(h ^ 0x27d4eb2f) >>> 8; // 24 bits, independent of the bin
    if (v < sig[bin]) sig[bin] = v;
  }
  if (distinct === 0) return { minhash: Uint32Array.from(sig), shingles: 0, sketch: new Uint32Array(0) };
  // one buffer for the signature and the sketch: one backing store per article, not two
  const k = Math.min(distinct, SKETCH_SIZE);
  const buf = new Uint32Array(MINHASH_SIZE + k);
  buf.set(bottom.subarray(0, k), MINHASH_SIZE);
  const sketch = buf.subarray(MINHASH_SIZE);
  const filled = buf.subarray(0, MINHASH_SIZE);
  filled.set(sig);
  for (let k = 0; k < MINHASH_SIZE; k++) {
    if (sig[k] !== EMPTY) continue;
    let d = 1;
    while (sig[(k + d) % MINHASH_SIZE] === EMPTY) d++;
    filled[k] = sig[(k + d) % MINHASH_SIZE] + d * 0x1000000;
  }
  return { minhash: filled, shingles: distinct, sketch };
}

/**
 * Jaccard similarity and containment (|A∩B| / the smaller set) of two shingle sets from their
 * bottom-k sketches (`SKETCH_SIZE` smallest hashes, ascending) and sizes. Exact when both sketches
 * hold their whole set; else estimated (Broder 1997; Cohen, Kaplan 2007): over the hashes below
 * both sketches' largest value, every hash's membership in each set is known, so the shares
 * found in both estimate Jaccard and, among the smaller set's hashes, containment.
 * @returns `{jaccard, containment}`, both 0..1 (0 when a set is empty)
 */
export function sketchSimilarity(a: Uint32Array, sizeA: number, b: Uint32Array, sizeB: number): { jaccard: number; containment: number } {
  if (!a.length || !b.length) return { jaccard: 0, containment: 0 };
  // a sketch holding its whole set knows every member; else only those up to its largest value
  const limA = a.length >= sizeA ? 0xffffffff : a[a.length - 1];
  const limB = b.length >= sizeB ? 0xffffffff : b[b.length - 1];
  const lim = Math.min(limA, limB);
  let i = 0, j = 0, both = 0, onlyA = 0, onlyB = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i] : 0x100000000;
    const y = j < b.length ? b[j] : 0x100000000;
    const v = Math.min(x, y);
    if (v > lim) break;
    if (x === y) { both++; i++; j++; }
    else if (x < y) { onlyA++; i++; }
    else { onlyB++; j++; }
  }
  const union = both + onlyA + onlyB;
  if (!union) return { jaccard: 0, containment: 0 };
  const small = sizeA <= sizeB ? both + onlyA : both + onlyB;
  return { jaccard: both / union, containment: small ? both / small : 0 };
}

/**
 * Scratch arrays of `minhashOf` (word hashes, shingle hashes, bins), reused from article to
 * article: typed arrays of a few KB are off the V8 heap, and allocating three per article was
 * work for every young-generation collection. Grouping is synchronous, so one set suffices.
 */
const SCRATCH = [new Uint32Array(1024), new Uint32Array(1024)];
const SIG = new Uint32Array(MINHASH_SIZE);
/** A view of `n` values of scratch array `which`, grown (doubled) when too small. */
function scratch(which: 0 | 1, n: number): Uint32Array {
  let a = SCRATCH[which];
  if (a.length < n) {
    let size = a.length;
    while (size < n) size *= 2;
    SCRATCH[which] = a = new Uint32Array(size);
  }
  return a.subarray(0, n);
}

/** An empty one-permutation bin (values are 24-bit, offsets below 2^31). */
const EMPTY = 0xffffffff;

/**
 * LSH band hashes of a signature: one uint32 per band of `BAND_ROWS` values, the band's number
 * mixed in (equal rows in two bands are two buckets). Numbers, not strings: no allocation per
 * band, and the in-memory state files them in typed arrays (./band-table.ts). Two articles
 * share a band when their rows are equal; a hash collision only adds a candidate, which the
 * copy test then compares.
 */
export function bandHashes(sig: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.ceil(sig.length / BAND_ROWS));
  for (let b = 0; b < out.length; b++) {
    let h = mix((0x811c9dc5 ^ Math.imul(b + 1, 0x9e3779b1)) >>> 0);
    for (let r = 0; r < BAND_ROWS; r++) h = mix(h ^ sig[b * BAND_ROWS + r]);
    out[b] = h;
  }
  return out;
}

/** Estimated Jaccard similarity of two signatures (share of equal values). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}

/** Estimated containment of the smaller shingle set in the larger: |A∩B| / min(|A|,|B|). */
export function containment(j: number, sizeA: number, sizeB: number): number {
  const min = Math.min(sizeA, sizeB);
  if (min === 0) return 0;
  return Math.min(1, (j * (sizeA + sizeB)) / (1 + j) / min);
}
