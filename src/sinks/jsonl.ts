/**
 * The JSONL sink, the embedded default: one JSON record per line.
 *
 * Upsert rule: append-only with compaction. A write appends the record as one line (one
 * `write(2)` with O_APPEND, under a cross-process file lock, so lines never interleave or
 * tear); the current view of the file is the LAST line of each `id`. Compaction rewrites
 * the file to that view (temp file + rename, atomic on POSIX) when it is closed after this
 * process superseded a line, and whenever superseded lines outnumber live ones. Compaction
 * streams the file twice (memory O(ids), never O(file)); the compacted file keeps each
 * record at the place of its last line. A write identical to the line already there for its
 * id (same contentHash, topics, storyId and duplicateOf) is skipped.
 *
 * Crash safety: a process killed in the middle of a large append (SIGKILL can stop a
 * regular-file write between pages) leaves a last line without its "\n". Before every
 * append, under the lock, a file that does not end in "\n" is cut back to its last complete
 * line; the torn record's job never completed, so it is written again when the job re-runs.
 * A lock left by a killed process is taken over after LOCK_STALE_MS.
 */
import { access, mkdir, open as openFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import { constants as fsConstants, createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import type { ArticleRecord } from '../types.js';
import type { Logger } from '../log.js';
import type { Sink, SinkWriteOutcome } from './types.js';
import { recordVersion } from './version.js';


/**
 * Age after which another process's lock is taken over, ms. proper-lockfile refreshes a held
 * lock every LOCK_STALE_MS / 2; our critical sections last milliseconds (one append).
 */
export const LOCK_STALE_MS = 10_000;

/**
 * How long a write waits for the file lock while another writer holds it (ELOCKED): tries 1 ms
 * apart at first, growing 1.2x per try up to 20 ms, at most LOCK_WAIT.tries (about 15-20 s in
 * all, longer than LOCK_STALE_MS). The numbers are the ones proper-lockfile was given before;
 * short gaps because appends hold the lock for well under a millisecond, and a 20 ms first
 * retry serialized two worker processes (bench:pipeline K=2).
 */
export const LOCK_WAIT = { tries: 1000, firstMs: 1, maxMs: 20, factor: 1.2 } as const;

/**
 * Takes a lock with `take` (proper-lockfile's `lock` without retries), trying again only while
 * another holder has it (`ELOCKED`), as LOCK_WAIT says. Any other error (EROFS: a read-only
 * mount, EACCES, ENOSPC, ENOENT) is thrown at once: proper-lockfile retries every error, so a
 * folder that had turned read-only held each JSONL write 15-48 s before it failed, and the
 * delivery queue crawled (fresh15).
 * @param onRetry called before each wait (counted by the sink)
 * @returns the release function
 */
export async function lockWhileHeld(take: () => Promise<() => Promise<void>>, onRetry: () => void = () => {}): Promise<() => Promise<void>> {
  let delay: number = LOCK_WAIT.firstMs;
  for (let tried = 1; ; tried++) {
    try {
      return await take();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || tried >= LOCK_WAIT.tries) throw err;
      onRetry();
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(LOCK_WAIT.maxMs, delay * LOCK_WAIT.factor);
    }
  }
}

/** Most records appended together by one group commit (see `JsonlSink.write`). */
export const GROUP_MAX = 100;

/**
 * Appends `line` (ending in "\n") to the file at `path` with one positional write, after
 * cutting a torn last line (one without "\n"). Call under the file lock. A write that fails
 * part-way (ENOSPC: the disk is full) is cut back before the error is thrown.
 * @returns bytes of torn tail removed (0 when the file was whole)
 */
export async function appendWholeLine(path: string, line: string): Promise<number> {
  // O_APPEND (a+): the write lands at the end whatever the position says; creates a missing file.
  const fh = await openFile(path, 'a+');
  try {
    let { size } = await fh.stat();
    let cut = 0;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        // Scan back for the last "\n"; everything after it is the torn line.
        const chunk = Buffer.alloc(65_536);
        let end = size;
        let keep = 0;
        while (end > 0) {
          const start = Math.max(0, end - chunk.length);
          const { bytesRead } = await fh.read(chunk, 0, end - start, start);
          const nl = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
          if (nl >= 0) {
            keep = start + nl + 1;
            break;
          }
          end = start;
        }
        await fh.truncate(keep);
        cut = size - keep;
        size = keep;
      }
    }
    const buf = Buffer.from(line, 'utf8');
    let off = 0;
    try {
      while (off < buf.length) off += (await fh.write(buf, off, buf.length - off, size + off)).bytesWritten;
    } catch (err) {
      // A write cut short (ENOSPC, EFBIG, EIO) leaves part of a line: cut the file back to its
      // last whole line at once (it frees the space), so that readers never see the torn line
      // while the disk stays full (review15). The caller's retry appends the lines again.
      if (off > 0) await fh.truncate(size).catch(() => undefined);
      throw err;
    }
    return cut;
  } finally {
    await fh.close();
  }
}

/**
 * Throws when `path` exists and is not a regular file (symlinks followed): a device such as
 * `/dev/full` or `/dev/zero` reads without end, so the sink's first read of its file (and any
 * reader's) grew one string until V8 ended the process with an uncaught `RangeError: Invalid
 * string length` (docs/review.md round 10 leftover, fixed round 12); a FIFO blocks the read.
 * `start` and `config check` refuse such a path before connecting (jsonlPathProblem); this
 * covers a path that became one later, and the readers (`retag`, `search`, `show`, `/stories`).
 * @throws Error naming the path and what it is (the sink's write then fails as `sink-failed`)
 */
export function assertRegularFile(path: string): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return; // missing (made by the first write) or unreadable: the open that follows names it
  }
  if (st.isFile() || st.isDirectory()) return; // a folder: the read fails at once with EISDIR, named by the callers
  const what = st.isCharacterDevice() ? 'a character device' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isBlockDevice() ? 'a block device' : 'not a file';
  throw new Error(`JSONL file ${path} is ${what}, not a regular file: it cannot hold records`);
}

/** What a read of a JSONL file found: non-blank lines, and how many of them were no record. */
export interface JsonlReadStats {
  /** Non-blank lines read. */
  lines: number;
  /** Lines that are not a record (not JSON, or no string `id`): a torn write, another writer, not a sink file. */
  notRecords: number;
}

/**
 * Reads the current view of a JSONL file: the last line per id, in order of first
 * appearance. Blank or unparsable lines (none are written by this sink) are skipped and
 * counted in `stats` when given, so that a caller can say a file is not a sink file.
 */
export function readJsonlRecords(path: string, stats?: JsonlReadStats): ArticleRecord[] {
  if (!existsSync(path)) return [];
  assertRegularFile(path);
  const byId = new Map<string, ArticleRecord>();
  let lines = 0;
  let notRecords = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    lines++;
    const r = recordOfLine(line);
    if (r) byId.set(r.id, r);
    else notRecords++;
  }
  if (stats) Object.assign(stats, { lines, notRecords });
  return [...byId.values()];
}

/** The record a non-blank line holds, or null for a line that is none (a torn write, another writer's line, no string `id`). */
function recordOfLine(line: string): ArticleRecord | null {
  try {
    const r = JSON.parse(line) as ArticleRecord;
    return r && typeof r.id === 'string' ? r : null;
  } catch {
    return null;
  }
}

/** Streams a JSONL file's parsable records with their 0-based line numbers; lines that are no record are counted in `skipped`. */
async function* streamLines(path: string, skipped?: { lines: number }): AsyncIterable<{ n: number; line: string; record: ArticleRecord }> {
  if (!existsSync(path)) return;
  assertRegularFile(path);
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = -1;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    const record = recordOfLine(line);
    if (record) yield { n, line, record };
    else if (skipped) skipped.lines++; // a torn or foreign line: not part of the view
  }
}

/** Line number of the last line of each id, and the count of record lines (first pass). */
async function lastLines(path: string): Promise<{ last: Map<string, number>; lines: number }> {
  const last = new Map<string, number>();
  let lines = 0;
  for await (const { n, record } of streamLines(path)) {
    last.set(record.id, n);
    lines++;
  }
  return { last, lines };
}

/** See the module comment. `path` is created with its folder on first write. */
export class JsonlSink implements Sink {
  readonly type = 'jsonl';
  private known = new Map<string, string>();
  private lines = 0;
  /** Lines this process appended for an id that already had one. */
  private superseded = 0;
  /** Writes not yet appended, and the append loop while it runs (see `write`). */
  private pending: { record: ArticleRecord; resolve: (o: SinkWriteOutcome) => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  /** The file's real path, once it exists (see `locked`). */
  private realPath: string | null | undefined;
  private opened = false;
  /** Torn last lines (left by a killed writer) this sink has cut before appending. */
  tornTailsRepaired = 0;
  /** Times the file's folder was gone at a write and made again (see `flush`). */
  foldersRecreated = 0;
  /** Waits for the file lock while another writer held it (see `lockWhileHeld`); other lock errors are not retried. */
  lockRetries = 0;

  constructor(
    readonly path: string,
    readonly only: 'relevant' | 'all',
    /** See `Sink.name`. */
    readonly name = 'jsonl',
    /** Where `sink.folder-recreated` is logged (the worker's logger); none: not logged. */
    private readonly log?: Logger,
  ) {}

  /**
   * The file's folder removed while the sink runs (an operator's clean-up, a rotation that
   * moves the folder): every append failed with ENOENT for good, each after ~15 s of lock
   * retries, until someone made the folder again (docs/review.md round 9 faults). It is made
   * again here and the file started anew: the ids known from the old file are forgotten, so the
   * records written from now on are all in the new file. Logged as `sink.folder-recreated`.
   */
  private folderGone(): void {
    this.opened = false;
    this.known.clear();
    this.lines = 0;
    this.superseded = 0;
    this.realPath = undefined;
    this.foldersRecreated++;
    this.log?.warn({ event: 'sink.folder-recreated', sink: this.name, path: this.path }, 'the JSONL file\'s folder was gone: made again, the file starts anew');
  }

  private async open(): Promise<void> {
    if (this.opened) return;
    await mkdir(dirname(this.path), { recursive: true });
    if (!existsSync(this.path)) await writeFile(this.path, '', { flag: 'a' });
    assertRegularFile(this.path);
    let lines = 0;
    for await (const { record } of streamLines(this.path)) {
      this.known.set(record.id, recordVersion(record));
      lines++;
    }
    this.lines = lines;
    this.opened = true;
  }

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    // The real path is resolved once (proper-lockfile would resolve it, one lstat per path
    // component, on every lock), so every process still locks the same `<real path>.lock`.
    this.realPath ??= await realpath(this.path).catch(() => null);
    const path = this.realPath ?? this.path;
    const release = await lockWhileHeld(
      () =>
        lockfile.lock(path, {
          realpath: this.realPath === null,
          // retried by lockWhileHeld, and only while another writer holds the lock
          retries: 0,
          stale: LOCK_STALE_MS,
          // The default throws from a timer (a process crash) when a refresh is late; a late
          // refresh only means another process may take the lock over, which the tail repair covers.
          onCompromised: () => {},
        }),
      () => this.lockRetries++,
    );
    try {
      return await fn();
    } finally {
      await release();
    }
  }

  /** Ready when the file's folder exists (or can be made) and is writable. */
  async probe(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await access(dirname(this.path), fsConstants.W_OK);
  }

  /**
   * Appends the record unless the current line of its id holds the same version. Records
   * written while an append is under way are appended together next, under one lock and with
   * one write (group commit, at most GROUP_MAX a time): the lock, open, stat and write once per
   * group instead of once per record (issue 17). Each write resolves once its own line is in
   * the file; a failed append rejects every write of its group.
   * @returns `written`, or `unchanged` when nothing was appended
   */
  write(record: ArticleRecord): Promise<SinkWriteOutcome> {
    return new Promise<SinkWriteOutcome>((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      this.kick();
    });
  }

  /** Starts the append loop unless it runs; once it ends, starts it again for writes that came meanwhile. */
  private kick(): void {
    if (this.flushing || !this.pending.length) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      this.kick();
    });
  }

  /** Appends the pending records, group by group, until none is left. */
  private async flush(): Promise<void> {
    while (this.pending.length) {
      const group = this.pending.splice(0, GROUP_MAX);
      try {
        // one stat a group (not a record): a folder removed under a running sink is made again in open()
        if (this.opened && !existsSync(dirname(this.path))) this.folderGone();
        await this.open();
        // versions as they will be once this group is appended (an id twice in a group: the second compares with the first)
        const after = new Map<string, string>();
        const lines: string[] = [];
        const outcomes: SinkWriteOutcome[] = [];
        let superseded = 0;
        for (const { record } of group) {
          const fp = recordVersion(record);
          const cur = after.has(record.id) ? after.get(record.id) : this.known.get(record.id);
          if (cur === fp) {
            outcomes.push('unchanged');
            continue;
          }
          if (cur !== undefined) superseded++;
          after.set(record.id, fp);
          lines.push(`${JSON.stringify(record)}\n`);
          outcomes.push('written');
        }
        if (lines.length) this.tornTailsRepaired += (await this.locked(() => appendWholeLine(this.path, lines.join('')))) > 0 ? 1 : 0;
        for (const [id, fp] of after) this.known.set(id, fp);
        this.superseded += superseded;
        this.lines += lines.length;
        if (this.lines > 1000 && this.lines > 2 * this.known.size) await this.compact();
        group.forEach((w, i) => w.resolve(outcomes[i]));
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
  }

  /** Resolves when no write is pending or under way. */
  private async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * Rewrites the file to its current view (last line per id), streaming it twice. Safe across
   * processes (under the file lock); a file with nothing superseded is left as it is.
   */
  async compact(): Promise<{ before: number; after: number }> {
    if (!existsSync(this.path)) return { before: 0, after: 0 };
    return this.locked(async () => {
      const { last, lines } = await lastLines(this.path);
      if (lines === last.size) return { before: lines, after: lines };
      const tmp = `${this.path}.${process.pid}.tmp`;
      const out = createWriteStream(tmp, { encoding: 'utf8' });
      // A write error (ENOSPC: the disk is full) is kept and thrown below, and the temp file is
      // removed: left behind it held the space a full disk needed, one file per failed close.
      let failed: Error | null = null;
      out.on('error', (err) => (failed ??= err));
      const known = new Map<string, string>();
      try {
        for await (const { n, line, record } of streamLines(this.path)) {
          if (failed) break;
          if (last.get(record.id) !== n) continue;
          known.set(record.id, recordVersion(record));
          if (!out.write(`${line}\n`)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        }
        if (!failed) {
          out.end();
          await Promise.race([once(out, 'finish'), once(out, 'close')]);
        }
        if (failed) throw failed;
        await rename(tmp, this.path);
      } catch (err) {
        out.destroy();
        await unlink(tmp).catch(() => {});
        throw err;
      }
      this.known = known;
      this.lines = last.size;
      this.superseded = 0;
      return { before: lines, after: last.size };
    });
  }

  /** Lines the last finished `readAll` skipped (torn or foreign lines); see `Sink.readSkipped`. */
  readSkipped = 0;

  /** The current view of the file (last line per id), streamed in pages of `pageSize` records; lines that are no record are counted in `readSkipped`. */
  async *readAll(pageSize = 500): AsyncIterable<ArticleRecord[]> {
    await this.idle();
    const { last } = await lastLines(this.path);
    let page: ArticleRecord[] = [];
    const skipped = { lines: 0 };
    for await (const { n, record } of streamLines(this.path, skipped)) {
      if (last.get(record.id) !== n) continue;
      page.push(record);
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
    this.readSkipped = skipped.lines;
  }

  /** Waits for pending writes; compacts when this process superseded lines. */
  async close(): Promise<void> {
    await this.idle();
    if (this.opened && this.superseded > 0) await this.compact();
  }
}
