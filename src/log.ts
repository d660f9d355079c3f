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
  };
  if (pretty && !opts.destination && hasPinoPretty()) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(base, (opts.destination as pino.DestinationStream | undefined) ?? pino.destination(1));
}

/** Strips user:password from a URL before it is logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

export type { Logger };
