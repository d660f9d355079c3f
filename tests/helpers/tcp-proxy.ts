/**
 * A loopback TCP proxy for fault tests: listens on 127.0.0.1 (port 0 = any free port) and
 * pipes every connection to `target`. `cut()` destroys every open connection and makes new
 * ones fail; `restore()` lets them through again. The listening port never changes, so a
 * client configured with the proxy's address reconnects to the same place.
 *
 * Modes of `cut`:
 * - `reset` (default): open connections are destroyed, new ones are accepted and closed at
 *   once (the client sees "connection terminated"/ECONNRESET).
 * - `blackhole`: open connections are destroyed, new ones are accepted and left silent (the
 *   client sees a timeout; tests its timeouts).
 */
import net from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  readonly port: number;
  /** Connections accepted so far (forwarded or not). */
  readonly accepted: number;
  /** True while cut. */
  readonly isCut: boolean;
  cut(mode?: 'reset' | 'blackhole'): void;
  restore(): void;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (host defaults to 127.0.0.1). */
export async function startTcpProxy(target: { host?: string; port: number }, listenPort = 0): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let mode: 'open' | 'reset' | 'blackhole' = 'open';
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'reset') return void client.destroy();
    if (mode === 'blackhole') return;
    const upstream = net.connect({ host: target.host ?? '127.0.0.1', port: target.port });
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get accepted() {
      return accepted;
    },
    get isCut() {
      return mode !== 'open';
    },
    cut(m: 'reset' | 'blackhole' = 'reset') {
      mode = m;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore() {
      mode = 'open';
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
