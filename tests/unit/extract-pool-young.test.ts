/**
 * The image runs node with `--max-semi-space-size=4 --max-old-space-size=512` (Dockerfile
 * NODE_OPTIONS) for the main thread; V8 flags are per process and would override the extraction
 * threads' own heap (`resourceLimits`). `letThreadsSizeTheirHeap` (src/queue/extract-pool.ts)
 * must leave the main thread's sizes and give threads started afterwards their own.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
// allocates until V8 has grown the new space to its maximum, then prints its size in MB
const grow = `let a=[];for(let i=0;i<3e6;i++){a.push({i});if(a.length>2e5)a=[];}`;
const script = (clear: boolean) => `
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { letThreadsSizeTheirHeap } from './src/queue/extract-pool.ts';
${clear ? 'letThreadsSizeTheirHeap();' : ''}
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
const limit = () => v8.getHeapStatistics().heap_size_limit / 1048576;
const w = new Worker(\`const v8=require('node:v8');${grow}require('node:worker_threads').parentPort.postMessage({ young: v8.getHeapSpaceStatistics().find((s)=>s.space_name==='new_space').space_size/1048576, limit: v8.getHeapStatistics().heap_size_limit/1048576 })\`, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 48 } });
w.on('message', (thread) => { ${grow} console.log(JSON.stringify({ thread, main: { young: newSpace(), limit: limit() } })); w.terminate(); });
`;

type Sizes = { young: number; limit: number };
function run(clear: boolean): { thread: Sizes; main: Sizes } {
  const r = spawnSync(process.execPath, ['--max-semi-space-size=2', '--max-old-space-size=40', '--import', 'tsx', '--input-type=module', '-e', script(clear)], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

describe('extraction threads under process-wide --max-semi-space-size and --max-old-space-size', () => {
  it('the flags alone override the thread resourceLimits; cleared, the thread gets its own heap and the main thread keeps the flags', () => {
    const flagged = run(false);
    const cleared = run(true);
    expect(flagged.thread.young).toBeLessThanOrEqual(4); // 2 x 2 MB semi-spaces, as the flag says
    expect(flagged.thread.limit).toBeLessThan(100); // 40 MB old generation, as the flag says
    expect(cleared.thread.young).toBeGreaterThan(4); // 48 MB young generation: 2 x 16 MB
    expect(cleared.thread.limit).toBeGreaterThanOrEqual(128); // its own 128 MB old generation
    expect(cleared.main.young).toBeLessThanOrEqual(4);
    expect(cleared.main.limit).toBeLessThan(100);
  });
});
