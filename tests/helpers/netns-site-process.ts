/**
 * The article site of the several-hosts test (tests/netns/several-hosts.test.ts) as a process
 * of its own, to be run inside the site's network namespace:
 *   ip netns exec <ns> node --import tsx tests/helpers/netns-site-process.ts '<json>'
 * with json `{host, port, articles, feeds, delayMs, accessLog}` (startArticleSite's options;
 * pages are answered headers first, the body `delayMs` later).
 * - stdout: one JSON line `{baseUrl, feeds, canonicalUrls}` once listening;
 * - accessLog: one JSON line per article page request, written when it is answered or held:
 *   `{url, from, at, end?, held?}` (epoch ms, fractional; `end` when the answer was finished);
 * - stdin: `hold <address>` holds the next page requested from that address (headers and half
 *   the body, then nothing), so a test knows a job that host has in flight.
 * Exits on SIGTERM/SIGINT or when stdin closes.
 */
import { appendFileSync } from 'node:fs';
import readline from 'node:readline';
import { startArticleSite } from './crash-fixture.js';

const o = JSON.parse(process.argv[2] ?? '') as { host: string; port: number; articles: number; feeds: number; delayMs: number; accessLog: string };
const holdNext = new Set<string>();
const site = await startArticleSite({
  articles: o.articles,
  feeds: o.feeds,
  delayMs: o.delayMs,
  host: o.host,
  port: o.port,
  headersFirst: true,
  hold: (from) => {
    const addr = (from ?? '').replace(/^::ffff:/, '');
    return holdNext.delete(addr);
  },
  onServed: (page, phase) => {
    if (phase !== 'arrived') appendFileSync(o.accessLog, `${JSON.stringify({ ...page, from: (page.from ?? '').replace(/^::ffff:/, '') })}\n`);
  },
});
console.log(JSON.stringify({ baseUrl: site.baseUrl, feeds: site.feeds, canonicalUrls: [...site.canonicalUrls] }));

const stop = () => {
  void site.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
for await (const line of readline.createInterface({ input: process.stdin })) {
  const m = /^hold (\S+)$/.exec(line.trim());
  if (m) holdNext.add(m[1]!);
}
stop();
