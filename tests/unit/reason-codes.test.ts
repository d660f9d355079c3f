/**
 * One registry of reason codes (src/errors.ts) and the README's table list the same codes with
 * the same retry class; the CLI maps its error classes to exit codes with `instanceof`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { exitOf } from '../../src/cli/exit.js';
import { ConfigError } from '../../src/config/load.js';
import { ALL_REASONS, IngestError, isTransient, OpsConfigError, REASONS, RedisEvictionError, RedisUnavailableError, ReingestError, UsageError, type ReasonCode } from '../../src/errors.js';

/** Rows of the README's "Reason codes" table: code → retried (yes/no). */
function readmeTable(): Map<string, string> {
  const text = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const start = text.indexOf('### Reason codes');
  expect(start, 'README has a "### Reason codes" section').toBeGreaterThan(0);
  const rows = new Map<string, string>();
  for (const line of text.slice(start).split('\n').slice(1)) {
    if (line.startsWith('#')) break;
    const m = /^\| `([a-z0-9-]+)` \| (yes|no) \|/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  return rows;
}

describe('reason codes', () => {
  it('the README table lists exactly the registry, with the same retry class', () => {
    const rows = readmeTable();
    expect([...rows.keys()].sort()).toEqual(Object.keys(ALL_REASONS).sort());
    for (const code of Object.keys(REASONS) as ReasonCode[]) expect(rows.get(code), code).toBe(isTransient(code) ? 'yes' : 'no');
  });
});

describe('every reason a log event gives is registered', () => {
  it('scans src/ and jobs/ for `event: ..., reason: "<literal>"` and finds each literal in the registry', () => {
    const root = resolve(import.meta.dirname, '../..');
    const files = (readdirSync(join(root, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(root, 'src', f));
    files.push(...readdirSync(join(root, 'jobs')).filter((f) => f.endsWith('.ts')).map((f) => join(root, 'jobs', f)));
    const found = new Map<string, string>();
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        if (!/\bevent: '/.test(line)) continue;
        for (const m of line.matchAll(/\breason: '([a-z0-9-]+)'/g)) found.set(m[1], f);
      }
    }
    expect(found.size).toBeGreaterThan(5);
    expect([...found].filter(([code]) => !(code in ALL_REASONS))).toEqual([]);
  });
});

describe('exit codes by error class', () => {
  it('maps each class with instanceof, whatever its name says', () => {
    expect(exitOf(new ConfigError('c.yaml', ['feeds[0].url: invalid URL']))).toEqual({ code: 2, message: 'invalid config c.yaml:\n  feeds[0].url: invalid URL' });
    expect(exitOf(new ReingestError('unknown feed id "x"')).code).toBe(2);
    expect(exitOf(new OpsConfigError('needs a token')).code).toBe(2);
    expect(exitOf(new UsageError('no target')).code).toBe(2);
    expect(exitOf(new RedisUnavailableError('redis://u:secret@127.0.0.1:1', { code: 'ECONNREFUSED' }))).toMatchObject({ code: 3 });
    expect(exitOf(new RedisUnavailableError('redis://u:secret@127.0.0.1:1', {})).message).not.toContain('secret');
    expect(exitOf(new RedisEvictionError('redis://u:secret@127.0.0.1:1', 'allkeys-lru'))).toMatchObject({ code: 3 });
    expect(exitOf(new RedisEvictionError('redis://u:secret@127.0.0.1:1', 'allkeys-lru')).message).not.toContain('secret');
    expect(exitOf(new IngestError('not-found', 'HTTP 404 for x'))).toEqual({ code: 1, message: '[not-found] HTTP 404 for x' });
    expect(exitOf(new CommanderError(1, 'commander.unknownCommand', 'unknown'))).toEqual({ code: 2, message: null });
    // A plain Error that merely calls itself RedisUnavailableError is not one.
    const impostor = new Error('boom');
    impostor.name = 'RedisUnavailableError';
    expect(exitOf(impostor)).toEqual({ code: 1, message: 'boom' });
  });
});
