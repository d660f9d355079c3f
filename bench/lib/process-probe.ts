/**
 * In-process probes for benchmark child processes: Redis commands this process sends (by
 * name, counted in ioredis's `sendCommand`, so pipelined commands count one each and an
 * EVALSHA counts once however much its script does), the event-loop delay
 * (perf_hooks.monitorEventLoopDelay), and memory (RSS now, and the kernel's peak RSS).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { Socket } from 'node:net';
import { Redis } from 'ioredis';

/** Commands sent by this process, by lower-case name. Filled once `countRedisCommands()` ran. */
export const sentCommands: Record<string, number> = {};

/**
 * Lua scripts this process defined (ioredis `defineCommand`: BullMQ's and ours), SHA-1 of the
 * source → command name, so a MONITOR of Redis can name the script behind each EVALSHA
 * (bench/lib/redis-monitor.ts). Filled once `countRedisCommands()` ran.
 */
export const scriptNames: Record<string, string> = {};

let patched = false;
/** Counts every command any ioredis client of this process sends, and names its scripts (idempotent). */
export function countRedisCommands(): void {
  if (patched) return;
  patched = true;
  const proto = Redis.prototype as unknown as {
    sendCommand: (cmd: { name: string }, ...rest: unknown[]) => unknown;
    defineCommand: (name: string, def: { lua: string; numberOfKeys?: number }) => void;
  };
  const define = proto.defineCommand;
  proto.defineCommand = function (this: unknown, name: string, def: { lua: string; numberOfKeys?: number }) {
    scriptNames[createHash('sha1').update(def.lua).digest('hex')] = name.replace(/:\d+\.\d+\.\d+.*$/, '');
    return define.call(this, name, def);
  };
  const original = proto.sendCommand;
  proto.sendCommand = function (this: unknown, cmd: { name: string }, ...rest: unknown[]) {
    const name = String(cmd?.name ?? '?').toLowerCase();
    sentCommands[name] = (sentCommands[name] ?? 0) + 1;
    return original.call(this, cmd, ...rest);
  };
}

/**
 * Socket writes to Redis (`writes`: what each command or pipeline costs the client in syscalls)
 * and event-loop turns in which a socket had at least one write (`turns`): the writes left if
 * every command sent in the same turn went in one write, as ioredis's `enableAutoPipelining`
 * would do, per connection. Filled once `countRedisWrites(port)` ran.
 */
export const redisWrites = { writes: 0, turns: 0 };

/** Counts this process's socket writes to the Redis server on TCP `port` (idempotent). */
export function countRedisWrites(port: number): void {
  if (countingWrites) return;
  countingWrites = true;
  let wrote = new Set<Socket>();
  let armed = false;
  const write = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, ...args: unknown[]) {
    if (this.remotePort === port) {
      redisWrites.writes++;
      if (!wrote.has(this)) {
        wrote.add(this);
        redisWrites.turns++;
      }
      if (!armed) {
        armed = true;
        setImmediate(() => {
          wrote = new Set();
          armed = false;
        });
      }
    }
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof Socket.prototype.write;
}
let countingWrites = false;

/** Event-loop delay monitor with a 10 ms sampling resolution. */
/** Sampling interval of the event-loop delay histogram, ms. */
export const LOOP_DELAY_RESOLUTION_MS = 10;

/**
 * An enabled event-loop delay histogram (`perf_hooks.monitorEventLoopDelay`). Its values are the
 * time between two of its timer's ticks, i.e. the delay *plus* the resolution: an idle loop records
 * ~10 ms (checked: min 9.2 ms, p50 12 ms on an idle loop at load 15; Elastic's APM agent and
 * open-telemetry-js-contrib#2794 subtract the resolution for this reason). `loopDelayMs` gives both.
 */
export function startLoopDelay(): IntervalHistogram {
  const h = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  h.enable();
  return h;
}

/**
 * Delay figures in ms from a histogram (values are ns): as recorded (tick interval, i.e. delay +
 * LOOP_DELAY_RESOLUTION_MS) and `net` of the resolution (the time the loop was late, floored at 0).
 */
export function loopDelayMs(h: IntervalHistogram): { maxMs: number; p99Ms: number; meanMs: number; net: { maxMs: number; p99Ms: number } } {
  const net = (ns: number) => Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS);
  return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, meanMs: h.mean / 1e6, net: { maxMs: net(h.max), p99Ms: net(h.percentile(99)) } };
}

/** Memory now and peak, bytes. `peakRss` is the kernel's maximum resident set size (getrusage). */
export function memory(): { rss: number; heapUsed: number; peakRss: number } {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, peakRss: process.resourceUsage().maxRSS * 1024 };
}
