/**
 * How the command line ends on an error: the exit code and the line printed to stderr,
 * matched with `instanceof` on the error classes of src/errors.ts and src/config/load.ts.
 * Exit codes: 1 a runtime failure, 2 bad usage or an invalid config (a database index of
 * redis.url that Redis refuses included), 3 Redis unreachable or
 * evicting any key (maxmemory-policy allkeys-*); 4 (set by `start --once` itself, not here) a
 * run that completed with failed jobs or pending deliveries (ONCE_INCOMPLETE_EXIT, src/cli.ts).
 */
import { CommanderError } from 'commander';
import { ConfigError } from '../config/load.js';
import { fsErrorText, IngestError, RedisDatabaseError, RedisEvictionError, RedisUnavailableError, UsageError } from '../errors.js';

/** The exit code and the stderr text (null: print nothing) for an error thrown by a command. */
export function exitOf(err: unknown): { code: number; message: string | null } {
  if (err instanceof CommanderError) return { code: err.exitCode === 0 ? 0 : 2, message: null };
  if (err instanceof ConfigError || err instanceof UsageError || err instanceof RedisDatabaseError) return { code: 2, message: err.message };
  if (err instanceof RedisUnavailableError || err instanceof RedisEvictionError) return { code: 3, message: err.message };
  if (err instanceof IngestError) {
    const hint = err.code === 'blocked-address' ? '; `--allow-private-networks` lifts the guard for one call (extract, feed, feed discover), http.allowPrivateNetworks: true in the config for the worker' : '';
    return { code: 1, message: `[${err.code}] ${err.message}${hint}` };
  }
  const e = err as NodeJS.ErrnoException;
  return { code: 1, message: e?.code === 'ENOENT' && e.path ? `cannot read ${e.path}: ${fsErrorText(e)}` : (e?.message ?? String(err)) };
}
