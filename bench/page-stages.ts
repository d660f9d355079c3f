/**
 * `npx tsx bench/page-stages.ts [--passes 5] [--limit N] [--built]`: where page→record spends its
 * time, stage by stage, in one thread, over every page of ../shared/corpus/extraction (the pages
 * bench:pipeline serves; `NEWS_INGEST_SHARED_DIR` or ../shared). Issue 17 round 14 (cost14).
 *
 * Each page goes through the stages `pageToRecord` runs (src/pipeline/page.ts), called one by one
 * with their own CPU clock (`process.cpuUsage()` around each stage): sniff, decode (+ AMP ad strip), extract, the wall check (`wallOf`),
 * tagging (every topic), `buildRecord` (normalizing, hashes, URLs), and the thread transfer's
 * serialization (`v8.serialize` of the record, what `postMessage` does). Then the whole
 * `pageToRecord` call on the same page, so the sum of the stages can be held against it. One
 * untimed warm-up pass, then `--passes` timed passes; each stage's figure is the **median** over
 * passes of its mean CPU ms per page (the process's user + system time: on a loaded machine wall
 * time is mostly waiting for a core; GC done by V8's helper threads counts where it happens). Prints the figures, the load average and the command.
 *
 * `--built` runs against the compiled dist/ (after `npx tsc -p tsconfig.json`), as
 * bench:pipeline `--built` does; without it the sources are run through tsx.
 */
import { serialize } from 'node:v8';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpusPages } from './lib/corpus-pages.js';

const { values: args } = parseArgs({
  options: { passes: { type: 'string', default: '5' }, limit: { type: 'string' }, built: { type: 'boolean', default: false }, topic: { type: 'string', default: 'armenia-azerbaijan-talks' } },
});
const root = args.built ? '../dist/src' : '../src';
const load = async <T>(p: string): Promise<T> => (await import(`${root}/${p}${args.built ? '.js' : '.ts'}`)) as T;

type PageMod = typeof import('../src/pipeline/page.js');
const page = await load<PageMod>('pipeline/page');
const { decodeBody } = await load<typeof import('../src/http/charset.js')>('http/charset');
const { extractArticle } = await load<typeof import('../src/extract/index.js')>('extract/index');
const { buildRecord } = await load<typeof import('../src/normalize/record.js')>('normalize/record');
const { wallOf } = await load<typeof import('../src/pipeline/walls.js')>('pipeline/walls');
const { stripAmpAds } = await load<typeof import('../src/pipeline/amp.js')>('pipeline/amp');
const { loadTopic } = await load<typeof import('../src/tagging/index.js')>('tagging/index');

const sharedDir = resolve(process.env.NEWS_INGEST_SHARED_DIR ?? '../shared');
const corpus = loadCorpusPages(sharedDir, args.limit ? Number(args.limit) : Infinity);
const topics = [loadTopic(args.topic!)];
const STAGES = ['sniff', 'decode', 'extract', 'wall', 'tag', 'buildRecord', 'serialize', 'pageToRecord'] as const;
type Stage = (typeof STAGES)[number];

/** CPU time of the process (user + system), ms: this thread's work plus V8's helper threads (concurrent GC). */
const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function pass(): { ms: Record<Stage, number>; cpuMs: number; failed: number } {
  const ms = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  let failed = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < corpus.length; i++) {
    const url = `http://127.0.0.1/a/${i}.html`;
    const body = corpus[i]!.body;
    const fetchedAt = new Date(Date.UTC(2026, 11, 7));
    let t = cpuMs();
    const lap = (s: Stage): void => {
      const n = cpuMs();
      ms[s] += n - t;
      t = n;
    };
    page.assertNotBinary(body, url);
    lap('sniff');
    const html = stripAmpAds(decodeBody(body, 'text/html', 'html').text);
    lap('decode');
    const ex = extractArticle(html, url, { layoutDate: fetchedAt });
    lap('extract');
    const wall = wallOf(html, url, ex);
    lap('wall');
    const title = ex.title;
    if (!wall && (ex.text || title)) {
      const tagged = page.tagWithTopics(topics, title, ex.text, ex.language);
      lap('tag');
      const rec = buildRecord({ url, finalUrl: url, extracted: { ...ex, language: tagged.language }, topics: tagged.topics, fetchedAt });
      lap('buildRecord');
      serialize(rec);
      lap('serialize');
    }
    try {
      page.pageToRecord({ body, contentType: 'text/html', url, finalUrl: url, fetchedAt }, topics);
    } catch {
      failed++;
    }
    lap('pageToRecord');
  }
  const c = process.cpuUsage(c0);
  for (const s of STAGES) ms[s] /= corpus.length;
  return { ms, cpuMs: (c.user + c.system) / 1000 / corpus.length, failed };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

const la0 = loadavg()[0]!;
pass(); // warm-up (JIT)
const passes = Array.from({ length: Math.max(1, Number(args.passes)) }, pass);
const la1 = loadavg()[0]!;
console.log(`page→record by stage over ${corpus.length} corpus pages, ${passes.length} passes after a warm-up (median pass per stage, CPU ms per page: user + system of the process)`);
const sum = STAGES.slice(0, -1).reduce((a, s) => a + median(passes.map((p) => p.ms[s])), 0);
for (const s of STAGES) {
  const m = median(passes.map((p) => p.ms[s]));
  const all = passes.map((p) => p.ms[s].toFixed(3)).join(' ');
  console.log(`  ${s.padEnd(13)} ${m.toFixed(3).padStart(7)} ms  (${s === 'pageToRecord' ? 'the whole call' : `${((100 * m) / sum).toFixed(1)} % of the stages`}; passes ${all})`);
}
console.log(`  ${'sum of stages'.padEnd(13)} ${sum.toFixed(3).padStart(7)} ms (serialize is outside pageToRecord)`);
console.log(`  process CPU per page (all stages + pageToRecord): median ${median(passes.map((p) => p.cpuMs)).toFixed(3)} ms; pages failed by pageToRecord: ${passes[0]!.failed}`);
console.log(`  load average ${la0.toFixed(2)} → ${la1.toFixed(2)}; node ${process.version}`);
console.log(`  command: NEWS_INGEST_SHARED_DIR=${sharedDir} npx tsx bench/page-stages.ts --passes ${passes.length}${args.limit ? ` --limit ${args.limit}` : ''}${args.built ? ' --built' : ''}`);
