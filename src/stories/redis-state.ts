/**
 * `StoryState` in Redis, shared by every worker process (the worker's grouping).
 *
 * Keys, all under `<prefix>:story:` (one place for the grouping's Redis state):
 *   lock          the grouping lock (SET NX PX; released by a compare-and-delete script)
 *   a:<id>        an article's assignment {storyId, duplicateOf}            TTL assignTtl
 *   f:<id>        an article's copy fingerprint (`encodePrint`)              TTL 2 × copy window
 *   s:<storyId>   a story's profile (JSON)                                  TTL storyTtl
 *   b@<n>         LSH band index of time bucket n (hash: band → article ids, newest first,
 *                 space-separated, at most `keep`); a bucket spans printTtl / 2
 *   k@<n>         event-key index of time bucket n (hash: key → story ids, most recently
 *                 touched first, at most `keep`); a bucket spans ttl / 2
 *
 * The two indexes are hashes per time bucket, not one list or sorted set per band or key
 * (issue 17): an article has 42 bands and up to 16 keys, and one command per band and key
 * (LRANGE on lookup; LPUSH, LTRIM, PEXPIRE on commit) made ~210 Redis commands per article.
 * Now a lookup reads each index with one HMGET per bucket (the current one and the
 * `INDEX_BUCKETS - 1` before it) and a commit writes the current bucket with HMGET + HSET +
 * PEXPIREAT: ~23 commands per article in all. A bucket expires once no lookup reads it
 * (INDEX_BUCKETS bucket lengths after it began), so an entry lives between 2 and 3 bucket
 * lengths: 6–9 days for bands (a fingerprint lives 6), 30–45 days for keys (a profile lives 30),
 * where a list or set lived its TTL after its last push. The indexes of the layout before
 * (`b:<band>` lists, `k:<key>` sets) are not read: after an upgrade, copies and stories of the
 * articles grouped before it are not found, and those keys expire on their own. Buckets are numbered from the worker's clock; a
 * clock skewed by s between hosts can hide the newest entries from a lagging host for s at a
 * bucket boundary, no more.
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
import { COMMIT, INDEX_BUCKETS, READ, RELEASE } from './redis-scripts.js';

export { INDEX_BUCKETS } from './redis-scripts.js';

/** Options of the Redis state. Times in ms. */
export interface RedisStoryStateOptions {
  /** Assignments and story profiles live this long (default 30 days, like the seen-set). */
  ttlMs?: number;
  /** Fingerprints live this long (default 6 days: twice the copy window); band buckets span half of it. */
  printTtlMs?: number;
  /** Ids kept per band and per key (default 50). */
  keep?: number;
  /** Lock expiry (default 10 s) and the longest wait for it (default 30 s). */
  lockTtlMs?: number;
  lockWaitMs?: number;
  /** The clock that numbers index buckets, epoch ms (tests). */
  now?: () => number;
}


/** The lock could not be taken within `lockWaitMs` (reason `story-failed`). */
export class StoryLockTimeout extends Error {
  constructor(waitedMs: number) {
    super(`story grouping lock not obtained within ${waitedMs} ms`);
    this.name = 'StoryLockTimeout';
  }
}

type ScriptRedis = Redis & {
  storyIndexRead(...args: (string | number)[]): Promise<[string | null, string[]?, string[]?, (string | null)[]?]>;
  storyIndexCommit(...args: (string | number)[]): Promise<number>;
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

  private readonly now: () => number;

  constructor(private readonly redis: Redis, prefix: string, opts: RedisStoryStateOptions = {}) {
    this.k = (s) => `${prefix}:story:${s}`;
    this.ttlMs = opts.ttlMs ?? 30 * 86_400_000;
    this.printTtlMs = opts.printTtlMs ?? 6 * 86_400_000;
    this.keep = opts.keep ?? 50;
    this.lockTtlMs = opts.lockTtlMs ?? 10_000;
    this.lockWaitMs = opts.lockWaitMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    // sent as EVALSHA (ioredis custom commands), with EVAL on a NOSCRIPT
    if (!('storyIndexRead' in redis)) {
      redis.defineCommand('storyIndexRead', { lua: READ });
      redis.defineCommand('storyIndexCommit', { lua: COMMIT });
    }
  }

  /**
   * An index's buckets at this moment: their keys, newest first (INDEX_BUCKETS of them), and
   * when the newest expires (epoch ms). `kind` b: bands (bucket = printTtl / 2), k: keys (ttl / 2).
   */
  private buckets(kind: 'b' | 'k'): { keys: string[]; expireAt: number } {
    const len = Math.max(1, Math.floor((kind === 'b' ? this.printTtlMs : this.ttlMs) / (INDEX_BUCKETS - 1)));
    const n = Math.floor(this.now() / len);
    return { keys: Array.from({ length: INDEX_BUCKETS }, (_, i) => this.k(`${kind}@${n - i}`)), expireAt: (n + INDEX_BUCKETS) * len };
  }

  /**
   * The lookups of one article in one round trip: its assignment, else the fingerprints of its
   * band hits that can be copies (same language, within `copyWindowMs`) and the `candidates`
   * stories sharing most of its keys, with their profiles.
   */
  async lookup(q: LookupQuery): Promise<LookupResult> {
    const { id, bands, keys } = q;
    const all = [this.k(`a:${id}`), ...this.buckets('b').keys, ...this.buckets('k').keys, this.k('lock')];
    const read = (token: string) => (this.redis as ScriptRedis).storyIndexRead(
      all.length, ...all, token, this.lockTtlMs, q.perBand, q.perKey, this.k('f:'), id, q.language ?? '~', q.publishedAt ?? '', q.copyWindowMs, this.k('s:'), q.candidates, bands.length, ...bands, ...keys,
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

  /** Per field, the ids filed under it in an index (newest bucket first, at most `per`, each once). */
  private async indexRead(kind: 'b' | 'k', fields: string[], per: number): Promise<string[][]> {
    if (!fields.length) return [];
    const p = this.redis.pipeline();
    for (const key of this.buckets(kind).keys) p.hmget(key, ...fields);
    const rows: (string | null)[][] = [];
    for (const [err, row] of (await p.exec()) ?? []) {
      if (err) throw err;
      rows.push(row as (string | null)[]);
    }
    return fields.map((_, i) => {
      const ids = new Set<string>();
      for (const row of rows) for (const id of row[i]?.split(' ') ?? []) if (ids.size < per && id) ids.add(id);
      return [...ids];
    });
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
    return [...new Set((await this.indexRead('b', bands, perBand)).flat())];
  }

  async prints(ids: string[]): Promise<(CopyPrint | null)[]> {
    await this.lock();
    const raws = await this.redis.mget(ids.map((id) => this.k(`f:${id}`)));
    return raws.map((r, i) => decodePrint(ids[i], r));
  }

  async keyHits(keys: string[], perKey: number): Promise<Map<string, number>> {
    await this.lock();
    const out = new Map<string, number>();
    for (const ids of await this.indexRead('k', keys, perKey)) for (const id of ids) out.set(id, (out.get(id) ?? 0) + 1);
    return out;
  }

  async stories(ids: string[]): Promise<(StoryProfile | null)[]> {
    await this.lock();
    const raws = await this.redis.mget(ids.map((id) => this.k(`s:${id}`)));
    return raws.map((r) => (r ? (JSON.parse(r) as StoryProfile) : null));
  }

  async commit(c: StoryCommit): Promise<void> {
    await this.lock();
    const b = this.buckets('b');
    const k = this.buckets('k');
    const keys = [this.k(`a:${c.assignment.id}`), this.k(`f:${c.print.id}`), this.k(`s:${c.story.id}`), b.keys[0], k.keys[0], this.k('lock')];
    const token = this.locked && this.token ? this.token : '';
    await (this.redis as ScriptRedis).storyIndexCommit(
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
      token,
      b.expireAt,
      k.expireAt,
      c.bands.length,
      ...c.bands,
      ...c.storyKeys,
    );
    if (token) this.locked = false; // released by the script
  }
}
