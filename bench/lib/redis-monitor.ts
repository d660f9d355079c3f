/**
 * Redis commands per article, broken down by where they come from (issue 17): a `MONITOR`
 * connection sees every command Redis executes, the ones a Lua script runs included (source
 * `lua`, logged right after the EVALSHA that ran them). Each command is attributed twice:
 * - to its **caller**: the script it ran inside (named from the SHA of its source, which the
 *   worker processes report: `scriptNames`), or the plain command itself;
 * - to its **key family**: the first key with the benchmark's prefix cut and ids replaced by
 *   `*` (`articles:*:lock`, `seen:*`, `host:{*}:slots`, `articles:events`).
 * MONITOR costs Redis CPU (every command is written to one more client) but changes no count;
 * the totals match `INFO commandstats` less the benchmark's own probes.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The story grouping lock (`<prefix>:story:lock`, src/stories/redis-state.ts), the one lock every
 * worker process takes for every article: how long it was held, from MONITOR timestamps (taken
 * when a SET NX on it is followed by the log read in the same script; given back by a DEL).
 */
export interface LockUse {
  /** SET NX calls, and those that took the lock. */
  attempts: number;
  taken: number;
  /** Total time held, ms, and the span from the first take to the last release, ms. */
  heldMs: number;
  spanMs: number;
}

/** Calls by caller (script name or plain command) and command, and by key family. */
export interface CommandBreakdown {
  storyLock: LockUse;
  /** caller → command (upper case) → calls. A script's own EVALSHA is counted under `EVALSHA`. */
  byCaller: Record<string, Record<string, number>>;
  /** key family → calls. */
  byFamily: Record<string, number>;
  total: number;
}

/** SHA-1 (hex) of a Lua script's source, as Redis and ioredis compute it for EVALSHA. */
export function scriptSha(lua: string): string {
  return createHash('sha1').update(lua).digest('hex');
}

/**
 * The key family of `key`: `prefix` and the colon after it removed, every segment that holds a
 * job id, a hash or a hash tag replaced by `*` (`{127.0.0.1:8080}` → `{*}`).
 */
export function keyFamily(key: string, prefix: string): string {
  if (!key.startsWith(`${prefix}:`)) return '(other)';
  const rest = key.slice(prefix.length + 1).replace(/\{[^}]*\}/g, '{*}');
  return rest
    .split(':')
    .map((s) => (/^(\d+|[0-9a-f]{8,}|[A-Za-z0-9_-]{16,}|[a-z]-.+|repeat.*)$/.test(s) ? '*' : s))
    .join(':');
}

/** Commands whose first argument is not a key (or that carry none). */
const NO_KEY = new Set(['TIME', 'PING', 'INFO', 'SCRIPT', 'CLIENT', 'SELECT', 'MULTI', 'EXEC', 'HELLO', 'MONITOR']);

/**
 * Starts a MONITOR on `url`'s server and tallies every command until `stop()`.
 * @param prefix the benchmark's key prefix (for key families; other keys count as `(other)`)
 * @param ignore plain commands not to count (the benchmark's own probes, e.g. `info`)
 * @returns `stop(scriptNames)`: ends the monitor and returns the breakdown, scripts named by
 *   `scriptNames` (SHA → name; an unknown script is shown by its SHA's first 8 characters)
 */
export async function startMonitor(url: string, prefix: string, ignore: readonly string[] = ['INFO', 'SCAN', 'UNLINK']): Promise<{ stop: (scriptNames: Record<string, string>) => Promise<CommandBreakdown> }> {
  const { Redis } = await import('ioredis');
  const client: Redis = new Redis(url, { maxRetriesPerRequest: null });
  const monitor = await client.monitor();
  const byCallerSha: Record<string, Record<string, number>> = {};
  const byFamily: Record<string, number> = {};
  let total = 0;
  let caller = '';
  const lock: LockUse = { attempts: 0, taken: 0, heldMs: 0, spanMs: 0 };
  let trying = 0; // time of a SET NX on the lock in the running script
  let heldSince = 0;
  let firstTake = 0;
  let lastRelease = 0;
  const skip = new Set(ignore.map((c) => c.toUpperCase()));
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    const cmd = String(args[0] ?? '').toUpperCase();
    if (source !== 'lua') {
      if (skip.has(cmd)) return;
      caller = cmd === 'EVALSHA' ? `sha:${args[1]}` : cmd === 'EVAL' ? `sha:${scriptSha(args[1] ?? '')}` : cmd;
    }
    total++;
    const row = (byCallerSha[caller] ??= {});
    row[cmd] = (row[cmd] ?? 0) + 1;
    const key = cmd === 'EVALSHA' || cmd === 'EVAL' ? args[3] : NO_KEY.has(cmd) ? undefined : args[1];
    const fam = key === undefined || (cmd.startsWith('EVAL') && args[2] === '0') ? '(no key)' : keyFamily(key, prefix);
    byFamily[fam] = (byFamily[fam] ?? 0) + 1;
    const t = Number(_time) * 1000;
    if (source !== 'lua') trying = 0;
    else if (cmd === 'SET' && fam === 'story:lock' && args.some((a) => String(a).toUpperCase() === 'NX')) {
      lock.attempts++;
      trying = t;
    } else if (cmd === 'XRANGE' && trying && fam === 'story:log') {
      lock.taken++;
      heldSince = trying;
      firstTake ||= trying;
      trying = 0;
    } else if (cmd === 'DEL' && fam === 'story:lock' && heldSince) {
      lock.heldMs += t - heldSince;
      lastRelease = t;
      heldSince = 0;
    }
  });
  return {
    async stop(scriptNames) {
      monitor.disconnect();
      client.disconnect();
      const byCaller: Record<string, Record<string, number>> = {};
      for (const [c, row] of Object.entries(byCallerSha)) {
        const name = c.startsWith('sha:') ? (scriptNames[c.slice(4)] ?? `script ${c.slice(4, 12)}`) : c;
        const into = (byCaller[name] ??= {});
        for (const [k, v] of Object.entries(row)) into[k] = (into[k] ?? 0) + v;
      }
      lock.spanMs = lastRelease - firstTake;
      return { byCaller, byFamily, total, storyLock: lock };
    },
  };
}

/** Prints a breakdown per article: callers with their top commands, then key families. */
export function printBreakdown(b: CommandBreakdown, articles: number): void {
  const per = (n: number) => (n / articles).toFixed(2);
  const callers = Object.entries(b.byCaller)
    .map(([name, row]) => [name, row, Object.values(row).reduce((a, x) => a + x, 0)] as const)
    .sort((a, c) => c[2] - a[2]);
  console.log(`Redis commands by caller (MONITOR; ${per(b.total)} per article executed, scripts' inner commands included):`);
  for (const [name, row, sum] of callers) {
    if (sum / articles < 0.01) continue;
    const top = Object.entries(row).sort((a, c) => c[1] - a[1]).map(([k, v]) => `${k} ${per(v)}`).join(', ');
    console.log(`  ${per(sum).padStart(6)}  ${name}: ${top}`);
  }
  const l = b.storyLock;
  if (l.attempts) {
    console.log(
      `story grouping lock: taken ${l.taken} times in ${l.attempts} tries, held ${(l.heldMs / Math.max(1, l.taken)).toFixed(2)} ms per article on average, ` +
        `${((100 * l.heldMs) / Math.max(1, l.spanMs)).toFixed(1)} % of the ${(l.spanMs / 1000).toFixed(1)} s from the first take to the last release (the share of the run no other process could group)`,
    );
  }
  console.log('Redis commands by key family (the first key):');
  for (const [fam, n] of Object.entries(b.byFamily).sort((a, c) => c[1] - a[1])) {
    if (n / articles < 0.01) continue;
    console.log(`  ${per(n).padStart(6)}  ${fam}`);
  }
}
