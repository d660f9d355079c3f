import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

/**
 * True when pino-pretty can be loaded. It is a dev dependency: a production install
 * (`npm ci --omit=dev`, the Docker image) lacks it, and pino would throw `unable to determine
 * transport target for "pino-pretty"` at the first log line.
 */
export function hasPinoPretty(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * The service's logger: pino JSON, one event per line, to stdout; pretty-printed when
 * stdout is a TTY and pino-pretty is installed (a production install without dev
 * dependencies logs JSON on a TTY too). Field names are a fixed vocabulary (STYLE.md habit 6):
 * `feedId`, `feedUrl`, `articleId`, `url`, `jobId`, `queue`, `attempt`, `stage`, `outcome`,
 * `reason`, `durationMs`, `httpStatus`, `bytes`. Secrets (webhook secrets, passwords in
 * URLs) are redacted.
 * @param level pino level name (`info` by default)
 */
export function createLogger(level = 'info', opts: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const pretty = opts.pretty ?? (Boolean(process.stdout.isTTY) && !process.env.CI);
  const base = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['secret', '*.secret', 'password', '*.password', 'config.sinks[*].secret'], censor: '[redacted]' },
    // Credentials inside URLs (a feed configured as https://user:pass@host/rss) in any field:
    // `url`, `feedUrl`, an error message quoting the URL, a job result.
    formatters: { log: (obj: Record<string, unknown>) => redactCredentials(obj) as Record<string, unknown> },
  };
  if (pretty && !opts.destination && hasPinoPretty()) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(base, (opts.destination as pino.DestinationStream | undefined) ?? pino.destination(1));
}

/** `scheme://userinfo@`: the credentials part of a URL inside any text (RFC 3986 §3.2.1). */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

/**
 * Replaces the credentials of every URL in a text with `***` (`https://***@host/rss`).
 * Strings without `://` and `@` are returned as they are (the common case costs one scan).
 */
export function redactUrlCredentials(text: string): string {
  return text.includes('@') && text.includes('://') ? text.replace(USERINFO, '$1***@') : text;
}

/** Strips user:password from a URL before it is logged (`redactUrlCredentials` of one URL). */
export function redactUrl(url: string): string {
  return redactUrlCredentials(url);
}

/**
 * A copy of a log object with `redactUrlCredentials` applied to every string, at any depth up
 * to 6 (arrays included); objects without such strings are returned as they are.
 */
export function redactCredentials(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (!value || typeof value !== 'object' || depth > 6 || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = redactCredentials(v, depth + 1);
      changed ||= r !== v;
      return r;
    });
    return changed ? out : value;
  }
  if (value instanceof Error) return { name: value.name, message: redactUrlCredentials(value.message) };
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    const r = redactCredentials(v, depth + 1);
    if (r !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = r;
  }
  return out ?? value;
}

/**
 * Routes `console.warn` and `console.error` through the service's logger, as one JSON event
 * each (`event: "library.console"`, `stream: "warn" | "error"`, the text in `msg`, URL
 * credentials redacted), so that warnings printed by libraries (ioredis: "[WARN] Redis server
 * does not require a password, but a password was supplied", "Unhandled error event"; BullMQ:
 * the eviction-policy and Redis-version warnings) keep the one-event-per-line log; the same text
 * is logged at most once a minute. The worker's
 * own code never writes to the console. Used by `start`.
 * @returns a function that puts the console's own methods back
 */
export function routeConsoleToLog(log: Logger): () => void {
  // The same text (ioredis warns once per connection: a worker opens several) is logged once a minute.
  return routeConsole((stream, text) => log[stream]({ event: 'library.console', stream }, text), { repeatMs: 60_000, stacks: true });
}

/**
 * Replaces `console.warn` and `console.error` with `say(stream, text)`: the arguments joined as
 * one text (an Error as its stack with `stacks`, else its message), URL credentials redacted,
 * the same text said at most once per `repeatMs` (Infinity: once per process).
 * @returns a function that puts the console's own methods back
 */
export function routeConsole(say: (stream: 'warn' | 'error', text: string) => void, opts: { repeatMs: number; stacks: boolean }): () => void {
  const saved = { warn: console.warn, error: console.error };
  const lastAt = new Map<string, number>();
  const route = (stream: 'warn' | 'error') => (...args: unknown[]) => {
    const text = redactUrlCredentials(args.map((a) => (a instanceof Error ? (opts.stacks ? (a.stack ?? a.message) : a.message) : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    const now = Date.now();
    if (now - (lastAt.get(text) ?? -Infinity) < opts.repeatMs) return;
    lastAt.set(text, now);
    say(stream, text);
  };
  console.warn = route('warn');
  console.error = route('error');
  return () => {
    console.warn = saved.warn;
    console.error = saved.error;
  };
}

export type { Logger };
