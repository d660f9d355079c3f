/** Helpers to run the real worker in-process against the local Redis with a unique prefix. */
import { Writable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { createLogger, type Logger } from '../../src/log.js';
import { deleteKeysWithPrefix } from '../../src/queue/connection.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A logger whose JSON lines are kept in `lines` (parsed). */
export function captureLogger(level = 'debug'): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const dest = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { log: createLogger(level, { pretty: false, destination: dest }), lines };
}

/** A unique Redis prefix for one test file run. */
export function uniquePrefix(name: string): string {
  return `test-${name}-${process.pid}-${Date.now().toString(36)}`;
}

/** A fresh temp directory. */
export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `news-ingest-${name}-`));
}

/** Builds a validated test config (loopback allowed, short backoff). */
export function testConfig(raw: Record<string, unknown>): Config {
  const r = raw as { http?: object; worker?: object };
  return parseConfig({ ...raw, http: { allowPrivateNetworks: true, ...(r.http ?? {}) }, worker: { backoffMs: 50, ...(r.worker ?? {}) } }, '(test)', {});
}

/** Deletes every key under a test prefix. */
export async function dropPrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  await deleteKeysWithPrefix(r, prefix);
  await r.quit();
}
