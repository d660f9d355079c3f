/**
 * How often a shortened reprint is found as a copy: texts of the labeled story sets, six joined
 * per language into a long dispatch, cut to their first half, third, quarter and fifth; for each
 * cut, whether the cut and the whole share an LSH band (a candidate) and pass the copy test
 * (estimated Jaccard ≥ 0.5 or containment ≥ 0.8). Prints figures; not a test.
 *
 *   npx tsx bench/stories-copy-recall.ts
 *
 * Reads tests/fixtures/stories/{dev,heldout,dev3,held3,dev4,heldq}.jsonl (originals only).
 */
import { readFileSync } from 'node:fs';
import { bandHashes, BAND_ROWS, containment, jaccard, MINHASH_SIZE, minhashOf, words } from '../src/stories/features.js';
import { DEFAULT_GROUPING } from '../src/stories/group.js';

const sets = ['dev', 'heldout', 'dev3', 'held3', 'dev4', 'heldq'];
const arts = sets.flatMap((n) => readFileSync(`tests/fixtures/stories/${n}.jsonl`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; copy: string; language: string; text: string }));
const byLang = new Map<string, string[]>();
for (const a of arts) if (a.copy === a.id) byLang.set(a.language, [...(byLang.get(a.language) ?? []), a.text]);
const longs: string[] = [];
for (const [, ts] of byLang) for (let i = 0; i + 6 <= ts.length; i += 3) longs.push(ts.slice(i, i + 6).join('\n\n'));
console.log(`${longs.length} long texts (six originals of one language joined), ${MINHASH_SIZE / BAND_ROWS} bands of ${BAND_ROWS} rows`);
for (const share of [0.5, 1 / 3, 0.25, 0.2]) {
  let candidates = 0;
  let copies = 0;
  for (const t of longs) {
    const w = words(t).folded;
    const whole = minhashOf(w);
    const cut = minhashOf(w.slice(0, Math.round(w.length * share)));
    const bands = new Set(bandHashes(whole.minhash));
    const candidate = Array.from(bandHashes(cut.minhash)).some((b) => bands.has(b));
    const j = jaccard(whole.minhash, cut.minhash);
    if (candidate) candidates++;
    if (candidate && (j >= DEFAULT_GROUPING.copyJaccard || containment(j, whole.shingles, cut.shingles) >= DEFAULT_GROUPING.copyContainment)) copies++;
  }
  console.log(`first ${share.toFixed(2)} of the text: candidate ${candidates}/${longs.length}, found as a copy ${copies}/${longs.length}`);
}
