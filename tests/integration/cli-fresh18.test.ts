/**
 * Round 18 new-user review (docs/review.md "Round 18 (fresh18)"), through the real CLI in a
 * child process (REDIS_URL is a closed loopback port: nothing here connects):
 * - a usage error (`status --bogus`) printed the command's whole help after its error line;
 *   now one line naming the command's `--help`.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-process.js';

const env = { REDIS_URL: 'redis://127.0.0.1:1', NEWS_INGEST_CONFIG: '' };

describe('usage errors', { timeout: 120_000 }, () => {
  it.each([
    [['status', '--bogus'], "error: unknown option '--bogus'", 'news-ingest status --help'],
    [['jobs', 'list', '--queue'], "error: option '--queue <name>' argument missing", 'news-ingest jobs list --help'],
    [['nope'], "error: unknown command 'nope'", 'news-ingest --help'],
  ])('%j: the error line and one line naming the help, exit 2', async (args, error, help) => {
    const r = await runCli(args, env);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toEqual([error, `(${help} for usage)`]);
    expect(r.err).not.toContain('Usage:');
  });
});
