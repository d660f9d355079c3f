/**
 * Trimming a story profile's keys to its most frequent ones (`trimKeys`, round 13), for
 * `addToStory` (./story-profile.ts) and merges (./merge.ts): a selection that keeps exactly the
 * keys the sort of rounds 1–12 kept.
 */
import { keyWeight } from './event-keys.js';

/** Scratch arrays of `trimKeys` (grouping is synchronous): a profile's keys and counts, reused. */
const TRIM_KEYS: string[] = [];
let trimCounts = new Float64Array(256);
let trimSorted = new Float64Array(256);

/**
 * Keeps the `maxKeys` most frequent keys of a profile (ties: heavier first, then the smaller
 * key): the first `maxKeys` of its keys sorted by (count desc, `keyWeight` desc, key asc), the
 * others deleted; the kept keys stay in their order. Round 13: the same keys as that sort, found
 * by selection (the count of the `maxKeys`-th key, then the weight among the keys of that count,
 * then the keys themselves among those of that weight), so only the keys at the boundary are
 * compared as strings; a full profile trims on every original article it takes, and the sort of
 * all its keys as [key, count, weight] triples was 8 % of the grouping's CPU at 100,000 stored.
 */
export function trimKeys(keys: Map<string, number>, maxKeys: number): void {
  const size = keys.size;
  if (size <= maxKeys) return;
  if (trimCounts.length < size) {
    trimCounts = new Float64Array(size * 2);
    trimSorted = new Float64Array(size * 2);
  }
  const ks = TRIM_KEYS;
  ks.length = 0;
  let i = 0;
  keys.forEach((n, k) => {
    ks.push(k);
    trimCounts[i++] = n;
  });
  if (maxKeys <= 0) {
    for (const k of ks) keys.delete(k);
    ks.length = 0;
    return;
  }
  // the count of the maxKeys-th key: keys above it are kept, below it deleted
  const sorted = trimSorted.subarray(0, size);
  sorted.set(trimCounts.subarray(0, size));
  sorted.sort();
  const cut = sorted[size - maxKeys];
  let above = 0;
  for (let j = 0; j < size; j++) if (trimCounts[j] > cut) above++;
  // among the keys of that count, `room` are kept: the heaviest, then the smaller key
  const room = maxKeys - above;
  const atCut: string[] = [];
  const weights: number[] = [];
  for (let j = 0; j < size; j++) {
    if (trimCounts[j] < cut) keys.delete(ks[j]);
    else if (trimCounts[j] === cut) {
      atCut.push(ks[j]);
      weights.push(keyWeight(ks[j]));
    }
  }
  ks.length = 0;
  if (atCut.length === room) return;
  const wSorted = Float64Array.from(weights).sort();
  const wCut = wSorted[atCut.length - room];
  let heavier = 0;
  for (const w of weights) if (w > wCut) heavier++;
  const ties: string[] = [];
  for (let j = 0; j < atCut.length; j++) {
    if (weights[j] < wCut) keys.delete(atCut[j]);
    else if (weights[j] === wCut) ties.push(atCut[j]);
  }
  // code-unit order, as `<` compares
  ties.sort();
  for (let j = room - heavier; j < ties.length; j++) keys.delete(ties[j]);
}
