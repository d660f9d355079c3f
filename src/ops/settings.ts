/**
 * The ops listener's effective settings: `ops` from the config, `--ops-listen` over it, the
 * token from `ops.token` or `NEWS_INGEST_OPS_TOKEN`. Checked before the worker opens anything.
 */
import { isIP } from 'node:net';
import type { Config } from '../config/schema.js';
import { OpsConfigError } from '../errors.js';

/** Where and how the listener runs. */
export interface OpsSettings {
  host: string;
  /** TCP port (0 = any free port, for tests). */
  port: number;
  /** Bearer token; required when `host` is not loopback. */
  token?: string;
  /** Bull Board may retry/remove/promote jobs (default false: read-only). */
  dashboardActions: boolean;
}

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * Splits `HOST:PORT` (`127.0.0.1:9464`, `[::1]:9464`, `0.0.0.0:9464`).
 * @throws OpsConfigError naming the value when it is not HOST:PORT with a port 0-65535
 */
export function parseListen(value: string, where = 'ops.listen'): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new OpsConfigError(`${where}: "${value}" is not HOST:PORT (e.g. 127.0.0.1:9464)`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

/**
 * The listener's settings, or null when it is off (no `ops.listen` and no flag).
 * @param listenFlag `--ops-listen` (wins over ops.listen)
 * @throws OpsConfigError when the address is bad, or not loopback and no token is set
 */
export function opsSettingsOf(cfg: Config, listenFlag?: string, env: NodeJS.ProcessEnv = process.env): OpsSettings | null {
  const listen = listenFlag ?? cfg.ops?.listen;
  if (!listen) return null;
  const { host, port } = parseListen(listen, listenFlag ? '--ops-listen' : 'ops.listen');
  const token = cfg.ops?.token ?? (env.NEWS_INGEST_OPS_TOKEN || undefined);
  if (!isLoopbackHost(host) && !token) {
    throw new OpsConfigError(
      `the ops listener on ${host}:${port} is reachable from other hosts and needs a token: set ops.token in the config or NEWS_INGEST_OPS_TOKEN (or listen on 127.0.0.1)`,
    );
  }
  return { host, port, token, dashboardActions: cfg.ops?.dashboardActions ?? false };
}
