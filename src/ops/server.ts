/**
 * The ops listener: an HTTP server inside the worker process (express 5), off unless
 * `ops.listen` is set (config) or `--ops-listen` is given to `start`.
 *
 * - `/healthz`  200 while the event loop answers and every BullMQ worker runs; else 503.
 * - `/readyz`   200 when Redis answers, every configured feed has its job scheduler and every
 *               sink is open; else 503. Body: `{ ready, problems: [{ check, name?, reason }] }`.
 * - `/metrics`  Prometheus text format (src/ops/metrics.ts).
 * - `/queues`   Bull Board over both queues; read-only unless `ops.dashboardActions`.
 * - `/stories`  the story page (src/stories/page.ts), mounted by the worker through `mount`.
 *
 * When the listen address is not loopback every path but `/healthz` needs
 * `Authorization: Bearer <token>` (ops.token or NEWS_INGEST_OPS_TOKEN); `checkOpsConfig`
 * refuses such a config without a token before anything starts.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { OtherReason, ReasonCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { Metrics } from './metrics.js';
import { isLoopbackHost, type OpsSettings } from './settings.js';

/** One thing that is not ready (or not healthy). */
export interface Problem {
  /** `redis`, `scheduler`, `sink`, `worker`. */
  check: string;
  /** The feed id, sink name or queue concerned. */
  name?: string;
  /**
   * The reason code (src/errors.ts): `redis-unavailable`, `scheduler-missing`, `sink-failed`,
   * `worker-stopped`, `shutting-down`, or `internal-error` when readiness itself threw.
   */
  code: ReasonCode | OtherReason;
  /** What went wrong, in words (Redis's or the sink's own error text where there is one). */
  reason: string;
}

/** What the listener asks the worker. */
export interface OpsDeps {
  log: Logger;
  metrics: Metrics;
  /** Queues shown on the dashboard. */
  queues: Queue[];
  /** Problems that make the process unhealthy (dead workers); empty when healthy. */
  health(): Problem[];
  /** Problems that make the process not ready; empty when ready. */
  readiness(): Promise<Problem[]>;
  /** More routes (other modules' pages), mounted behind the same auth. */
  mount?: (app: Express) => void;
}

/** A running listener. */
export interface OpsServer {
  /** `http://host:port` as bound (the port is the real one when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

/** Path of the dashboard. */
export const DASHBOARD_PATH = '/queues';

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Builds the express app (exported for tests that need no socket). */
export function buildOpsApp(settings: OpsSettings, deps: OpsDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    const problems = deps.health();
    res.status(problems.length ? 503 : 200).json({ healthy: problems.length === 0, problems });
  });
  const needsToken = !isLoopbackHost(settings.host);
  if (needsToken) {
    const token = settings.token!;
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (bearerMatches(req.headers.authorization, token)) return next();
      deps.log.warn({ event: 'ops.unauthorized', path: req.path }, 'ops request without a valid bearer token');
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'a bearer token is required (Authorization: Bearer <ops.token>)' });
    });
  }
  app.get('/readyz', async (_req, res) => {
    const problems = await deps.readiness().catch((err: Error) => [{ check: 'readiness', code: 'internal-error', reason: err.message }]);
    res.status(problems.length ? 503 : 200).json({ ready: problems.length === 0, problems });
  });
  app.get('/metrics', async (_req, res) => {
    try {
      const body = await deps.metrics.registry.metrics();
      res.status(200).type(deps.metrics.registry.contentType).send(body);
    } catch (err) {
      res.status(500).type('text/plain').send(`metrics failed: ${(err as Error).message}`);
    }
  });
  const board = new ExpressAdapter();
  board.setBasePath(DASHBOARD_PATH);
  const readOnlyMode = !settings.dashboardActions;
  createBullBoard({
    queues: deps.queues.map((q) => new BullMQAdapter(q, { readOnlyMode, allowRetries: !readOnlyMode })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'news-ingest' } },
  });
  app.use(DASHBOARD_PATH, board.getRouter() as express.Router);
  deps.mount?.(app);
  return app;
}

/**
 * Starts the listener.
 * @throws Error when the address cannot be bound (EADDRINUSE, EACCES), naming it
 */
export async function startOpsServer(settings: OpsSettings, deps: OpsDeps): Promise<OpsServer> {
  const app = buildOpsApp(settings, deps);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(settings.port, settings.host);
    s.once('listening', () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`ops listener cannot listen on ${settings.host}:${settings.port}: ${err.code ?? err.message}`)));
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  deps.log.info({ event: 'ops.listening', url, auth: !isLoopbackHost(settings.host), dashboardActions: settings.dashboardActions }, `ops listener on ${url}`);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
