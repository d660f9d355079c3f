/**
 * Same output as another commit: tags every labeled set with this tree's tagger and with the
 * tagger of a git ref (default `main`), and lists every article whose result differs (issue 12,
 * tagspeed12: speed work must not change a decision or a signal).
 *
 *   npx tsx bench/tagging-same.ts            # against main
 *   npx tsx bench/tagging-same.ts 105a3fe    # against any commit
 *
 * The ref's `src/` and `config/` are unpacked with `git archive` under dist/same-<ref>/ (so its
 * modules resolve this tree's node_modules) and each tree tags with its own topic file. Every
 * article of tests/fixtures/tagging/*.jsonl and ../shared/corpus/tagging/dev.jsonl (when present)
 * is tagged twice: without a language (detected, as bench:tagging does) and with its labeled
 * language. Compared: relevant, score, signals, language and the features, as JSON.
 * Then the whole set is tagged once more in reverse order by both (word caches warm and full
 * of other articles' words). Prints counts and the first differences; exits 1 on any difference.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Explain = (a: { title: string | null; text: string; language?: string | null; publishedAt?: string }, t: unknown) => unknown;
interface Tagger {
  explainArticle: Explain;
  loadTopic: (id: string, dir?: string) => unknown;
}

const ref = process.argv[2] ?? 'main';
const TOPIC = 'armenia-azerbaijan-talks';
const dir = resolve('dist', `same-${ref.replace(/[^\w.-]/g, '_')}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// No shell: the ref is an argument of git, the archive goes to tar's stdin.
const archive = execFileSync('git', ['archive', '--', ref, 'src', 'config'], { maxBuffer: 1 << 30 });
execFileSync('tar', ['-x', '-C', dir], { input: archive });
const commit = execFileSync('git', ['rev-parse', '--short', ref], { encoding: 'utf8' }).trim();

const theirs = (await import(pathToFileURL(join(dir, 'src/tagging/index.ts')).href)) as Tagger;
const ours = (await import(pathToFileURL(resolve('src/tagging/index.ts')).href)) as Tagger;
const theirTopic = theirs.loadTopic(TOPIC, join(dir, 'config/topics'));
const ourTopic = ours.loadTopic(TOPIC, resolve('config/topics'));

const files = readdirSync('tests/fixtures/tagging').filter((f) => f.endsWith('.jsonl')).sort().map((f) => join('tests/fixtures/tagging', f));
if (existsSync('../shared/corpus/tagging/dev.jsonl')) files.push('../shared/corpus/tagging/dev.jsonl');
interface Item {
  file: string;
  id: string;
  title: string;
  text: string;
  lang?: string;
  publishedAt?: string;
}
const items: Item[] = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Partial<Item>)
    .filter((o) => typeof o.text === 'string')
    .map((o) => ({ file, id: String(o.id), title: o.title ?? '', text: o.text!, lang: o.lang, publishedAt: o.publishedAt })),
);

let compared = 0;
const diffs: string[] = [];
function compare(item: Item, language: string | null | undefined, pass: string): void {
  const a = JSON.stringify(theirs.explainArticle({ title: item.title, text: item.text, language, publishedAt: item.publishedAt }, theirTopic));
  const b = JSON.stringify(ours.explainArticle({ title: item.title, text: item.text, language, publishedAt: item.publishedAt }, ourTopic));
  compared++;
  if (a !== b) diffs.push(`${pass} ${item.file} ${item.id} (language ${language ?? 'detected'})\n  ${ref}: ${a}\n  this: ${b}`);
}
for (const it of items) compare(it, undefined, 'detected');
for (const it of items) compare(it, it.lang ?? null, 'given');
for (const it of [...items].reverse()) compare(it, undefined, 'reverse');

console.log(`${items.length} articles in ${files.length} sets, ${compared} taggings each: ${ref} (${commit}) and this tree`);
console.log(`different results: ${diffs.length}`);
for (const d of diffs.slice(0, 10)) console.log(d);
process.exit(diffs.length ? 1 : 0);
