/**
 * `npx tsx bench/profile-top.ts <dir|file.cpuprofile>... [--top 25] [--per N]`: the top entries
 * of V8 CPU profiles (written by `bench:pipeline --cpu-prof DIR`), for docs/pipeline-cost.md.
 *
 * For each profile (one per thread: the worker's main thread, its extraction thread, tsx's
 * loader thread) it prints the sampled time, the share of each *part* of the pipeline and the
 * top functions by self time. A sample's part is the part of the nearest frame on its stack whose
 * script belongs to one (`PARTS`, first match from the leaf up: the sampled function's own
 * script when it has a part, else its caller's, ...), so time in node internals and libraries
 * is charged to the stage that called them; `(garbage collector)`, `(idle)` and `(program)` are
 * parts of their own. `--per N` also prints each part in ms per record (N records). `--long K`
 * prints the K longest runs of consecutive non-idle samples (what held the event loop: one or
 * several tasks back to back), each with its top frames from src/, jobs/ or the queue libraries.
 *
 * Input: profile files (JSON, the Chrome DevTools `.cpuprofile` format: nodes with callFrame,
 * children, hitCount; samples and timeDeltas in µs). Output: text on stdout. Throws on unreadable JSON.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Parts of the pipeline, by script URL (first match wins; tested from the leaf frame up). */
const PARTS: [string, RegExp][] = [
  ['extraction: parse (htmlparser2, domhandler)', /node_modules\/(htmlparser2|domhandler|entities|domutils|dom-serializer|parse5|cheerio-select|css-select|css-what|nth-check|boolbase)\//],
  ['extraction: cheerio', /node_modules\/cheerio\//],
  ['language id (eld)', /node_modules\/eld\//],
  ['extraction (src/extract)', /\/src\/extract\//],
  ['decode (charset, iconv)', /\/src\/http\/(charset|sniff)\.|node_modules\/(iconv-lite|whatwg-encoding|encoding-sniffer)\//],
  ['tagging (src/tagging)', /\/src\/tagging\//],
  ['normalize (src/normalize)', /\/src\/normalize\//],
  ['page → record glue (walls, amp, page)', /\/src\/pipeline\//],
  ['thread transfer (extract-pool/thread)', /\/src\/queue\/extract-(pool|thread)\./],
  ['stories grouping', /\/src\/stories\//],
  ['sinks', /\/src\/sinks\//],
  ['logging (pino)', /node_modules\/(pino|pino-std-serializers|sonic-boom|fast-redact|quick-format-unescaped|safe-stable-stringify|thread-stream)\/|\/src\/log\./],
  ['BullMQ', /node_modules\/bullmq\//],
  ['Redis client (ioredis, src/state)', /node_modules\/(ioredis|redis-parser|cluster-key-slot|denque|@ioredis)\/|\/src\/state\//],
  ['HTTP fetch (src/http, undici)', /\/src\/http\/|node_modules\/undici\//],
  ['queue, jobs (src/queue, src/jobs)', /\/src\/(queue|jobs)\//],
  ['module loading (tsx, esbuild)', /node_modules\/(tsx|esbuild|get-tsconfig)\/|node:internal\/modules\//],
  ['bench harness', /\/bench\/(?!lib\/process-probe\.)/],
  ['other src', /\/src\//],
];

function partOf(stack: CallFrame[]): string {
  const leaf = stack[0];
  if (leaf && /^\((garbage collector|idle|program)\)$/.test(leaf.functionName)) return leaf.functionName;
  for (const f of stack) for (const [name, re] of PARTS) if (re.test(f.url)) return name;
  return 'node internals, other';
}

function shortUrl(url: string): string {
  const m = url.match(/node_modules\/(.+)$/) ?? url.match(/\/((?:src|bench|jobs)\/.+)$/);
  return m ? m[1] : url.replace(/^file:\/\//, '');
}

/** Self time by function and by part for one profile (ms). */
export function summarize(p: Profile): { totalMs: number; byFn: Map<string, number>; byPart: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const byFn = new Map<string, number>();
  const byPart = new Map<string, number>();
  let totalMs = 0;
  for (const [id, us] of selfUs) {
    const ms = us / 1000;
    totalMs += ms;
    const stack: CallFrame[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!.callFrame);
    const f = stack[0];
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
    const part = partOf(stack);
    byPart.set(part, (byPart.get(part) ?? 0) + ms);
  }
  return { totalMs, byFn, byPart };
}

/** Runs of consecutive non-idle samples, longest first: start (s into the profile), length (ms), top frames. */
export function busyRuns(p: Profile): { startS: number; ms: number; frames: [string, number][] }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const runs: { startS: number; ms: number; frames: Map<string, number> }[] = [];
  let cur: (typeof runs)[number] | null = null;
  let t = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    const leaf = byId.get(p.samples[i])!.callFrame;
    if (leaf.functionName === '(idle)') {
      if (cur) runs.push(cur);
      cur = null;
      continue;
    }
    cur ??= { startS: t / 1e6, ms: 0, frames: new Map() };
    cur.ms += dt / 1000;
    // the outermost frame of ours (or of the queue and feed libraries) names the work
    let named: CallFrame | null = null;
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (/\/(src|jobs)\/|node_modules\/(bullmq|ioredis|rss-parser|xml2js|sax)\//.test(f.url)) named = f;
    }
    const key = named ? `${named.functionName || '(anonymous)'} ${shortUrl(named.url)}` : leaf.functionName;
    cur.frames.set(key, (cur.frames.get(key) ?? 0) + dt / 1000);
  }
  if (cur) runs.push(cur);
  return runs
    .sort((a, b) => b.ms - a.ms)
    .map((r) => ({ startS: r.startS, ms: r.ms, frames: [...r.frames].sort((a, b) => b[1] - a[1]).slice(0, 3) }));
}

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, per: { type: 'string' }, long: { type: 'string' } } });
const files = positionals.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.cpuprofile')).sort().map((f) => join(p, f)) : [p]));
const top = Number(args.top);
const per = args.per ? Number(args.per) : null;
const pct = (x: number, t: number) => `${((100 * x) / t).toFixed(1).padStart(5)} %`;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const s = summarize(profile);
  const busy = s.totalMs - (s.byPart.get('(idle)') ?? 0);
  console.log(`\n== ${basename(file)}: ${(s.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s not idle`);
  for (const [k, v] of [...s.byPart].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${pct(v, s.totalMs)}  ${(v / 1000).toFixed(2).padStart(7)} s${per ? `  ${(v / per).toFixed(2).padStart(6)} ms/record` : ''}  ${k}`);
  }
  console.log('  top functions by self time:');
  for (const [k, v] of [...s.byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v, s.totalMs)}  ${k}`);
  if (args.long) {
    console.log('  longest runs without idle (event-loop blocks; under load, time the thread waited for a core counts too):');
    for (const r of busyRuns(profile).slice(0, Number(args.long))) console.log(`  ${r.ms.toFixed(0).padStart(6)} ms at ${r.startS.toFixed(1)} s: ${r.frames.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  }
}
