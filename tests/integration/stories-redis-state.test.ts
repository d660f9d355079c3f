/**
 * The worker's Redis state groups exactly as the in-memory state of `news-ingest stories`:
 * both labeled sets grouped through each, in the same order, give the same story and copy
 * of every article (each process replays the shared log into its own replica), also when two
 * states take articles in turn and when a new one starts late. Also: the state is one log under
 * `<prefix>:story:` (a `{hash-tag}` prefix keeps it in one slot) and the lock, released when
 * unused; a commit after the lock expired writes nothing.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { groupArticle, MemoryStoryState, RedisStoryState, StoryLockLost } from '../../src/stories/index.js';
import { storyInputOf } from '../../src/stories/stream.js';
import { loadTopic } from '../../src/tagging/index.js';
import { dropPrefix, REDIS_URL, uniquePrefix } from '../helpers/worker.js';
import { until as untilTruthy } from '../helpers/ops-site.js';

/** Resolves once `cond` is true (checked every 100 ms); throws naming `what` after `ms`. */
const until = (cond: () => Promise<boolean>, what: string, ms: number) => untilTruthy(async () => cond(), what, ms);

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

  for (const file of ['tests/fixtures/stories/dev.jsonl', 'tests/fixtures/stories/heldout.jsonl', 'tests/fixtures/stories/dev3.jsonl']) {
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
      expect(copies).toBeGreaterThan(1); // dev 16, heldout 10, dev3 2
      expect(got).toEqual(want);
      // a second pass finds every assignment (a retry changes nothing)
      for (const input of inputs(file).slice(0, 5)) expect((await groupArticle(input, rs)).known).toBe(true);
      // an unused lease is released after 10 ms (a timer, then a script): wait for it (before:
      // 100 ms, then the keys; a stalled machine could read them before the release ran)
      await until(async () => (await redis.exists(`${prefix}:story:lock`)) === 0, 'the unused lease released', 10_000);
      expect((await redis.keys(`${prefix}*`)).sort()).toEqual([`${prefix}:story:log`]);
      expect(await redis.xlen(`${prefix}:story:log`)).toBe(inputs(file).length);
    });
  }

  it('two states (two workers) taking articles in turn group as one in-memory state; a new state replays the log', async () => {
    const prefix = uniquePrefix('stories-turns');
    prefixes.push(prefix);
    const other = new Redis(REDIS_URL);
    try {
      const a = new RedisStoryState(redis, prefix);
      const b = new RedisStoryState(other, prefix);
      const ms = new MemoryStoryState();
      const all = inputs('tests/fixtures/stories/dev.jsonl');
      const got: string[] = [];
      const want: string[] = [];
      for (const [i, input] of all.entries()) {
        const g = await groupArticle(input, i % 3 === 0 ? b : a);
        const w = await groupArticle(input, ms);
        got.push(`${g.id} ${g.storyId} ${g.duplicateOf}`);
        want.push(`${w.id} ${w.storyId} ${w.duplicateOf}`);
      }
      expect(got).toEqual(want);
      expect(new Set(want.map((l) => l.split(' ')[1])).size).toBeGreaterThan(3);
      // a process started now replays the whole log: an exact copy of the last article is found as its copy
      const late = new RedisStoryState(new Redis(REDIS_URL), prefix);
      const last = all[all.length - 1];
      const copy = { ...last, id: `${last.id}-late-copy`, publishedAt: (last.publishedAt ?? 0) + 60_000 };
      const g = await groupArticle(copy, late);
      const w = await groupArticle(copy, ms);
      expect(g.duplicateOf).toBe(w.duplicateOf);
      expect(g.storyId).toBe(w.storyId);
      expect(late.replicaSize().prints).toBe(all.length + 1);
      await (late as unknown as { redis: Redis }).redis.quit();
    } finally {
      await other.quit();
    }
  });

  it('held5 in turns by two states: light-edit copies, whose test reads the source of prints replayed from the log, as one in-memory state', async () => {
    const prefix = uniquePrefix('stories-edits');
    prefixes.push(prefix);
    const other = new Redis(REDIS_URL);
    try {
      const a = new RedisStoryState(redis, prefix);
      const b = new RedisStoryState(other, prefix);
      const ms = new MemoryStoryState();
      const all = inputs('tests/fixtures/stories/held5.jsonl');
      const got: string[] = [];
      const want: string[] = [];
      let edits = 0;
      for (const [i, input] of all.entries()) {
        // every other article by the other state: an original and its reprint are grouped by different states
        const g = await groupArticle(input, i % 2 ? b : a);
        const w = await groupArticle(input, ms);
        got.push(`${g.id} ${g.storyId} ${g.duplicateOf}`);
        want.push(`${w.id} ${w.storyId} ${w.duplicateOf}`);
        if (w.duplicateOf && input.id.endsWith('-t')) edits++;
      }
      expect(got).toEqual(want);
      expect(edits).toBeGreaterThan(10); // hand-written reprints found as copies (23 in round 7)
      // the original's own outlet puts a new lede over its second paragraph; the other state grouped
      // the original, so this state knows its source from the log: not a copy (the light-edit rule
      // wants another outlet), as in memory
      const i = all.findIndex((x, k) => k % 2 === 1 && x.language === 'en' && /^h5-[a-z0-9]+-en-1$/.test(x.id) && x.text.includes('\n\n'));
      const x = all[i];
      const text = `Reporters waited late into the evening for a further statement, and officials in both capitals said more details would follow in the coming days.\n\n${x.text.split('\n\n')[1]}`;
      const own = { ...x, id: `${x.id}-follow-up`, title: 'More details expected', text, publishedAt: (x.publishedAt ?? 0) + 2 * 3_600_000 };
      const g = await groupArticle(own, a);
      const w = await groupArticle(own, ms);
      expect(`${g.storyId} ${g.duplicateOf}`).toBe(`${w.storyId} ${w.duplicateOf}`);
      expect(w.duplicateOf).toBeNull();
      // from another outlet the same text is a copy (in memory: a state that has not seen the first)
      const m2 = new MemoryStoryState();
      for (const input of all) await groupArticle(input, m2);
      expect((await groupArticle({ ...own, source: 'elsewhere.example' }, m2)).duplicateOf).toBe(x.id);
    } finally {
      await other.quit();
    }
  });

  it("a commit after the lock expired fails with StoryLockLost (twice: the section runs once more) and writes nothing", async () => {
    const prefix = uniquePrefix('stories-lost');
    prefixes.push(prefix);
    const rs = new RedisStoryState(redis, prefix, { lockTtlMs: 50 });
    const [first] = inputs('tests/fixtures/stories/dev.jsonl');
    const slow = {
      exclusive: rs.exclusive.bind(rs),
      assignment: rs.assignment.bind(rs),
      bandHits: rs.bandHits.bind(rs),
      prints: rs.prints.bind(rs),
      keyHits: rs.keyHits.bind(rs),
      stories: rs.stories.bind(rs),
      commit: async (c: Parameters<typeof rs.commit>[0]) => {
        await new Promise((r) => setTimeout(r, 120)); // longer than the lock's TTL
        return rs.commit(c);
      },
    };
    await expect(groupArticle(first, slow)).rejects.toThrow(StoryLockLost);
    expect(await redis.xlen(`${prefix}:story:log`)).toBe(0);
    // the retry succeeds
    expect((await groupArticle(first, rs)).known).toBe(false);
  });

  it('a lock lost once (Redis lost its data) is taken again: the article is grouped, once', async () => {
    const prefix = uniquePrefix('stories-lost-once');
    prefixes.push(prefix);
    const rs = new RedisStoryState(redis, prefix);
    const [first] = inputs('tests/fixtures/stories/dev.jsonl');
    let losses = 0;
    const flaky = {
      exclusive: rs.exclusive.bind(rs),
      assignment: rs.assignment.bind(rs),
      bandHits: rs.bandHits.bind(rs),
      prints: rs.prints.bind(rs),
      keyHits: rs.keyHits.bind(rs),
      stories: rs.stories.bind(rs),
      commit: async (c: Parameters<typeof rs.commit>[0]) => {
        if (losses++ === 0) await redis.del(`${prefix}:story:lock`); // as FLUSHALL would
        return rs.commit(c);
      },
    };
    const g = await groupArticle(first, flaky);
    expect(g.known).toBe(false);
    expect(losses).toBe(2);
    expect(await redis.xlen(`${prefix}:story:log`)).toBe(1);
  });

  it('a lease older than a quarter of the lock TTL is renewed through a sync, not trusted: a copy written meanwhile by another process is found, with no lost lock', async () => {
    const prefix = uniquePrefix('stories-lease');
    prefixes.push(prefix);
    const other = new Redis(REDIS_URL);
    try {
      // a lease not released by its idle timer (as in a process starved between two articles)
      const a = new RedisStoryState(redis, prefix, { lockTtlMs: 400, leaseIdleMs: 60_000 });
      const b = new RedisStoryState(other, prefix, { lockWaitMs: 5_000 });
      const all = inputs('tests/fixtures/stories/heldout.jsonl');
      const [first, x] = [all[0], all.find((i) => i.title.slice(0, 12) !== all[0].title.slice(0, 12))!];
      let commits = 0;
      const counted = {
        exclusive: a.exclusive.bind(a), assignment: a.assignment.bind(a), bandHits: a.bandHits.bind(a), prints: a.prints.bind(a),
        keyHits: a.keyHits.bind(a), stories: a.stories.bind(a),
        commit: async (c: Parameters<typeof a.commit>[0]) => { commits++; return a.commit(c); },
      };
      await groupArticle(first, counted);
      expect(await redis.get(`${prefix}:story:lock`)).not.toBeNull(); // the lease: the lock kept
      // another process waits for the lock (expires with the TTL) and groups x meanwhile
      const gx = await groupArticle(x, b);
      expect(gx.duplicateOf).toBeNull();
      // a's lease is now older than its lock: the next article syncs (sees x) instead of failing its commit
      const copy = { ...x, id: `${x.id}-copy`, publishedAt: (x.publishedAt ?? 0) + 60_000 };
      commits = 0;
      const g = await groupArticle(copy, counted);
      expect(g.duplicateOf).toBe(x.id);
      expect(g.storyId).toBe(gx.storyId);
      expect(commits).toBe(1); // no StoryLockLost and second try
      expect(await redis.xlen(`${prefix}:story:log`)).toBe(3);
      await redis.del(`${prefix}:story:lock`);
    } finally {
      await other.quit();
    }
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
      // an unused lease is released after 10 ms, by whichever state holds it (its own connection)
      await until(async () => (await redis.exists(`${prefix}:story:lock`)) === 0, 'the unused lease released', 10_000);
    } finally {
      await other.quit();
    }
  });
});
