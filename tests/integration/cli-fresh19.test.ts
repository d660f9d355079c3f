/**
 * Round 19 new-user review (docs/review.md "Round 19 (fresh19)"), through the real CLI in a
 * child process:
 * - a `rediss://` URL at a Redis without TLS was called "frozen or overloaded, or the port is
 *   not Redis"; the server is fine, the scheme is wrong: the message now says so.
 * - an empty `NEWS_INGEST_CONFIG` (compose's `${VAR}` of an unset variable) was taken as the
 *   path "" and refused, while an empty `REDIS_URL` or `LOG_LEVEL` counts as unset.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli-process.js';
import { REDIS_URL } from '../helpers/worker.js';

describe('rediss:// at a Redis without TLS', { timeout: 120_000 }, () => {
  it('exit 3, naming TLS and redis://', async () => {
    const plain = new URL(REDIS_URL);
    const r = await runCli(['status'], { REDIS_URL: `rediss://${plain.host}`, NEWS_INGEST_CONFIG: '' });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/a rediss:\/\/ URL speaks TLS, and a Redis without TLS on that port never answers it\. Use redis:\/\//);
  });
});

describe('an empty NEWS_INGEST_CONFIG', () => {
  it('is unset: the default config is read', () => {
    expect(() => loadConfig(undefined, { NEWS_INGEST_CONFIG: '' })).not.toThrow();
    expect(loadConfig(undefined, { NEWS_INGEST_CONFIG: '' }).feeds.length).toBeGreaterThan(0);
  });
});
