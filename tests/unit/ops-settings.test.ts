/**
 * The ops listener's settings and its bearer-token guard: off loopback every path but
 * /healthz needs the token, and a start without one is refused before anything opens.
 */
import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { OpsConfigError } from '../../src/errors.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { buildOpsApp } from '../../src/ops/server.js';
import { isLoopbackHost, opsSettingsOf, parseListen } from '../../src/ops/settings.js';
import { captureLogger, testConfig } from '../helpers/worker.js';

describe('ops settings', () => {
  it('is off without ops.listen or --ops-listen', () => {
    expect(opsSettingsOf(testConfig({}), undefined, {})).toBeNull();
  });

  it('takes ops.listen, and --ops-listen over it', () => {
    const cfg = testConfig({ ops: { listen: '127.0.0.1:9464' } });
    expect(opsSettingsOf(cfg, undefined, {})).toEqual({ host: '127.0.0.1', port: 9464, token: undefined, dashboardActions: false });
    expect(opsSettingsOf(cfg, '[::1]:9000', {})).toMatchObject({ host: '::1', port: 9000 });
  });

  it('refuses a non-loopback address without a token, naming the remedy', () => {
    const cfg = testConfig({ ops: { listen: '0.0.0.0:9464' } });
    expect(() => opsSettingsOf(cfg, undefined, {})).toThrow(OpsConfigError);
    expect(() => opsSettingsOf(cfg, undefined, {})).toThrow(/needs a token: set ops.token in the config or NEWS_INGEST_OPS_TOKEN/);
    expect(opsSettingsOf(cfg, undefined, { NEWS_INGEST_OPS_TOKEN: 'a-token-from-the-environment' })?.token).toBe('a-token-from-the-environment');
  });

  it('rejects a listen value that is not HOST:PORT', () => {
    expect(() => parseListen('9464', '--ops-listen')).toThrow(/--ops-listen: "9464" is not HOST:PORT/);
    expect(() => parseListen('127.0.0.1:70000')).toThrow(OpsConfigError);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.9.9.9', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '10.0.0.5', '::', 'example.org'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});

describe('bearer token off loopback', () => {
  it('lets /healthz through and answers 401 elsewhere without the right token', async () => {
    const token = 'x'.repeat(24);
    // Settings for a public address; the test itself listens on loopback only.
    const app = buildOpsApp(
      { host: '192.0.2.10', port: 0, token, dashboardActions: false },
      { log: captureLogger('silent').log, metrics: createMetrics(), queues: [], health: () => [], readiness: async () => [] },
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      for (const path of ['/readyz', '/metrics', '/queues']) {
        const r = await fetch(`${base}${path}`);
        expect(r.status, path).toBe(401);
        expect(r.headers.get('www-authenticate')).toBe('Bearer');
        expect((await fetch(`${base}${path}`, { headers: { authorization: 'Bearer wrong-token-of-24-chars!' } })).status).toBe(401);
      }
      const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('nodejs_eventloop_lag_seconds');
      expect((await fetch(`${base}/readyz`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
