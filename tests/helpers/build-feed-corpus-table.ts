/**
 * Builds tests/fixtures/feed-corpus-table.json: for each of the 360 files in
 * ../shared/corpus/feeds, what readFeed gives (outcome, item count, skips by reason, first
 * item's title/link/date), next to the MANIFEST's independent item count. Rows where the
 * two counts disagree (after the skips) are listed at the end for review by hand.
 *
 * The table is an oracle only after it is checked: docs/feeds.md ("Corpus table") says
 * how it was checked. A row keeps its `checked` note when the table is rebuilt.
 *
 *   npx tsx tests/helpers/build-feed-corpus-table.ts          # rebuild, print disagreements
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasShared, manifestRows, readCorpusFile, repoRoot, type CorpusOutcome } from './feed-corpus.js';

const out = path.join(repoRoot, 'tests/fixtures/feed-corpus-table.json');

interface Row extends CorpusOutcome {
  file: string;
  manifest: { format: string; items: number | null; nolink: number };
  checked?: string;
}

if (!hasShared) {
  console.error('../shared/corpus/feeds is absent: nothing to build');
  process.exit(1);
}
const previous = new Map<string, Row>();
if (existsSync(out)) for (const r of JSON.parse(readFileSync(out, 'utf8')).rows as Row[]) previous.set(r.file, r);

const rows: Row[] = [];
const disagreements: string[] = [];
for (const m of manifestRows()) {
  const got = await readCorpusFile(m.file);
  const row: Row = { file: m.file, manifest: { format: m.format, items: m.items, nolink: m.nolink }, ...got };
  const checked = previous.get(m.file)?.checked;
  if (checked) row.checked = checked;
  rows.push(row);
  const skippedTotal = Object.values(got.skipped ?? {}).reduce((a, b) => a + b, 0);
  const isFeed = m.items !== null;
  if (isFeed && got.outcome !== 'ok') disagreements.push(`${m.file}: MANIFEST ${m.format} ${m.items} items, got ${got.outcome}`);
  else if (!isFeed && got.outcome === 'ok') disagreements.push(`${m.file}: MANIFEST ${m.format} (no items), got ok with ${got.items}`);
  else if (isFeed && got.items !== undefined && got.items + skippedTotal !== m.items) {
    disagreements.push(`${m.file}: MANIFEST ${m.items} items, got ${got.items} + ${skippedTotal} skipped`);
  }
}
writeFileSync(out, JSON.stringify({ note: 'Built by tests/helpers/build-feed-corpus-table.ts; checked by hand as described in docs/feeds.md', fetchedAt: '2100-01-01T00:00:00Z', rows }, null, 1) + '\n');
const count = (o: string) => rows.filter((r) => r.outcome === o).length;
console.log(`${rows.length} files: ok ${count('ok')}, not-a-feed ${count('not-a-feed')}, invalid-feed ${count('invalid-feed')}, internal-error ${count('internal-error')}`);
console.log(`${disagreements.length} disagreements with MANIFEST item counts:`);
for (const d of disagreements) console.log(`  ${d}`);
