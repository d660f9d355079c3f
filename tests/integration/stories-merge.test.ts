/**
 * Round 11: merging stories is safe across worker processes. Two real processes
 * (tests/helpers/stories-group-process.ts) group dev11's articles through the worker's Redis
 * state on one prefix, the second half at the same time; a merge is one log entry (`mg`) that
 * every replica redoes in log order. Afterwards the stories and copies of every article, with
 * aliases resolved, are exactly what the in-memory state of `news-ingest stories` gives when it
 * takes the articles in the log's order, and a third state replaying the log agrees.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { groupArticle, MemoryStoryState, RedisStoryState } from '../../src/stories/index.js';
import { storyInputOf } from '../../src/stories/stream.js';
import { loadTopic } from '../../src/tagging/index.js';
import { dropPrefix, REDIS_URL, uniquePrefix } from '../helpers/worker.js';

const FILE = 'tests/fixtures/stories/dev11.jsonl';
const topic = loadTopic('armenia-azerbaijan-talks');
const lines = readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim());
const inputOf = new Map(lines.map((l) => { const i = storyInputOf(JSON.parse(l), [topic]); return [i.id, i]; }));
const byTime = [...inputOf.values()].sort((a, b) => a.publishedAt! - b.publishedAt! || (a.id < b.id ? -1 : 1)).map((i) => i.id);

interface Line { id: string; storyId: string; duplicateOf: string | null; merged: string[] }

/** Runs one grouping process; resolves with its output lines. */
function groupInProcess(prefix: string, ids: string[]): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/stories-group-process.ts', REDIS_URL, prefix, FILE, ids.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Line)) : reject(new Error(`grouping process exited ${code}: ${err}`))));
  });
}

describe('merging stories across worker processes', () => {
  const redis = new Redis(REDIS_URL);
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const p of prefixes) await dropPrefix(p);
    await redis.quit();
  });

  it('two processes grouping at once merge as one in-memory state would in the log order', async () => {
    const prefix = uniquePrefix('stories-merge');
    prefixes.push(prefix);
    // first the reports of each party (the delimitation's Azerbaijani and Armenian clusters form), then the rest in two processes at once
    const first = byTime.filter((id) => /^d11-dlm-(az-1|hy-1|ru-hy)$/.test(id));
    const rest = byTime.filter((id) => !first.includes(id));
    const a = rest.filter((_, i) => i % 2 === 0);
    const b = rest.filter((_, i) => i % 2 === 1);
    await groupInProcess(prefix, first);
    const [outA, outB] = await Promise.all([groupInProcess(prefix, a), groupInProcess(prefix, b)]);
    expect(outA.length + outB.length).toBe(rest.length);

    // the log: every article once, in the order the lock let them through; at least one merge
    const entries = (await redis.xrange(`${prefix}:story:log`, '-', '+')).map(([, f]) => JSON.parse(f[1]) as { i: string; s: string; mg?: string[] });
    expect(entries.map((e) => e.i).sort()).toEqual([...byTime].sort());
    const merges = entries.filter((e) => e.mg);
    expect(merges.length).toBeGreaterThanOrEqual(1);
    expect(merges.flatMap((e) => e.mg)).toContain('s-d11-dlm-hy-1');

    // the in-memory state taking the articles in the log's order
    const mem = new MemoryStoryState();
    for (const e of entries) await groupArticle(inputOf.get(e.i)!, mem);
    // a third process's state, replaying the whole log
    const lateRedis = new Redis(REDIS_URL);
    const late = new RedisStoryState(lateRedis, prefix);
    const want: string[] = [];
    const got: string[] = [];
    for (const id of byTime) {
      const m = (await mem.assignment(id))!;
      want.push(`${id} ${m.storyId} ${m.duplicateOf}`);
      const r = await groupArticle(inputOf.get(id)!, late); // known: the stored assignment, aliases resolved
      expect(r.known).toBe(true);
      got.push(`${id} ${r.storyId} ${r.duplicateOf}`);
    }
    expect(got).toEqual(want);
    // the Azerbaijani and Armenian reports end in one story: the older one
    const story = (id: string) => got.find((l) => l.startsWith(`${id} `))!.split(' ')[1];
    expect(story('d11-dlm-hy-1')).toBe(story('d11-dlm-az-1'));
    expect(story('d11-dlm-az-1')).toBe('s-d11-dlm-az-1');
    // each merge was reported by the process that made it (the record carries `mergedStories`)
    const delivered = [...outA, ...outB].filter((l) => l.merged.length);
    expect(delivered.length).toBe(merges.length);
    await new Promise((r) => setTimeout(r, 50)); // the late state's lease is released
    await lateRedis.quit();
  }, 120_000);
});
