/**
 * Cost of copies and stories, and of search, at 100,000 stored records.
 *
 *   npm run bench:stories                                  # 100,000 records, 2,000 measured
 *   npm run bench:stories -- --records 20000 --measure 1000 --skip-search
 *   npm run bench:stories -- --skip-grouping                # search only
 *   npm run bench:stories -- --skip-search --memory         # grouping, also with the in-memory state
 *   npm run bench:stories -- --skip-grouping --keep-table   # keeps the PostgreSQL table (for EXPLAIN; drop it by hand)
 *   npm run bench:stories -- --skip-grouping --table bench_stories_123   # searches a kept table again (after a migration)
 *   npm run bench:stories -- --skip-search --cpu-prof /tmp/p   # CPU profiles of the measured grouping
 *   npm run bench:stories -- --skip-search --records-cache /tmp/recs   # generated records kept in a file for the next run
 *
 * 1. Grouping: `--records` synthetic articles (four languages, texts drawn from the labeled
 *    sets' vocabulary with random names, numbers and dates, spread over three years, tagged
 *    beforehand) are grouped through the worker's path (`groupRecord` with the Redis state, on
 *    a private redis-server); then `--measure` more are grouped and timed: CPU of this process
 *    per article (process.cpuUsage: features, scoring, the ioredis client), the Redis server's
 *    CPU per article (INFO cpu), wall time; and the same with the in-memory state.
 * 2. Search: the same records in a PostgreSQL table (migration 15 indexes) and a JSONL file;
 *    each query run once to warm up (JSONL: reads the file and indexes words), then timed:
 *    5 runs on PostgreSQL, 1 on JSONL; median and max latency per backend.
 * Prints figures; not a test.
 */
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import { tagWithTopics } from '../src/pipeline/page.js';
import { PostgresSink } from '../src/sinks/postgres.js';
import { JsonlRecordStore, PostgresRecordStore, type RecordStore } from '../src/search/store.js';
import type { SearchQuery } from '../src/search/query.js';
import { groupRecord, MemoryStoryState, RedisStoryState, StoryLockLost, type StoryState } from '../src/stories/index.js';
import { loadTopic } from '../src/tagging/index.js';
import type { ArticleRecord } from '../src/types.js';
import { readLabeled } from '../tests/helpers/stories-site.js';
import { commandTimes, commandTimesText, redisCpuMs, startOwnRedis } from './lib/redis-stats.js';
import { seededRandom } from '../tests/helpers/random.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    measure: { type: 'string', default: '2000' },
    words: { type: 'string', default: '250' },
    'skip-search': { type: 'boolean', default: false },
    'skip-grouping': { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    /** keep the PostgreSQL table afterwards (for EXPLAIN); drop it by hand */
    'keep-table': { type: 'boolean', default: false },
    /** write a V8 CPU profile of each measured phase to <prefix>-<state>.cpuprofile (open in Chrome DevTools) */
    'cpu-prof': { type: 'string' },
    /** JSON Lines file of the generated records: read when it exists, else written (skips the tagging of every run; delete it when the tagger changes) */
    'records-cache': { type: 'string' },
    /** search only: an existing table kept by --keep-table (its migrations are run; no JSONL, no loading, no generation) */
    table: { type: 'string' },
    'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const N = Number(args.records);
const M = Number(args.measure);
const WORDS = Number(args.words);

const rnd = seededRandom(42); // deterministic pseudo-random numbers
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];

const labeled = [...readLabeled('tests/fixtures/stories/dev.jsonl'), ...readLabeled('tests/fixtures/stories/heldout.jsonl')].filter((a) => a.copy === a.id);
const vocab = new Map<string, string[]>();
const titles = new Map<string, string[]>();
for (const a of labeled) {
  vocab.set(a.language, [...(vocab.get(a.language) ?? []), ...a.text.split(/\s+/)]);
  titles.set(a.language, [...(titles.get(a.language) ?? []), a.title]);
}
const langs = [...vocab.keys()];
const topic = loadTopic('armenia-azerbaijan-talks');
const start = Date.parse('2023-01-01T00:00:00Z');
const span = 3 * 365 * 86_400_000;
const DAY = 86_400_000;
/** Time of the newest stored record (the searches' "now" for --since windows). */
const end = start + Math.floor((N / (N + M)) * span);

/** The i-th synthetic record: random words of one language, a random number and date, tagged. */
function synthetic(i: number): ArticleRecord {
  const language = pick(langs);
  const v = vocab.get(language)!;
  const words: string[] = [];
  for (let k = 0; k < WORDS; k++) words.push(pick(v));
  words.splice(Math.floor(rnd() * WORDS), 0, String(Math.floor(rnd() * 5000)), String(1 + Math.floor(rnd() * 28)));
  const paras: string[] = [];
  for (let k = 0; k < words.length; k += 60) paras.push(words.slice(k, k + 60).join(' '));
  const text = paras.join('\n\n');
  const title = `${pick(titles.get(language)!)} ${i}`;
  const t = new Date(start + Math.floor((i / (N + M)) * span) + Math.floor(rnd() * 3_600_000)).toISOString();
  const tagged = tagWithTopics([topic], title, text, language);
  const id = (i.toString(16).padStart(8, '0') + '0'.repeat(24)).slice(0, 32);
  return {
    schemaVersion: 1, id, url: `https://site${i % 40}.example/a/${i}`, canonicalUrl: `https://site${i % 40}.example/a/${i}`,
    feed: { id: `feed-${i % 40}`, url: `https://site${i % 40}.example/rss`, title: null }, source: { name: `Site ${i % 40}`, domain: `site${i % 40}.example` },
    title, authors: [], publishedAt: t, modifiedAt: null, fetchedAt: t, language, summary: null, text, wordCount: words.length,
    contentHash: id.padEnd(64, '0'), topics: tagged.topics,
  };
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fmt = (x: number, d = 3) => x.toFixed(d);

console.log(`generating ${N + M} synthetic records (${WORDS} words, ${langs.join('/')}), tagged…`);
const t0 = Date.now();
/**
 * The generated records as JSON text, and the grouping's answers apart: the worker holds one
 * record at a time, and 102,000 record objects kept here were most of a 1.5 GiB heap that the
 * garbage collector walked during the measured grouping (text is one object per record).
 */
const records: string[] = [];
const grouped: { storyId: string; duplicateOf: string | null }[] = [];
const cache = args['records-cache'] ? `${args['records-cache']}-${N + M}x${WORDS}.jsonl` : null;
if (args.table) {
  // searching a kept table: nothing to generate
} else if (cache && existsSync(cache)) {
  for (const line of readFileSync(cache, 'utf8').split('\n')) if (line) records.push(line); // the generator is used only here
} else {
  for (let i = 0; i < N + M; i++) records.push(JSON.stringify(synthetic(i)));
  if (cache) writeFileSync(cache, `${records.join('\n')}\n`);
}
/** The i-th generated record, with its grouping when it has one. */
const recordAt = (i: number): ArticleRecord => ({ ...(JSON.parse(records[i]) as ArticleRecord), ...grouped[i] });
console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

/** Groups one record; a lost lock (a process starved past the lock's TTL on a loaded machine) is retried, as the worker retries the job. */
let lockRetries = 0;
async function group(r: ArticleRecord, state: StoryState) {
  for (;;) {
    try {
      return await groupRecord(r, state);
    } catch (err) {
      if (!(err instanceof StoryLockLost) || ++lockRetries > 100) throw err;
    }
  }
}

async function fill(state: StoryState, label: string, redis?: Redis): Promise<void> {
  const t = Date.now();
  let c = cpu();
  let r = redis ? await redisCpuMs(redis) : 0;
  let parsing = 0; // CPU spent parsing the bench's own JSON text: not counted
  for (let i = 0; i < N; i++) {
    const p0 = cpu();
    const rec = recordAt(i);
    parsing += cpu() - p0;
    const g = await group(rec, state);
    grouped[i] = { storyId: g.record.storyId!, duplicateOf: g.record.duplicateOf ?? null };
    if ((i + 1) % 25_000 === 0) {
      const c2 = cpu() - parsing;
      parsing = 0;
      const r2 = redis ? await redisCpuMs(redis) : 0;
      console.log(`  ${label}: ${i + 1} stored, last 25,000 at ${fmt((c2 - c) / 25_000)} ms CPU per article in this process${redis ? ` + ${fmt((r2 - r) / 25_000)} ms in redis-server = ${fmt((c2 - c + r2 - r) / 25_000)} ms` : ''}`);
      c = c2;
      r = r2;
    }
  }
  console.log(`  ${label}: ${N} records grouped in ${((Date.now() - t) / 1000).toFixed(1)} s; heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB (the state's replica, and the ${N + M} generated records as JSON text); ${lockRetries} lost locks retried`);
}

async function measure(state: StoryState, label: string, redis?: Redis): Promise<void> {
  const session = args['cpu-prof'] ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  // each record is parsed just before it is grouped, as in the fill (the worker builds one record
  // at a time), and the parsing's CPU and wall time are left out. Records parsed ahead and held
  // made the window slower than the fill (5,000 after 20,000: 0.73 vs 0.69 ms CPU, 1.59 vs
  // 1.07 ms wall; docs/stories.md, round 4)
  // garbage collections in the window (main-thread pause, ms): with a large replica one major
  // collection is a visible share of a 2,000-article window
  const gc = { minor: 0, major: 0, majorMs: 0, ms: 0 };
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      gc.ms += e.duration;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.major++;
        gc.majorMs += e.duration;
      } else gc.minor++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  const cmd0 = redis ? await commandTimes(redis) : null;
  const r0 = redis ? await redisCpuMs(redis) : 0;
  const c0 = cpu();
  const sys0 = process.cpuUsage().system;
  const w0 = performance.now();
  let copies = 0;
  let parsingCpu = 0;
  let parsingWall = 0;
  for (let i = N; i < N + M; i++) {
    const p0 = cpu();
    const pw = performance.now();
    const rec = recordAt(i);
    parsingWall += performance.now() - pw;
    parsingCpu += cpu() - p0;
    const g = await group(rec, state);
    if (g.record.duplicateOf) copies++;
  }
  const wall = performance.now() - w0 - parsingWall;
  const c = cpu() - c0 - parsingCpu;
  const sys = (process.cpuUsage().system - sys0) / 1000; // kernel time of this process (socket writes and reads): part of `c`
  const r = redis ? (await redisCpuMs(redis)) - r0 : 0;
  const cmd1 = redis ? await commandTimes(redis) : null;
  await new Promise((res) => setImmediate(res)); // the observer's last entries
  obs.disconnect();
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    const file = `${args['cpu-prof']}-${label.trim().split(' ')[0]}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  cpu profile: ${file}`);
  }
  // counted: CPU of this process (user + system: features, scoring, the replica, the ioredis
  // client and its socket writes) and of the private redis-server (INFO cpu), per article
  console.log(`${label}: ${M} articles after ${N} stored: ${fmt(c / M)} ms CPU per article in this process (${fmt(sys / M)} of it in the kernel)${redis ? ` + ${fmt(r / M)} ms in redis-server = ${fmt((c + r) / M)} ms in all` : ''}, ${fmt(wall / M)} ms wall; ${copies} copies found; heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB; garbage collection pauses ${fmt(gc.ms, 0)} ms (${gc.major} major: ${fmt(gc.majorMs, 0)} ms; ${gc.minor} other); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  // per article: calls and server µs of each command (INFO commandstats; a script's own commands are counted under their names as well as in its evalsha)
  if (cmd0 && cmd1) console.log(`  redis-server per article (INFO commandstats): ${commandTimesText(cmd0, cmd1, M)}`);
}

// 1. grouping
if (!args['skip-grouping']) {
const own = await startOwnRedis();
const redis = new Redis(own.url);
try {
  console.log(`grouping through the worker's path (Redis state, private redis-server ${own.url})`);
  const rs = new RedisStoryState(redis, 'bench');
  await fill(rs, 'redis', redis);
  await measure(rs, 'redis state ', redis);
  const keys = await redis.dbsize();
  const mem = /^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1];
  console.log(`  redis: ${keys} keys, ${(Number(mem) / 1048576).toFixed(1)} MiB`);
  if (args.memory) {
    console.log('grouping with the in-memory state (news-ingest stories)');
    const ms = new MemoryStoryState();
    for (let i = 0; i < N; i++) await groupRecord(recordAt(i), ms);
    await measure(ms, 'memory state');
  }
} finally {
  await redis.quit();
  await own.stop();
}
}

// 2. search
if (!args['skip-search']) {
  const reuse = args.table ?? null;
  const table = reuse ?? `bench_stories_${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-stories-'));
  const jsonl = join(dir, 'articles.jsonl');
  const sink = new PostgresSink({ url: args['pg-url'], table, only: 'all' });
  const admin = new pg.Client(args['pg-url']);
  await admin.connect();
  try {
    const t = Date.now();
    await sink.init(); // migrations (a reused table gets the new ones)
    if (reuse) {
      await admin.query(`ANALYZE "${table}"`);
      console.log(`search: reusing PostgreSQL table ${table} (${(await admin.query(`SELECT count(*) FROM "${table}"`)).rows[0].count} records; no JSONL)`);
    } else {
    console.log(`search: loading ${N} records into PostgreSQL table ${table} and ${jsonl}`);
    const out = createWriteStream(jsonl);
    // bulk load (the sink's one-row upsert is what the worker uses; here speed of loading does not matter)
    for (let i = 0; i < N; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, N - i) }, (_, k) => recordAt(i + k));
      await admin.query(
        `INSERT INTO "${table}" (id, canonical_url, url, feed_id, source_domain, source_name, title, language, published_at, fetched_at,
           relevant, actors, content_hash, word_count, record)
         SELECT r->>'id', r->>'canonicalUrl', r->>'url', r->'feed'->>'id', r->'source'->>'domain', r->'source'->>'name', r->>'title', r->>'language',
           (r->>'publishedAt')::timestamptz, (r->>'fetchedAt')::timestamptz, jsonb_path_exists(r, '$.topics[*] ? (@.relevant == true)'),
           ARRAY(SELECT DISTINCT jsonb_array_elements_text(jsonb_path_query_array(r, '$.topics[*].signals.actors[*]'))), r->>'contentHash', (r->>'wordCount')::int, r
         FROM jsonb_array_elements($1::jsonb) AS r`,
        [JSON.stringify(batch)],
      );
      for (const r of batch) out.write(`${JSON.stringify(r)}\n`);
    }
    await new Promise<void>((r) => out.end(r));
    await admin.query(`ANALYZE "${table}"`);
    }
    console.log(`  loaded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const queries: SearchQuery[] = [
      { text: 'Mirzoyan' },
      { text: 'Мирзоян', language: 'ru' },
      { text: 'Միրզոյան' },
      { text: 'Bayramov sülh', language: 'az' },
      { text: 'peace treaty', since: Date.parse('2025-06-01'), until: Date.parse('2025-09-01') },
      { text: '', actor: 'Ararat Mirzoyan', since: Date.parse('2025-11-01') },
      { text: 'talks', place: 'Almaty', relevant: true },
      { text: 'Nurtleu Almaty' },
      // more forms: recent windows (--since 7d / 30d from the newest record), filters alone and combined, several languages
      { text: 'Mirzoyan', since: end - 7 * DAY },
      { text: 'Мирзоян Байрамов', since: end - 30 * DAY, language: 'ru' },
      { text: '', place: 'Washington' },
      { text: '', place: 'Almaty', since: end - 30 * DAY },
      { text: 'Bayramov', actor: 'Ararat Mirzoyan' },
      { text: 'Միրզոյան', language: 'hy', relevant: true },
      { text: 'peace', actor: 'Ararat Mirzoyan', place: 'Washington', since: end - 365 * DAY },
      { text: 'xyzzyq' },
      { text: 'treaty', until: start + 30 * DAY },
    ];
    const stores: [string, RecordStore][] = [['postgres', PostgresRecordStore.open(args['pg-url'], table)]];
    if (!reuse) stores.push(['jsonl', new JsonlRecordStore(jsonl)]);
    for (const [name, store] of stores) {
      const times: number[] = [];
      for (const [qi, q] of queries.entries()) {
        const w0 = performance.now();
        await store.search(q); // warm-up (JSONL: reads and indexes the file once)
        if (qi === 0) console.log(`  ${name.padEnd(8)} first search (JSONL: reads the file and builds its index): ${fmt((performance.now() - w0) / 1000, 1)} s`);
        const ts: number[] = [];
        let hits = 0;
        const runs = name === 'jsonl' ? 1 : 5;
        for (let k = 0; k < runs; k++) {
          const a = performance.now();
          hits = (await store.search(q)).length;
          ts.push(performance.now() - a);
        }
        ts.sort((a, b) => a - b);
        const med = ts[Math.floor(ts.length / 2)];
        times.push(med);
        console.log(`  ${name.padEnd(8)} ${JSON.stringify({ ...q, since: q.since ? new Date(q.since).toISOString().slice(0, 10) : undefined, until: q.until ? new Date(q.until).toISOString().slice(0, 10) : undefined })}: median ${fmt(med, 1)} ms, max ${fmt(ts[ts.length - 1], 1)} ms of ${runs}, ${hits} hits`);
      }
      const slowest = times.indexOf(Math.max(...times));
      const sorted = [...times].sort((a, b) => a - b);
      console.log(`${name}: search over ${N} records, median of the query medians ${fmt(sorted[Math.floor(sorted.length / 2)], 1)} ms, slowest ${fmt(sorted[sorted.length - 1], 1)} ms: ${JSON.stringify(queries[slowest])}`);
      if (store instanceof PostgresRecordStore) {
        console.log('  plan of the slowest query (EXPLAIN ANALYZE, BUFFERS):');
        for (const line of await store.explain(queries[slowest])) console.log(`    ${line}`);
      }
      await store.close();
    }
  } finally {
    await sink.close();
    if (args['keep-table'] || reuse) console.log(`  kept table ${table}`);
    else await admin.query(`DROP TABLE IF EXISTS "${table}", "${table}_migrations", "${table}_revisions"`);
    if (!args['keep-table'] && !reuse) await admin.query(`DROP FUNCTION IF EXISTS ${table}_fold(text), ${table}_text_array(jsonb), ${table}_keep_revision() CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
