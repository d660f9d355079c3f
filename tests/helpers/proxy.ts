/**
 * Starts tests/helpers/proxy-process.mjs (a forwarding and CONNECT proxy in a process of its
 * own) and collects what it reports. `requests` fills as the proxy takes them.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';

/** One request the proxy took: `GET` with an absolute URL, or `CONNECT host:port`. */
export interface ProxiedRequest {
  method: string;
  target: string;
  /** The decoded user:pass of its Proxy-Authorization, or null. */
  auth: string | null;
}

export interface ProxyProcess {
  port: number;
  requests: ProxiedRequest[];
  /** Kills the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** @param opts.auth user:pass the proxy demands (407 otherwise); opts.map host names it resolves to 127.0.0.1 */
export async function startProxyProcess(opts: { auth?: string; map?: string[] } = {}): Promise<ProxyProcess> {
  const script = fileURLToPath(new URL('./proxy-process.mjs', import.meta.url));
  const args = [script, ...(opts.auth ? ['--auth', opts.auth] : []), ...(opts.map ?? []).flatMap((n) => ['--map', `${n}=127.0.0.1`])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const requests: ProxiedRequest[] = [];
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`proxy process exited (${code}) before listening`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const o = JSON.parse(line) as { port?: number } & ProxiedRequest;
      if (o.port) resolve(o.port);
      else requests.push(o);
    });
  });
  return {
    port,
    requests,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A loopback port nothing listens on (bound once, then closed): a dead proxy or server. */
export async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}
