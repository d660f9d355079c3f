/**
 * `start` refuses a JSONL sink whose file can never be written (src/cli/start.ts,
 * jsonlPathProblem): a part of its path that is a file, or the path itself a folder. A folder
 * still to be made is fine (the sink makes it). Real files in a temp folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStart, jsonlPathProblem } from '../../src/cli/start.js';
import { UsageError } from '../../src/errors.js';
import { tempDir, testConfig } from '../helpers/worker.js';

describe('jsonlPathProblem', () => {
  const dir = tempDir('start-checks');
  writeFileSync(join(dir, 'bin.dat'), 'x');
  mkdirSync(join(dir, 'out'));

  it('names the part of the path that is a file, not a folder', () => {
    expect(jsonlPathProblem(join(dir, 'bin.dat', 'articles.jsonl'))).toBe(`${join(dir, 'bin.dat')} is a file, not a folder`);
    expect(jsonlPathProblem(join(dir, 'bin.dat', 'deeper', 'articles.jsonl'))).toBe(`${join(dir, 'bin.dat')} is a file, not a folder`);
  });

  it('refuses a folder as the file, accepts folders still to be made and an existing file', () => {
    expect(jsonlPathProblem(join(dir, 'out'))).toBe('is a folder, not a file');
    expect(jsonlPathProblem(join(dir, 'new', 'sub', 'articles.jsonl'))).toBeNull();
    expect(jsonlPathProblem(join(dir, 'bin.dat'))).toBeNull();
  });

  it('refuses a path that is no regular file: a device such as /dev/full (read without end at open), a FIFO', () => {
    expect(jsonlPathProblem('/dev/full')).toMatch(/^is a character device, not a regular file/);
    expect(jsonlPathProblem('/dev/null')).toMatch(/^is a character device, not a regular file/);
    const link = join(dir, 'full.jsonl');
    symlinkSync('/dev/full', link);
    expect(jsonlPathProblem(link)).toMatch(/^is a character device/);
    const fifo = join(dir, 'pipe.jsonl');
    execFileSync('mkfifo', [fifo]);
    expect(jsonlPathProblem(fifo)).toMatch(/^is a FIFO \(named pipe\), not a regular file/);
  });

  it('tries the folder with a real file (access(2) says yes to root under /proc): refuses /proc, leaves no probe behind', () => {
    expect(jsonlPathProblem('/proc/articles.jsonl')).toMatch(/^a file cannot be made in the folder \/proc \(/);
    expect(jsonlPathProblem('/proc/news/articles.jsonl')).toMatch(/^a file cannot be made in the folder \/proc \(/);
    expect(jsonlPathProblem(join(dir, 'out', 'articles.jsonl'))).toBeNull();
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('start refuses such a sink with a usage error naming the sink and the path', () => {
    const path = join(dir, 'bin.dat', 'articles.jsonl');
    const cfg = testConfig({ feeds: [{ id: 'f', url: 'http://127.0.0.1:9/feed.xml' }], sinks: [{ type: 'jsonl', path, only: 'all' }] });
    expect(() => checkStart(cfg, {})).toThrow(UsageError);
    expect(() => checkStart(cfg, {})).toThrow(`sinks[0] (${cfg.sinks[0].name}): ${path}: ${join(dir, 'bin.dat')} is a file, not a folder`);
  });
});
