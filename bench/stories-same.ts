/**
 * Same grouping as another commit: runs `news-ingest stories`' grouping (`groupLines`, the
 * in-memory state the CLI uses) of this tree and of a git ref (default `main`) over every labeled
 * set, and lists every line `{id, storyId, duplicateOf}` that differs (issue 15, storycost13:
 * cost work must not change a decision).
 *
 *   npx tsx bench/stories-same.ts            # against main
 *   npx tsx bench/stories-same.ts 48c2c3a    # against any commit
 *   npx tsx bench/stories-same.ts main --records /tmp/recs-102000x250.jsonl --count 22000
 *       # also the first 22,000 records of a `bench:stories --records-cache` file, grouped by
 *       # `groupRecord` in memory (full story profiles, long key lists: what the sets are too small for)
 *
 * The ref's `src/` and `config/` are unpacked with `git archive` under dist/same-stories-<ref>/
 * (its modules resolve this tree's node_modules), and each tree tags with its own topic file.
 * Passes: each set of tests/fixtures/stories/*.jsonl alone; then all sets as one stream (ids
 * prefixed with the set's name), so that every article meets the other sets' stories and
 * fingerprints (a larger state, more candidates per article, the name and fold caches full).
 * Prints counts and the first differences; exits 1 on any difference.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

type Line = { id: string; storyId: string; duplicateOf: string | null } | { line: number; error: string };
interface Grouper {
  groupLines: (lines: Iterable<string>, topics: readonly unknown[]) => Promise<{ out: Line[] }>;
}
interface RecordGrouper {
  groupRecord: (r: unknown, state: unknown) => Promise<{ record: { storyId?: string; duplicateOf?: string | null; mergedStories?: string[] } }>;
  MemoryStoryState: new () => unknown;
}
interface Tagging {
  loadTopic: (id: string, dir?: string) => unknown;
}

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { records: { type: 'string' }, count: { type: 'string', default: '22000' } } });
const ref = positionals[0] ?? 'main';
const TOPIC = 'armenia-azerbaijan-talks';
const dir = resolve('dist', `same-stories-${ref.replace(/[^\w.-]/g, '_')}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// No shell: the ref is an argument of git, the archive goes to tar's stdin.
const archive = execFileSync('git', ['archive', '--', ref, 'src', 'config'], { maxBuffer: 1 << 30 });
execFileSync('tar', ['-x', '-C', dir], { input: archive });
const commit = execFileSync('git', ['rev-parse', '--short', ref], { encoding: 'utf8' }).trim();

const theirs = (await import(pathToFileURL(join(dir, 'src/stories/stream.ts')).href)) as Grouper;
const ours = (await import(pathToFileURL(resolve('src/stories/stream.ts')).href)) as Grouper;
const theirTopic = ((await import(pathToFileURL(join(dir, 'src/tagging/index.ts')).href)) as Tagging).loadTopic(TOPIC, join(dir, 'config/topics'));
const ourTopic = ((await import(pathToFileURL(resolve('src/tagging/index.ts')).href)) as Tagging).loadTopic(TOPIC, resolve('config/topics'));

const files = readdirSync('tests/fixtures/stories').filter((f) => f.endsWith('.jsonl')).sort().map((f) => join('tests/fixtures/stories', f));
const lines = new Map(files.map((f) => [f, readFileSync(f, 'utf8').split('\n').filter((l) => l.trim())]));

let compared = 0;
let copies = 0;
const diffs: string[] = [];
async function compare(pass: string, input: string[]): Promise<void> {
  const a = (await theirs.groupLines(input, [theirTopic])).out;
  const b = (await ours.groupLines(input, [ourTopic])).out;
  if (a.length !== b.length) diffs.push(`${pass}: ${a.length} lines (${ref}) vs ${b.length} (this tree)`);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    compared++;
    const l = b[i];
    if ('duplicateOf' in l && l.duplicateOf) copies++;
    const x = JSON.stringify(a[i]);
    const y = JSON.stringify(b[i]);
    if (x !== y) diffs.push(`${pass} line ${i + 1}\n  ${ref}: ${x}\n  this: ${y}`);
  }
}
for (const f of files) await compare(basename(f), lines.get(f)!);
// all sets in one stream: ids made unique by the set's name
const all = files.flatMap((f) => lines.get(f)!.map((l) => {
  const o = JSON.parse(l) as { id: unknown };
  return JSON.stringify({ ...o, id: `${basename(f, '.jsonl')}/${String(o.id)}` });
}));
await compare('all sets together', all);

// generated records (bench/stories.ts), through the worker's entry (`groupRecord`) with an in-memory state
let generated = 0;
if (args.records) {
  const lines = readFileSync(args.records, 'utf8').split('\n', Number(args.count)).filter(Boolean);
  const a = (await import(pathToFileURL(join(dir, 'src/stories/index.ts')).href)) as RecordGrouper;
  const b = (await import(pathToFileURL(resolve('src/stories/index.ts')).href)) as RecordGrouper;
  const sa = new a.MemoryStoryState();
  const sb = new b.MemoryStoryState();
  for (const [i, l] of lines.entries()) {
    const x = (await a.groupRecord(JSON.parse(l), sa)).record;
    const y = (await b.groupRecord(JSON.parse(l), sb)).record;
    const kx = JSON.stringify([x.storyId, x.duplicateOf, x.mergedStories]);
    const ky = JSON.stringify([y.storyId, y.duplicateOf, y.mergedStories]);
    generated++;
    if (y.duplicateOf) copies++;
    if (kx !== ky) diffs.push(`generated record ${i + 1}\n  ${ref}: ${kx}\n  this: ${ky}`);
  }
}

console.log(`${files.length} sets (${all.length} articles), alone and together: ${compared} lines compared${generated ? `, and ${generated} generated records` : ''}, ${copies} copies; ${ref} (${commit}) and this tree`);
console.log(`different lines: ${diffs.length}`);
for (const d of diffs.slice(0, 10)) console.log(d);
process.exit(diffs.length ? 1 : 0);
