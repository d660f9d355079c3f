/**
 * Evaluates copy and story grouping on a labeled set (JSON Lines {id, title, text, language,
 * publishedAt, source, story, copy}; tests/fixtures/stories/dev.jsonl by default) through the
 * same code as `news-ingest stories`: pairwise and B-cubed precision/recall for copies
 * (predicted group = duplicateOf or the id itself) and for stories (storyId).
 *
 *   npm run eval:stories                                              # dev set (tuned on)
 *   npm run eval:stories -- tests/fixtures/stories/heldout.jsonl      # held-out set
 *   npm run eval:stories -- tests/fixtures/stories/held4.jsonl        # round 4 held-out set (88, 14 stories, 8 languages; not for tuning)
 *   npm run eval:stories -- FILE --verbose                            # plus every wrong pair
 *   npm run eval:stories -- FILE --no-dates                           # without publishedAt: content only
 *
 * Prints figures; not a test.
 */
import { readFileSync } from 'node:fs';
import { loadTopic } from '../src/tagging/index.js';
import { bcubed, pairwise } from '../src/stories/metrics.js';
import { groupLines } from '../src/stories/stream.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const file = args.find((a) => !a.startsWith('--')) ?? 'tests/fixtures/stories/dev.jsonl';
const noDates = args.includes('--no-dates');
// --no-dates: drop publishedAt, so only the text and signals can tell events apart (a stress test of content, not time)
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (noDates ? JSON.stringify({ ...JSON.parse(l), publishedAt: undefined }) : l));
const gold = lines.map((l) => JSON.parse(l) as { id: string; story: string; copy: string; language: string; title: string });
const topic = loadTopic('armenia-azerbaijan-talks');
const { out } = await groupLines(lines, [topic]);
const predStory = new Map<string, string>();
const predCopy = new Map<string, string>();
for (const o of out) {
  if ('error' in o) throw new Error(`line ${o.line}: ${o.error}`);
  predStory.set(o.id, o.storyId);
  predCopy.set(o.id, o.duplicateOf ?? o.id);
}
const goldStory = new Map(gold.map((g) => [g.id, g.story]));
const goldCopy = new Map(gold.map((g) => [g.id, g.copy]));
const f = (x: number) => x.toFixed(3);
const row = (name: string, g: Map<string, string>, p: Map<string, string>) => {
  const pw = pairwise(g, p);
  const b3 = bcubed(g, p);
  console.log(`${name.padEnd(8)} pairwise P ${f(pw.precision)} R ${f(pw.recall)} F1 ${f(pw.f1)} (gold pairs ${pw.goldPairs}, predicted ${pw.predPairs}, right ${pw.both})   B-cubed P ${f(b3.precision)} R ${f(b3.recall)} F1 ${f(b3.f1)}`);
};
console.log(`${file}: ${gold.length} articles, ${new Set(goldStory.values()).size} gold stories, ${new Set(predStory.values()).size} predicted; ${new Set(goldCopy.values()).size} gold copy groups, ${new Set(predCopy.values()).size} predicted`);
row('copies', goldCopy, predCopy);
row('stories', goldStory, predStory);
const langs = [...new Set(gold.map((g) => g.language))];
const cross = { g: 0, both: 0 };
for (let i = 0; i < gold.length; i++) for (let j = i + 1; j < gold.length; j++) {
  const a = gold[i], b = gold[j];
  if (a.language === b.language || a.story !== b.story) continue;
  cross.g++;
  if (predStory.get(a.id) === predStory.get(b.id)) cross.both++;
}
console.log(`cross-language story pairs (${langs.join(', ')}): recall ${f(cross.g ? cross.both / cross.g : 1)} (${cross.both}/${cross.g})`);
if (verbose) {
  for (let i = 0; i < gold.length; i++) for (let j = i + 1; j < gold.length; j++) {
    const a = gold[i], b = gold[j];
    const gs = a.story === b.story, ps = predStory.get(a.id) === predStory.get(b.id);
    const gc = a.copy === b.copy, pc = predCopy.get(a.id) === predCopy.get(b.id);
    if (gs !== ps) console.log(`story ${gs ? 'MISSED' : 'WRONG '} ${a.id} (${predStory.get(a.id)}) ~ ${b.id} (${predStory.get(b.id)})`);
    if (gc !== pc) console.log(`copy  ${gc ? 'MISSED' : 'WRONG '} ${a.id} ~ ${b.id}`);
  }
}
