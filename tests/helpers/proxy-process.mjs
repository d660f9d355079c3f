/**
 * A small HTTP proxy in a process of its own, for the proxy tests: forwards absolute-URI
 * requests (`GET http://host/path`) and opens CONNECT tunnels, on 127.0.0.1 (a free port).
 *   node tests/helpers/proxy-process.mjs [--auth user:pass] [--map name=127.0.0.1]...
 * `--auth`: a request without `Proxy-Authorization: Basic base64(user:pass)` gets 407.
 * `--map`: host names it resolves itself (a name the test machine's DNS does not know).
 * Stdout: `{"port": N}` once listening, then one JSON line per request it took:
 * `{"method", "target", "auth"}` (auth: the decoded user:pass sent, or null). Forwarded
 * requests reach the site with `Via: 1.1 test-proxy` added (RFC 9110 §7.6.3).
 */
import http from 'node:http';
import net from 'node:net';

const args = process.argv.slice(2);
let auth = null;
const map = new Map();
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--auth') auth = args[++i];
  else if (args[i] === '--map') {
    const [name, addr] = args[++i].split('=');
    map.set(name, addr);
  }
}

const report = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const sentAuth = (h) => {
  const m = /^Basic\s+(.+)$/i.exec(h ?? '');
  return m ? Buffer.from(m[1], 'base64').toString('utf8') : null;
};
const resolve = (host) => map.get(host) ?? host;

const server = http.createServer((req, res) => {
  const who = sentAuth(req.headers['proxy-authorization']);
  report({ method: req.method, target: req.url, auth: who });
  if (auth && who !== auth) return res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
  let u;
  try {
    u = new URL(req.url);
  } catch {
    return res.writeHead(400).end('absolute URI expected');
  }
  const headers = { ...req.headers, via: '1.1 test-proxy' };
  delete headers['proxy-authorization'];
  delete headers['proxy-connection'];
  const up = http.request({ host: resolve(u.hostname), port: Number(u.port) || 80, path: u.pathname + u.search, method: req.method, headers }, (ur) => {
    res.writeHead(ur.statusCode ?? 502, ur.headers);
    ur.pipe(res);
  });
  up.on('error', () => res.writeHead(502).end());
  req.pipe(up);
});

server.on('connect', (req, client, head) => {
  const who = sentAuth(req.headers['proxy-authorization']);
  report({ method: 'CONNECT', target: req.url, auth: who });
  if (auth && who !== auth) return client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
  const i = req.url.lastIndexOf(':');
  const host = req.url.slice(0, i).replace(/^\[|\]$/g, '');
  const up = net.connect({ host: resolve(host), port: Number(req.url.slice(i + 1)) }, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) up.write(head);
    up.pipe(client);
    client.pipe(up);
  });
  up.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  client.on('error', () => up.destroy());
});

server.listen(0, '127.0.0.1', () => report({ port: server.address().port }));
process.on('SIGTERM', () => process.exit(0));
