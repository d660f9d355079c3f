/**
 * `StoryState` in Redis, shared by every worker process (the worker's grouping).
 *
 * Keys, all under `<prefix>:story:` (one place for the grouping's Redis state):
 *   lock          the grouping lock (SET NX PX; released by a compare-and-delete script)
 *   a:<id>        an article's assignment {storyId, duplicateOf}            TTL assignTtl
 *   f:<id>        an article's copy fingerprint (MinHash, base64)           TTL 2 × copy window
 *   b:<band>      LSH band → article ids, newest first, at most `keep`      TTL 2 × copy window
 *   k:<key>       event key → story ids scored by last article time (ZSET), newest `keep`
 *   s:<storyId>   a story's profile (JSON)                                  TTL storyTtl
 *
 * Safe across processes: `exclusive` holds one lock per prefix while an article is grouped
 * (reads, decision, one MULTI of writes: a few ms), so two copies of one dispatch arriving at
 * once in two workers cannot both become originals. A lock whose holder died expires after
 * `lockTtlMs`. Not for Redis Cluster as is (the keys are not in one hash slot).
 */
import { randomBytes } from 'node:crypto';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Assignment, CopyPrint, StoryCommit, StoryProfile, StoryState } from './group.js';

/** Options of the Redis state. Times in ms. */
export interface RedisStoryStateOptions {
  /** Assignments and story profiles live this long (default 30 days, like the seen-set). */
  ttlMs?: number;
  /** Fingerprints and bands live this long (default 6 days: twice the copy window). */
  printTtlMs?: number;
  /** Ids kept per band and per key (default 50). */
  keep?: number;
  /** Lock expiry (default 10 s) and the longest wait for it (default 30 s). */
  lockTtlMs?: number;
  lockWaitMs?: number;
}

/** The lock could not be taken within `lockWaitMs` (reason `story-failed`). */
export class StoryLockTimeout extends Error {
  constructor(waitedMs: number) {
    super(`story grouping lock not obtained within ${waitedMs} ms`);
    this.name = 'StoryLockTimeout';
  }
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

// One round trip for the lookups: KEYS = assignment, then ARGV[1] band lists, then the key
// ZSETs; returns {assignment or false, band ids, story ids (one per key hit)}.
const READ = `
local nb = tonumber(ARGV[1])
local a = redis.call('get', KEYS[1])
local ids, stories = {}, {}
for i = 2, nb + 1 do
  for _, id in ipairs(redis.call('lrange', KEYS[i], 0, tonumber(ARGV[2]) - 1)) do ids[#ids + 1] = id end
end
for i = nb + 2, #KEYS do
  for _, id in ipairs(redis.call('zrevrange', KEYS[i], 0, tonumber(ARGV[3]) - 1)) do stories[#stories + 1] = id end
end
return {a, ids, stories}`;

// One round trip for the writes: KEYS = assignment, fingerprint, story, then ARGV[10] band
// lists, then the key ZSETs. ARGV: assignment, fingerprint, story JSON, ttl, print ttl, keep,
// article id, story id, score, number of bands.
const COMMIT = `
local ttl, pttl, keep = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local nb = tonumber(ARGV[10])
redis.call('set', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('set', KEYS[2], ARGV[2], 'PX', pttl)
redis.call('set', KEYS[3], ARGV[3], 'PX', ttl)
for i = 4, nb + 3 do
  redis.call('lrem', KEYS[i], 0, ARGV[7])
  redis.call('lpush', KEYS[i], ARGV[7])
  redis.call('ltrim', KEYS[i], 0, keep - 1)
  redis.call('pexpire', KEYS[i], pttl)
end
for i = nb + 4, #KEYS do
  redis.call('zadd', KEYS[i], tonumber(ARGV[9]), ARGV[8])
  redis.call('zremrangebyrank', KEYS[i], 0, -keep - 1)
  redis.call('pexpire', KEYS[i], ttl)
end
return 1`;

type ScriptRedis = Redis & {
  storyRead(...args: (string | number)[]): Promise<[string | null, string[], string[]]>;
  storyCommit(...args: (string | number)[]): Promise<number>;
};

function encodePrint(p: CopyPrint): string {
  return JSON.stringify({ m: Buffer.from(p.minhash.buffer, p.minhash.byteOffset, p.minhash.byteLength).toString('base64'), s: p.shingles, l: p.language, t: p.publishedAt, st: p.storyId });
}

function decodePrint(id: string, raw: string | null): CopyPrint | null {
  if (!raw) return null;
  const o = JSON.parse(raw) as { m: string; s: number; l: string | null; t: number | null; st: string };
  const buf = Buffer.from(o.m, 'base64');
  const minhash = new Uint32Array(buf.byteLength / 4);
  for (let i = 0; i < minhash.length; i++) minhash[i] = buf.readUInt32LE(i * 4);
  return { id, minhash, shingles: o.s, language: o.l, publishedAt: o.t, storyId: o.st };
}

/** See the module comment. */
export class RedisStoryState implements StoryState {
  private readonly k: (s: string) => string;
  private readonly ttlMs: number;
  private readonly printTtlMs: number;
  private readonly keep: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;

  constructor(private readonly redis: Redis, prefix: string, opts: RedisStoryStateOptions = {}) {
    this.k = (s) => `${prefix}:story:${s}`;
    this.ttlMs = opts.ttlMs ?? 30 * 86_400_000;
    this.printTtlMs = opts.printTtlMs ?? 6 * 86_400_000;
    this.keep = opts.keep ?? 50;
    this.lockTtlMs = opts.lockTtlMs ?? 10_000;
    this.lockWaitMs = opts.lockWaitMs ?? 30_000;
    // sent as EVALSHA (ioredis custom commands), with EVAL on a NOSCRIPT
    if (!('storyRead' in redis)) {
      redis.defineCommand('storyRead', { lua: READ });
      redis.defineCommand('storyCommit', { lua: COMMIT });
    }
  }

  /** The lookups of one article in one round trip (assignment, band hits, key hits). */
  async lookup(id: string, bands: string[], keys: string[], perBand: number, perKey: number): Promise<{ assignment: Assignment | null; bandIds: string[]; keyHits: Map<string, number> }> {
    const all = [this.k(`a:${id}`), ...bands.map((b) => this.k(`b:${b}`)), ...keys.map((x) => this.k(`k:${x}`))];
    const [a, ids, stories] = await (this.redis as ScriptRedis).storyRead(all.length, ...all, bands.length, perBand, perKey);
    const keyHits = new Map<string, number>();
    for (const s of stories) keyHits.set(s, (keyHits.get(s) ?? 0) + 1);
    let assignment: Assignment | null = null;
    if (a) {
      const o = JSON.parse(a) as { s: string; d: string | null };
      assignment = { id, storyId: o.s, duplicateOf: o.d };
    }
    return { assignment, bandIds: [...new Set(ids)], keyHits };
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const token = randomBytes(12).toString('hex');
    const key = this.k('lock');
    const t0 = Date.now();
    let delay = 2;
    while ((await this.redis.set(key, token, 'PX', this.lockTtlMs, 'NX')) !== 'OK') {
      if (Date.now() - t0 > this.lockWaitMs) throw new StoryLockTimeout(Date.now() - t0);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 50);
    }
    try {
      return await fn();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }

  async assignment(id: string): Promise<Assignment | null> {
    const raw = await this.redis.get(this.k(`a:${id}`));
    if (!raw) return null;
    const o = JSON.parse(raw) as { s: string; d: string | null };
    return { id, storyId: o.s, duplicateOf: o.d };
  }

  async bandHits(bands: string[], perBand: number): Promise<string[]> {
    const p = this.redis.pipeline();
    for (const b of bands) p.lrange(this.k(`b:${b}`), 0, perBand - 1);
    const res = (await p.exec()) ?? [];
    const out = new Set<string>();
    for (const [err, ids] of res) {
      if (err) throw err;
      for (const id of ids as string[]) out.add(id);
    }
    return [...out];
  }

  async prints(ids: string[]): Promise<(CopyPrint | null)[]> {
    const raws = await this.redis.mget(ids.map((id) => this.k(`f:${id}`)));
    return raws.map((r, i) => decodePrint(ids[i], r));
  }

  async keyHits(keys: string[], perKey: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!keys.length) return out;
    const p = this.redis.pipeline();
    for (const key of keys) p.zrevrange(this.k(`k:${key}`), 0, perKey - 1);
    for (const [err, ids] of (await p.exec()) ?? []) {
      if (err) throw err;
      for (const id of ids as string[]) out.set(id, (out.get(id) ?? 0) + 1);
    }
    return out;
  }

  async stories(ids: string[]): Promise<(StoryProfile | null)[]> {
    const raws = await this.redis.mget(ids.map((id) => this.k(`s:${id}`)));
    return raws.map((r) => (r ? (JSON.parse(r) as StoryProfile) : null));
  }

  async commit(c: StoryCommit): Promise<void> {
    const keys = [this.k(`a:${c.assignment.id}`), this.k(`f:${c.print.id}`), this.k(`s:${c.story.id}`), ...c.bands.map((b) => this.k(`b:${b}`)), ...c.storyKeys.map((x) => this.k(`k:${x}`))];
    await (this.redis as ScriptRedis).storyCommit(
      keys.length,
      ...keys,
      JSON.stringify({ s: c.assignment.storyId, d: c.assignment.duplicateOf }),
      encodePrint(c.print),
      JSON.stringify(c.story),
      this.ttlMs,
      this.printTtlMs,
      this.keep,
      c.print.id,
      c.story.id,
      c.story.lastSeen ?? Date.now(),
      c.bands.length,
    );
  }
}
