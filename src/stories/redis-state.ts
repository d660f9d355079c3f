/**
 * `StoryState` shared by every worker process through Redis (the worker's grouping), as a log
 * replicated into each process.
 *
 * Keys, all under `<prefix>:story:`:
 *   lock        the grouping lock (SET NX PX; checked and released by the commit script)
 *   log         a stream: one entry per grouped article (`encodeEntry`), entries older than
 *               `ttlMs` trimmed (XADD MINID ~)
 *
 * Each process keeps a `MemoryStoryState` replica: the fingerprints, band lists, key index and
 * story profiles are built by replaying the log in order, and grouping reads only the replica
 * (no profile or fingerprint crosses the network), assignments included. An article costs two
 * round trips of a few hundred bytes: the sync script takes the lock and reads the log entries
 * written since this process last read (by other processes); the commit script checks that the
 * lock is still held, appends the entry and releases the lock. Articles that follow one another
 * closely in one process (a burst, queued jobs) cost one round trip each: the commit keeps the
 * lock as a lease when the process may group again at once (at most `LEASE_ARTICLES` articles
 * and `LEASE_MS` in a row, so other processes get their turn), and the next article, finding
 * the lease held, needs no sync (no other process can have written); a lease not used within
 * `LEASE_IDLE_MS` is released, and one older than `LEASE_TRUST` of the lock's TTL (a process
 * starved between two articles) is not trusted: the next sync renews it, or takes the lock
 * anew when it expired and another process may have written.
 * Under the lock every process has replayed every earlier entry, so all of them group exactly
 * as one `MemoryStoryState` would (the same code as `news-ingest stories`), and two copies
 * arriving at once in two workers cannot both become originals. A lock whose holder died
 * expires after `lockTtlMs`; a holder that lost its lock (it ran longer than that, or Redis
 * lost its data) fails its commit with `StoryLockLost`, writing nothing, and groups the article
 * once more at once; a second loss fails the job (reason `story-failed`, retried).
 *
 * A process that starts, or was idle for a while, first replays the log without the lock (a
 * stream is append-only), so it holds the lock only for the last few entries. The replica
 * drops fingerprints after `printTtlMs` and stories after `ttlMs` (times of their log entries),
 * as the Redis TTLs did before. Every key is under `<prefix>:`, so a `{hash-tag}` prefix keeps
 * them in one Redis Cluster slot.
 */
import { randomBytes } from 'node:crypto';
import type { RedisClient as Redis } from '../queue/connection.js'; // one Redis or a Redis Cluster
import { bandHashes, type StoryInput } from './features.js';
import { addToStory, DEFAULT_GROUPING, newStory, type Assignment, type CopyPrint, type StoryCommit, type StoryProfile, type StoryState } from './group.js';
import { MemoryStoryState } from './memory-state.js';

/** Options of the Redis state. Times in ms. */
export interface RedisStoryStateOptions {
  /** Assignments, log entries and story profiles live this long (default 30 days, like the seen-set). */
  ttlMs?: number;
  /** Fingerprints live this long in the replica (default 6 days: twice the copy window). */
  printTtlMs?: number;
  /** Story ids kept per key (default 50; a band lists its live articles, ./band-table.ts). */
  keep?: number;
  /** Lock expiry (default 10 s) and the longest wait for it (default 30 s). */
  lockTtlMs?: number;
  lockWaitMs?: number;
  /** Most stored keys a story profile keeps (must match the grouping's `maxStoryKeys`). */
  maxStoryKeys?: number;
  /** A lease unused this long (ms) is released (default `LEASE_IDLE_MS`, 10 ms; tests set it longer). */
  leaseIdleMs?: number;
}

/** The lock could not be taken within `lockWaitMs` (reason `story-failed`). */
export class StoryLockTimeout extends Error {
  constructor(waitedMs: number) {
    super(`story grouping lock not obtained within ${waitedMs} ms`);
    this.name = 'StoryLockTimeout';
  }
}

/** The lock expired while this process grouped an article; nothing was written (reason `story-failed`). */
export class StoryLockLost extends Error {
  constructor() {
    super('story grouping lock expired before the commit (grouping took longer than the lock TTL); nothing written');
    this.name = 'StoryLockLost';
  }
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

// KEYS: lock, log. ARGV: lock token ('' = read without the lock), lock ms, last entry id
// read, most entries. The lock is taken (SET NX PX), or renewed when the token already holds
// it (a lease too old to trust without asking). Returns {0} when another holds the lock, else
// {1, entries after the last read}.
const SYNC = `
if ARGV[1] ~= '' then
  if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2])
  elseif not redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {0} end
end
return {1, redis.call('xrange', KEYS[2], '(' .. ARGV[3], '+', 'COUNT', ARGV[4])}`;

// KEYS: lock, log. ARGV: token, entry, oldest id kept, lease ms ('' = release the lock).
// Returns the new entry's id, or an error when the lock is not held by the token.
const COMMIT = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return redis.error_reply('LOSTLOCK story lock not held') end
local id = redis.call('xadd', KEYS[2], 'MINID', '~', ARGV[3], '*', 'e', ARGV[2])
if ARGV[4] == '' then redis.call('del', KEYS[1]) else redis.call('pexpire', KEYS[1], ARGV[4]) end
return id`;

type Entry = [string, string[]];
type ScriptRedis = Redis & {
  storySync(...args: (string | number)[]): Promise<[number, Entry[]?]>;
  storyCommit2(...args: (string | number)[]): Promise<string>;
};

/** One log entry: what the replica needs to redo an article's commit. */
interface LogEntry {
  /** article id, story id, duplicateOf */
  i: string;
  s: string;
  d: string | null;
  /** publishedAt ms, language, source, title (the story's title when it is the earliest) */
  t: number | null;
  l: string | null;
  o: string | null;
  ti: string;
  /** shingles and MinHash (base64 of little-endian uint32s) */
  n: number;
  m: string;
  /** bottom-k sketch of its shingles (base64 of little-endian uint32s; round 5, absent before) */
  b?: string;
  /** words of its lede paragraph (`CopyPrint.leadShingles`; round 11, absent before) */
  ls?: number;
  /** the article's event keys (originals only) and the keys its story is indexed under */
  k?: string[];
  sk?: string[];
  /** stories this article merged into `s` (round 11, ./merge.ts); absent: none */
  mg?: string[];
}

/** Entries read per round trip while catching up. */
const BATCH = 2000;
/** A process idle this long (ms) catches up without the lock before taking it. */
const IDLE_SYNC_MS = 2000;
/**
 * A lease (the lock kept after a commit) lasts at most this many articles and ms in a row, and
 * is released when unused this long (ms). (It was off in round 3 for a redis-loss test failure
 * that turned out to be the test's own poll counting: main 4720050.)
 */
const LEASE_ARTICLES = 50;
const LEASE_MS = 250;
const LEASE_IDLE_MS = 10;
/**
 * A lease older than this share of the lock's TTL (since the commit that kept it) is not
 * trusted without asking Redis: the next article renews it in its sync (or takes the lock anew
 * when it expired), so a process starved between two articles (a loaded machine, a long
 * garbage collection) neither groups against a replica another process has moved past nor
 * fails its commit with `StoryLockLost` for a lock that merely ran out while it waited.
 */
const LEASE_TRUST = 0.25;

function encodeEntry(c: StoryCommit): string {
  const input = c.input;
  const m = Buffer.from(c.print.minhash.buffer, c.print.minhash.byteOffset, c.print.minhash.byteLength);
  const e: LogEntry = { i: c.assignment.id, s: c.assignment.storyId, d: c.assignment.duplicateOf, t: input.publishedAt, l: input.language, o: input.source, ti: input.title.slice(0, 500), n: c.print.shingles, m: m.toString('base64') };
  const sk = c.print.sketch;
  if (sk && sk.length) e.b = Buffer.from(sk.buffer, sk.byteOffset, sk.byteLength).toString('base64');
  if (c.print.leadShingles !== undefined) e.ls = c.print.leadShingles;
  if (!c.assignment.duplicateOf) {
    e.k = c.articleKeys;
    e.sk = c.storyKeys;
  }
  if (c.merged && c.merged.length) e.mg = c.merged;
  return JSON.stringify(e);
}

function decodeMinhash(b64: string): Uint32Array {
  const buf = Buffer.from(b64, 'base64');
  const out = new Uint32Array(buf.byteLength >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

/** Milliseconds of a stream entry id (`<ms>-<seq>`). */
const idTime = (id: string) => Number(id.slice(0, id.indexOf('-')));

/** See the module comment. */
export class RedisStoryState implements StoryState {
  /** A commit fails when the lock was lost: grouping keeps an undo log of its in-place profile update. */
  readonly commitMayFail = true;
  private readonly k: (s: string) => string;
  private readonly ttlMs: number;
  private readonly printTtlMs: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly maxStoryKeys: number;
  private readonly leaseIdleMs: number;
  private readonly replica: MemoryStoryState;
  /** Last log entry replayed, and when the log was last read. */
  private lastId = '0-0';
  private syncedAt = 0;
  private prunedAt = 0;
  /** Sections of this process run one after another (they would wait on the lock anyway). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Token of the running section's lock, and whether the lock is taken yet (see `exclusive`). */
  private token: string | null = null;
  private locked = false;
  /** A lock kept after a commit (see the module comment): its token, articles and start, and the timer releasing it. */
  private lease: { token: string; articles: number; since: number; at: number; timer: NodeJS.Timeout | null } | null = null;

  constructor(private readonly redis: Redis, prefix: string, opts: RedisStoryStateOptions = {}) {
    this.k = (s) => `${prefix}:story:${s}`;
    this.ttlMs = opts.ttlMs ?? 30 * 86_400_000;
    this.printTtlMs = opts.printTtlMs ?? 6 * 86_400_000;
    this.lockTtlMs = opts.lockTtlMs ?? 10_000;
    this.lockWaitMs = opts.lockWaitMs ?? 30_000;
    this.maxStoryKeys = opts.maxStoryKeys ?? DEFAULT_GROUPING.maxStoryKeys;
    this.leaseIdleMs = opts.leaseIdleMs ?? LEASE_IDLE_MS;
    this.replica = new MemoryStoryState(opts.keep ?? 50, this.maxStoryKeys);
    // sent as EVALSHA (ioredis custom commands), with EVAL on a NOSCRIPT
    if (!('storySync' in redis)) {
      redis.defineCommand('storySync', { numberOfKeys: 2, lua: SYNC });
      redis.defineCommand('storyCommit2', { numberOfKeys: 2, lua: COMMIT });
    }
  }

  /** What the replica holds (for logs and the benchmark). */
  replicaSize(): { prints: number; stories: number; assignments: number; aliases: number } {
    return this.replica.size();
  }

  /** The story a story id stands for now in this process's replica (a merged story's survivor, round 11); the replica is as current as the last grouping. */
  resolveStory(id: string): string {
    return this.replica.resolveStory(id);
  }

  /**
   * Runs `fn` holding the grouping lock of this prefix (all processes). The lock is taken by the
   * first state call inside `fn` (with the log read since the last section) and released by
   * `commit`'s script, else at the end; sections of one process are queued, not raced on the lock.
   * @throws StoryLockTimeout when the lock is not obtained within `lockWaitMs`; StoryLockLost
   *   when it was lost twice in a row
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // a lost lock (expired, or Redis lost its data) wrote nothing: the section runs once more
    // at once, syncing under a new lock, before the job is failed
    const run = this.queue.then(() => this.section(fn).catch((err: unknown) => (err instanceof StoryLockLost ? this.section(fn) : Promise.reject(err))));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async section<T>(fn: () => Promise<T>): Promise<T> {
    const lease = this.lease;
    if (lease) {
      if (lease.timer) clearTimeout(lease.timer);
      lease.timer = null;
      this.token = lease.token;
      // a fresh lease is still ours: nobody else wrote since our commit, the replica is current;
      // an old one is renewed (or the lock taken anew) by the sync of the first state call
      this.locked = Date.now() - lease.at < this.lockTtlMs * LEASE_TRUST;
    } else {
      if (Date.now() - this.syncedAt > IDLE_SYNC_MS) await this.catchUp(''); // long replays stay outside the lock
      this.token = randomBytes(12).toString('hex');
      this.locked = false;
    }
    try {
      return await fn();
    } finally {
      const token = this.token;
      const held = this.locked;
      this.token = null;
      this.locked = false;
      if (this.lease && this.lease.token === token) {
        // the commit kept the lock: release it unless another article comes at once
        const l = this.lease;
        l.timer = setTimeout(() => {
          if (this.lease !== l) return;
          this.lease = null;
          void this.redis.eval(RELEASE, 1, this.k('lock'), l.token).catch(() => undefined);
        }, this.leaseIdleMs);
        l.timer.unref();
      } else if (held) {
        this.lease = null;
        await this.redis.eval(RELEASE, 1, this.k('lock'), token).catch(() => undefined);
      }
    }
  }

  /**
   * Reads the log from the last entry replayed to its end and replays it; with a token, takes
   * the lock first (retrying while another holds it).
   */
  private async catchUp(token: string): Promise<void> {
    const sync = () => (this.redis as ScriptRedis).storySync(this.k('lock'), this.k('log'), token, this.lockTtlMs, this.lastId, BATCH);
    let res = await sync();
    const t0 = Date.now();
    let delay = 2;
    while (res[0] === 0) {
      if (Date.now() - t0 > this.lockWaitMs) throw new StoryLockTimeout(Date.now() - t0);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 50);
      res = await sync();
    }
    if (token) this.locked = true;
    let entries = res[1] ?? [];
    for (;;) {
      for (const [eid, fields] of entries) this.replay(eid, fields[1]);
      if (entries.length < BATCH) break;
      const more = await (this.redis as ScriptRedis).storySync(this.k('lock'), this.k('log'), '', this.lockTtlMs, this.lastId, BATCH);
      entries = more[1] ?? [];
    }
    this.syncedAt = Date.now();
    this.prune();
  }

  /** Redoes one logged commit in the replica (the same `addToStory` the writer ran). */
  private replay(eid: string, raw: string): void {
    this.lastId = eid;
    const e = JSON.parse(raw) as LogEntry;
    const minhash = decodeMinhash(e.m);
    const sketch = e.b ? decodeMinhash(e.b) : new Uint32Array(0);
    const input: StoryInput = { id: e.i, title: e.ti, text: '', language: e.l, publishedAt: e.t, source: e.o, signals: {} as StoryInput['signals'] };
    const base = this.replica.storyNow(e.s) ?? { ...newStory(input), id: e.s };
    const keys = new Map((e.k ?? []).map((k) => [k, 1]));
    const story = addToStory(base, input, { minhash, sketch, shingles: e.n, leadShingles: e.ls ?? e.n, bands: new Uint32Array(0), keys }, e.d !== null, this.maxStoryKeys);
    this.replica.apply({
      assignment: { id: e.i, storyId: e.s, duplicateOf: e.d },
      print: { id: e.i, minhash, sketch: e.b ? sketch : undefined, shingles: e.n, ...(e.ls !== undefined ? { leadShingles: e.ls } : {}), language: e.l, publishedAt: e.t, storyId: e.s, source: e.o },
      bands: e.n >= 1 ? bandHashes(minhash) : new Uint32Array(0),
      story,
      storyKeys: e.sk ?? [],
      input,
      articleKeys: e.k ?? [],
      ...(e.mg ? { merged: e.mg } : {}),
    }, idTime(eid));
  }

  private prune(): void {
    const now = Date.now();
    if (now - this.prunedAt < 60_000) return;
    this.prunedAt = now;
    this.replica.prune(now - this.printTtlMs, now - this.ttlMs);
  }

  /** The article's assignment in the replica (taking the lock and catching up with the log first). */
  async assignment(id: string): Promise<Assignment | null> {
    if (this.token && !this.locked) await this.catchUp(this.token);
    return this.replica.assignmentNow(id);
  }

  async bandHits(bands: ArrayLike<number>, perBand: number): Promise<string[]> {
    return this.replica.bandHits(bands, perBand);
  }

  async prints(ids: string[]): Promise<(CopyPrint | null)[]> {
    return this.replica.prints(ids);
  }

  async keyHits(keys: string[], perKey: number): Promise<Map<string, number>> {
    return this.replica.keyHits(keys, perKey);
  }

  async stories(ids: string[]): Promise<(StoryProfile | null)[]> {
    return this.replica.stories(ids);
  }

  /**
   * Appends the log entry, releasing the lock or keeping it as a lease (module comment), then
   * applies the commit to the replica.
   * @throws StoryLockLost when the lock expired meanwhile (nothing is written)
   */
  async commit(c: StoryCommit): Promise<void> {
    if (!this.token || !this.locked) await this.assignment(c.assignment.id); // takes the lock
    const token = this.token!;
    const now = Date.now();
    const l = this.lease && this.lease.token === token ? this.lease : { token, articles: 0, since: now, at: now, timer: null };
    const keep = l.articles + 1 < LEASE_ARTICLES && now - l.since < LEASE_MS;
    let id: string;
    try {
      id = await (this.redis as ScriptRedis).storyCommit2(this.k('lock'), this.k('log'), token, encodeEntry(c), `${now - this.ttlMs}-0`, keep ? this.lockTtlMs : '');
    } catch (err) {
      this.lease = null;
      if (/LOSTLOCK/.test((err as Error).message)) {
        this.locked = false;
        throw new StoryLockLost();
      }
      throw err;
    }
    this.locked = false; // released by the script, or kept as the lease
    if (keep) {
      l.articles++;
      l.at = now; // the lock's TTL runs from this commit at the earliest
      this.lease = l;
    } else this.lease = null;
    this.lastId = id;
    this.replica.apply(c, idTime(id));
  }
}
