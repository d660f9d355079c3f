/**
 * `StoryState` in Redis, shared by every worker process (the worker's grouping).
 *
 * Keys, all under `<prefix>:story:` (one place for the grouping's Redis state):
 *   lock          the grouping lock (SET NX PX; released by a compare-and-delete script)
 *   a:<id>        an article's assignment {storyId, duplicateOf}            TTL assignTtl
 *   f:<id>        an article's copy fingerprint (`encodePrint`)              TTL 2 × copy window
 *   b:<band>      LSH band → article ids, newest first, at most `keep`      TTL 2 × copy window
 *   k:<key>       event key → story ids scored by last article time (ZSET), newest `keep`
 *   s:<storyId>   a story's profile (JSON)                                  TTL storyTtl
 *
 * Safe across processes: `exclusive` holds one lock per prefix while an article is grouped
 * (taken by the lookup script, released by the commit script: two round trips per article), so
 * two copies of one dispatch arriving at once in two workers cannot both become originals. A
 * lock whose holder died expires after `lockTtlMs`. Every key is under `<prefix>:`, so a
 * `{hash-tag}` prefix keeps them in one Redis Cluster slot (the lookup script reads `f:` and
 * `s:` keys it builds from the prefix: allowed within the script's slot).
 */
import { randomBytes } from 'node:crypto';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import type { Assignment, CopyPrint, LookupQuery, LookupResult, StoryCommit, StoryProfile, StoryState } from './group.js';

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
// ZSETs, then the lock. First takes the lock (SET NX PX) when ARGV[11] (token) is not empty
// and returns {0} when another holds it; ARGV[12] = lock ms. ARGV: bands, per band, per key, fingerprint key prefix, article id, language ('~':
// none), published ms ('': none), copy window ms, story key prefix, candidates scored.
// Returns {assignment or false} when grouped before, else {false, prints, stories, profiles}:
// prints = flat id/fingerprint pairs of the band hits in first-seen order, without the article
// itself and without fingerprints of another language or outside the copy window (the same
// test groupArticle applies; a legacy JSON fingerprint is passed through for it to test);
// stories = flat id/count pairs of the `candidates` stories sharing most keys (ties: lower id;
// ids are ASCII, so Lua's comparison orders them as JavaScript's does); profiles = their JSON.
const READ = `
if ARGV[11] ~= '' and not redis.call('set', KEYS[#KEYS], ARGV[11], 'PX', ARGV[12], 'NX') then return {0} end
local nb = tonumber(ARGV[1])
local a = redis.call('get', KEYS[1])
if a then return {a} end
local seen, ids = {}, {}
for i = 2, nb + 1 do
  for _, id in ipairs(redis.call('lrange', KEYS[i], 0, tonumber(ARGV[2]) - 1)) do
    if not seen[id] and id ~= ARGV[5] then seen[id] = true; ids[#ids + 1] = id end
  end
end
local prints = {}
if #ids > 0 then
  local fk = {}
  for i, id in ipairs(ids) do fk[i] = ARGV[4] .. id end
  local t0, win = tonumber(ARGV[7]), tonumber(ARGV[8])
  for i, raw in ipairs(redis.call('mget', unpack(fk))) do
    if raw then
      local keep = true
      if string.byte(raw, 1) ~= 123 then
        local t, l = string.match(raw, '^([^|]*)|([^|]*)|')
        if l ~= ARGV[6] then keep = false
        elseif t ~= '' and t0 and math.abs(tonumber(t) - t0) > win then keep = false end
      end
      if keep then prints[#prints + 1] = ids[i]; prints[#prints + 1] = raw end
    end
  end
end
local count, order = {}, {}
for i = nb + 2, #KEYS - 1 do
  for _, s in ipairs(redis.call('zrevrange', KEYS[i], 0, tonumber(ARGV[3]) - 1)) do
    if not count[s] then count[s] = 0; order[#order + 1] = s end
    count[s] = count[s] + 1
  end
end
table.sort(order, function(x, y) if count[x] ~= count[y] then return count[x] > count[y] end return x < y end)
local stories, sk = {}, {}
for i = 1, math.min(#order, tonumber(ARGV[10])) do
  stories[#stories + 1] = order[i]; stories[#stories + 1] = count[order[i]]
  sk[#sk + 1] = ARGV[9] .. order[i]
end
local profiles = {}
if #sk > 0 then profiles = redis.call('mget', unpack(sk)) end
return {false, prints, stories, profiles}`;

// One round trip for the writes: KEYS = assignment, fingerprint, story, then ARGV[10] band
// lists, then the key ZSETs, then the lock. ARGV: assignment, fingerprint, story JSON, ttl,
// print ttl, keep, article id, story id, score, number of bands, lock token to release ('' none).
const COMMIT = `
local ttl, pttl, keep = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local nb = tonumber(ARGV[10])
redis.call('set', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('set', KEYS[2], ARGV[2], 'PX', pttl)
redis.call('set', KEYS[3], ARGV[3], 'PX', ttl)
-- no LREM first: an article is committed once (the lookup under the same lock found no
-- assignment), and the lookup script drops repeated ids anyway
for i = 4, nb + 3 do
  redis.call('lpush', KEYS[i], ARGV[7])
  redis.call('ltrim', KEYS[i], 0, keep - 1)
  redis.call('pexpire', KEYS[i], pttl)
end
if ARGV[11] ~= '' and redis.call('get', KEYS[#KEYS]) == ARGV[11] then redis.call('del', KEYS[#KEYS]) end
for i = nb + 4, #KEYS - 1 do
  redis.call('zadd', KEYS[i], tonumber(ARGV[9]), ARGV[8])
  redis.call('zremrangebyrank', KEYS[i], 0, -keep - 1)
  redis.call('pexpire', KEYS[i], ttl)
end
return 1`;

type ScriptRedis = Redis & {
  storyRead(...args: (string | number)[]): Promise<[string | null, string[]?, string[]?, (string | null)[]?]>;
  storyCommit(...args: (string | number)[]): Promise<number>;
};

/**
 * A fingerprint as stored: `<publishedAt ms or ''>|<language or '~'>|<shingles>|<storyId>|<MinHash,
 * base64 of the little-endian uint32s>`; time and language first, so the lookup script can
 * leave out the fingerprints that cannot be copies without decoding them.
 */
function encodePrint(p: CopyPrint): string {
  const m = Buffer.alloc(p.minhash.length * 4);
  for (let i = 0; i < p.minhash.length; i++) m.writeUInt32LE(p.minhash[i], i * 4);
  return `${p.publishedAt ?? ''}|${p.language ?? '~'}|${p.shingles}|${p.storyId}|${m.toString('base64')}`;
}

function decodeMinhash(b64: string): Uint32Array {
  const buf = Buffer.from(b64, 'base64');
  const minhash = new Uint32Array(buf.byteLength >>> 2);
  for (let i = 0; i < minhash.length; i++) minhash[i] = buf.readUInt32LE(i * 4);
  return minhash;
}

/** Decodes a stored fingerprint (also the JSON form written before; it expires within 6 days). */
function decodePrint(id: string, raw: string | null): CopyPrint | null {
  if (!raw) return null;
  if (raw.startsWith('{')) {
    const o = JSON.parse(raw) as { m: string; s: number; l: string | null; t: number | null; st: string };
    return { id, minhash: decodeMinhash(o.m), shingles: o.s, language: o.l, publishedAt: o.t, storyId: o.st };
  }
  const [t, l, n, st, m] = raw.split('|');
  return { id, minhash: decodeMinhash(m), shingles: Number(n), language: l === '~' ? null : l, publishedAt: t === '' ? null : Number(t), storyId: st };
}

/** See the module comment. */
export class RedisStoryState implements StoryState {
  private readonly k: (s: string) => string;
  private readonly ttlMs: number;
  private readonly printTtlMs: number;
  private readonly keep: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  /** Sections of this process run one after another (they would wait on the lock anyway). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Token of the running section's lock, and whether the lock is taken yet (see `exclusive`). */
  private token: string | null = null;
  private locked = false;

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

  /**
   * The lookups of one article in one round trip: its assignment, else the fingerprints of its
   * band hits that can be copies (same language, within `copyWindowMs`) and the `candidates`
   * stories sharing most of its keys, with their profiles.
   */
  async lookup(q: LookupQuery): Promise<LookupResult> {
    const { id, bands, keys } = q;
    const all = [this.k(`a:${id}`), ...bands.map((b) => this.k(`b:${b}`)), ...keys.map((x) => this.k(`k:${x}`)), this.k('lock')];
    const read = (token: string) => (this.redis as ScriptRedis).storyRead(
      all.length, ...all, bands.length, q.perBand, q.perKey, this.k('f:'), id, q.language ?? '~', q.publishedAt ?? '', q.copyWindowMs, this.k('s:'), q.candidates, token, this.lockTtlMs,
    );
    // the section's lock is taken by this script (one round trip less), retried while another holds it
    let res = await read(this.token && !this.locked ? this.token : '');
    if (this.token && !this.locked) {
      const t0 = Date.now();
      let delay = 2;
      while ((res[0] as unknown) === 0) {
        if (Date.now() - t0 > this.lockWaitMs) throw new StoryLockTimeout(Date.now() - t0);
        await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
        delay = Math.min(delay * 2, 50);
        res = await read(this.token);
      }
      this.locked = true;
    }
    const [a, prints = [], stories = [], profiles = []] = res;
    if (a) {
      const o = JSON.parse(a) as { s: string; d: string | null };
      return { assignment: { id, storyId: o.s, duplicateOf: o.d }, prints: [], ranked: [], profiles: [] };
    }
    const out: CopyPrint[] = [];
    for (let i = 0; i < prints.length; i += 2) {
      const p = decodePrint(prints[i], prints[i + 1]);
      if (p) out.push(p);
    }
    const ranked: string[] = [];
    for (let i = 0; i < stories.length; i += 2) ranked.push(stories[i]);
    return { assignment: null, prints: out, ranked, profiles: profiles.map((r) => (r ? (JSON.parse(r) as StoryProfile) : null)) };
  }

  /**
   * Runs `fn` holding the grouping lock of this prefix (all processes). The lock is taken by the
   * first state call inside `fn` (`lookup` takes it in its script) and released by `commit`'s
   * script, else at the end; sections of one process are queued, not raced on the lock.
   * @throws StoryLockTimeout when the lock is not obtained within `lockWaitMs`
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.section(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async section<T>(fn: () => Promise<T>): Promise<T> {
    this.token = randomBytes(12).toString('hex');
    this.locked = false;
    try {
      return await fn();
    } finally {
      const token = this.token;
      const held = this.locked;
      this.token = null;
      this.locked = false;
      if (held) await this.redis.eval(RELEASE, 1, this.k('lock'), token).catch(() => undefined);
    }
  }

  /** Takes the running section's lock if not yet taken (calls other than `lookup`). */
  private async lock(): Promise<void> {
    if (!this.token || this.locked) return;
    const t0 = Date.now();
    let delay = 2;
    while ((await this.redis.set(this.k('lock'), this.token, 'PX', this.lockTtlMs, 'NX')) !== 'OK') {
      if (Date.now() - t0 > this.lockWaitMs) throw new StoryLockTimeout(Date.now() - t0);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 50);
    }
    this.locked = true;
  }

  async assignment(id: string): Promise<Assignment | null> {
    await this.lock();
    const raw = await this.redis.get(this.k(`a:${id}`));
    if (!raw) return null;
    const o = JSON.parse(raw) as { s: string; d: string | null };
    return { id, storyId: o.s, duplicateOf: o.d };
  }

  async bandHits(bands: string[], perBand: number): Promise<string[]> {
    await this.lock();
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
    await this.lock();
    const raws = await this.redis.mget(ids.map((id) => this.k(`f:${id}`)));
    return raws.map((r, i) => decodePrint(ids[i], r));
  }

  async keyHits(keys: string[], perKey: number): Promise<Map<string, number>> {
    await this.lock();
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
    await this.lock();
    const raws = await this.redis.mget(ids.map((id) => this.k(`s:${id}`)));
    return raws.map((r) => (r ? (JSON.parse(r) as StoryProfile) : null));
  }

  async commit(c: StoryCommit): Promise<void> {
    await this.lock();
    const keys = [this.k(`a:${c.assignment.id}`), this.k(`f:${c.print.id}`), this.k(`s:${c.story.id}`), ...c.bands.map((b) => this.k(`b:${b}`)), ...c.storyKeys.map((x) => this.k(`k:${x}`)), this.k('lock')];
    const token = this.locked && this.token ? this.token : '';
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
      token,
    );
    if (token) this.locked = false; // released by the script
  }
}
