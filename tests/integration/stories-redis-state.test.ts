/**
 * The worker's Redis state groups exactly as the in-memory state of `news-ingest stories`:
 * both labeled sets grouped through each, in the same order, give the same story and copy
 * of every article (the Redis lookup script filters fingerprints and ranks stories itself).
 * Also: every key lives under `<prefix>:story:`, so a `{hash-tag}` prefix keeps them in one
 * slot, and a fingerprint stored in the earlier JSON form is still read.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { groupArticle, MemoryStoryState, RedisStoryState } from '../../src/stories/index.js';
import { storyInputOf } from '../../src/stories/stream.js';
import { loadTopic } from '../../src/tagging/index.js';
import { dropPrefix, REDIS_URL, uniquePrefix } from '../helpers/worker.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const inputs = (file: string) =>
  readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => storyInputOf(JSON.parse(l), [topic]))
    .sort((a, b) => (a.publishedAt ?? Infinity) - (b.publishedAt ?? Infinity));

describe('RedisStoryState', () => {
  const redis = new Redis(REDIS_URL);
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const p of prefixes) await dropPrefix(p);
    await redis.quit();
  });

  for (const file of ['tests/fixtures/stories/dev.jsonl', 'tests/fixtures/stories/heldout.jsonl']) {
    it(`groups ${file} as the in-memory state does, keys under a {hash-tag} prefix`, async () => {
      const prefix = `{${uniquePrefix('stories-redis')}}`;
      prefixes.push(prefix);
      const rs = new RedisStoryState(redis, prefix);
      const ms = new MemoryStoryState();
      const got: string[] = [];
      const want: string[] = [];
      let copies = 0;
      for (const input of inputs(file)) {
        const a = await groupArticle(input, rs);
        const b = await groupArticle(input, ms);
        got.push(`${a.id} ${a.storyId} ${a.duplicateOf}`);
        want.push(`${b.id} ${b.storyId} ${b.duplicateOf}`);
        if (b.duplicateOf) copies++;
      }
      expect(copies).toBeGreaterThan(5);
      expect(got).toEqual(want);
      // a second pass finds every assignment (a retry changes nothing)
      for (const input of inputs(file).slice(0, 5)) expect((await groupArticle(input, rs)).known).toBe(true);
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.every((k) => k.startsWith(`${prefix}:story:`))).toBe(true);
      // one assignment per article; the band and key indexes are one hash per time bucket
      expect(keys.filter((k) => k.startsWith(`${prefix}:story:a:`))).toHaveLength(got.length);
      expect(keys.filter((k) => /:story:[bk]@\d+$/.test(k)).sort().map((k) => k.replace(/@\d+$/, ''))).toEqual([`${prefix}:story:b`, `${prefix}:story:k`]);
    });
  }

  it('reads a fingerprint stored in the earlier JSON form', async () => {
    const prefix = uniquePrefix('stories-legacy');
    prefixes.push(prefix);
    const [orig, ...rest] = inputs('tests/fixtures/stories/dev.jsonl');
    const ms = new MemoryStoryState();
    const first = await groupArticle(orig, ms);
    const rs = new RedisStoryState(redis, prefix);
    await groupArticle(orig, rs);
    // rewrite the stored fingerprint in the form written before (JSON, base64 MinHash)
    const [p] = await ms.prints([orig.id]);
    const m = Buffer.alloc(p!.minhash.length * 4);
    p!.minhash.forEach((v, i) => m.writeUInt32LE(v, i * 4));
    await redis.set(`${prefix}:story:f:${orig.id}`, JSON.stringify({ m: m.toString('base64'), s: p!.shingles, l: p!.language, t: p!.publishedAt, st: p!.storyId }));
    const [back] = await rs.prints([orig.id]);
    expect(back).toEqual(p);
    // an exact copy of it (another id) is found as its copy through the JSON fingerprint
    const copy = { ...orig, id: `${orig.id}-copy`, publishedAt: (orig.publishedAt ?? 0) + 60_000 };
    const g = await groupArticle(copy, rs);
    expect(g.duplicateOf).toBe(orig.id);
    expect(g.storyId).toBe(first.storyId);
    expect(rest.length).toBeGreaterThan(0);
  });

  it('two states (two workers) grouping an article and its copy at once make one original', async () => {
    const prefix = uniquePrefix('stories-race');
    prefixes.push(prefix);
    const other = new Redis(REDIS_URL);
    try {
      const a = new RedisStoryState(redis, prefix);
      const b = new RedisStoryState(other, prefix);
      // articles of distinct stories: each and its twin race; one of the two is the original
      const seen = new Set<string>();
      const firsts = inputs('tests/fixtures/stories/heldout.jsonl').filter((x) => {
        const t = x.title.slice(0, 12);
        return !seen.has(t) && seen.add(t);
      }).slice(0, 4);
      for (const x of firsts) {
        const y = { ...x, id: `${x.id}-twin` };
        const [gx, gy, again] = await Promise.all([groupArticle(x, a), groupArticle(y, b), groupArticle(x, b)]);
        const originals = [gx, gy].filter((g) => g.duplicateOf === null);
        expect(originals).toHaveLength(1);
        expect([gx.duplicateOf, gy.duplicateOf]).toContain(originals[0].id);
        expect(gy.storyId).toBe(gx.storyId);
        expect(again.storyId).toBe(gx.storyId);
      }
      expect(await redis.exists(`${prefix}:story:lock`)).toBe(0);
    } finally {
      await other.quit();
    }
  });
});

describe('RedisStoryState index buckets', () => {
  const redis = new Redis(REDIS_URL);
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const p of prefixes) await dropPrefix(p);
    await redis.quit();
  });

  it('finds an article through the current and the two earlier buckets, not an older one; buckets expire', async () => {
    const prefix = uniquePrefix('stories-buckets');
    prefixes.push(prefix);
    const printTtlMs = 6 * 86_400_000;
    const bucket = printTtlMs / 2;
    const n = Math.floor(Date.now() / bucket);
    let now = n * bucket + 10; // just after a band bucket begins
    const rs = new RedisStoryState(redis, prefix, { printTtlMs, now: () => now });
    const [orig] = inputs('tests/fixtures/stories/dev.jsonl');
    await groupArticle(orig, rs);
    const copyAt = (k: number) => ({ ...orig, id: `${orig.id}-copy${k}`, publishedAt: orig.publishedAt });
    now += 2 * bucket; // two buckets later: still read
    expect((await groupArticle(copyAt(2), rs)).duplicateOf).toBe(orig.id);
    now += bucket; // three buckets after the original: its bucket is no longer read
    const late = await groupArticle(copyAt(3), rs);
    expect(late.duplicateOf).not.toBe(orig.id);
    const first = `${prefix}:story:b@${n}`;
    expect(await redis.hlen(first)).toBeGreaterThan(10);
    // the first bucket expires 3 bucket lengths after it began, when no lookup reads it any more
    expect(await redis.pexpiretime(first)).toBe((n + 3) * bucket);
  });
});
