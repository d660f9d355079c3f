/**
 * The JSONL sink, the embedded default: one JSON record per line.
 *
 * Upsert rule: append-only with compaction. A write appends the record as one line (one
 * `write(2)` with O_APPEND, under a cross-process file lock, so lines never interleave or
 * tear); the current view of the file is the LAST line of each `id`. Compaction rewrites
 * the file to that view (temp file + rename, atomic on POSIX) when it is closed and
 * whenever superseded lines outnumber live ones. A write identical to the line already
 * there for its id (same contentHash and topics) is skipped.
 */
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import type { ArticleRecord } from '../types.js';
import type { Sink } from './types.js';

function fingerprint(r: Pick<ArticleRecord, 'contentHash' | 'topics'>): string {
  return `${r.contentHash}|${JSON.stringify(r.topics)}`;
}

/**
 * Reads the current view of a JSONL file: the last line per id, in order of first
 * appearance. Blank or unparsable lines (none are written by this sink) are skipped.
 */
export function readJsonlRecords(path: string): ArticleRecord[] {
  if (!existsSync(path)) return [];
  const byId = new Map<string, ArticleRecord>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as ArticleRecord;
      if (r && typeof r.id === 'string') byId.set(r.id, r);
    } catch {
      /* a line from another writer; ignored */
    }
  }
  return [...byId.values()];
}

/** See the module comment. `path` is created with its folder on first write. */
export class JsonlSink implements Sink {
  readonly name: string;
  private known = new Map<string, string>();
  private lines = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private opened = false;

  constructor(
    readonly path: string,
    readonly only: 'relevant' | 'all',
    index = 0,
  ) {
    this.name = `jsonl:${index}`;
  }

  private async open(): Promise<void> {
    if (this.opened) return;
    await mkdir(dirname(this.path), { recursive: true });
    if (!existsSync(this.path)) await writeFile(this.path, '', { flag: 'a' });
    for (const r of readJsonlRecords(this.path)) this.known.set(r.id, fingerprint(r));
    this.lines = this.known.size;
    this.opened = true;
  }

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const release = await lockfile.lock(this.path, { retries: { retries: 50, minTimeout: 20, maxTimeout: 200 }, stale: 30_000 });
    try {
      return await fn();
    } finally {
      await release();
    }
  }

  /** Appends the record unless an identical line is already the current one for its id. */
  write(record: ArticleRecord): Promise<void> {
    const run = this.chain.then(async () => {
      await this.open();
      const fp = fingerprint(record);
      if (this.known.get(record.id) === fp) return;
      await this.locked(() => appendFile(this.path, `${JSON.stringify(record)}\n`));
      this.known.set(record.id, fp);
      this.lines++;
      if (this.lines > 1000 && this.lines > 2 * this.known.size) await this.compact();
    });
    this.chain = run.catch(() => {});
    return run;
  }

  /** Rewrites the file to its current view (last line per id). Safe across processes. */
  async compact(): Promise<{ before: number; after: number }> {
    if (!existsSync(this.path)) return { before: 0, after: 0 };
    return this.locked(async () => {
      const text = await readFile(this.path, 'utf8');
      const before = text.split('\n').filter((l) => l.trim()).length;
      const recs = readJsonlRecords(this.path);
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, recs.map((r) => `${JSON.stringify(r)}\n`).join(''));
      await rename(tmp, this.path);
      this.known = new Map(recs.map((r) => [r.id, fingerprint(r)]));
      this.lines = recs.length;
      return { before, after: recs.length };
    });
  }

  async close(): Promise<void> {
    await this.chain;
    if (this.opened) await this.compact();
  }
}
