/**
 * Peak memory growth while a promise runs: heap used + array buffers (Buffers live there),
 * sampled every 2 ms, minus the value at the start. A full GC runs first so garbage from
 * earlier work is not collected during the measurement (which would hide growth). Used to
 * show that a fetch of a huge or bombing body never holds it in memory.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export async function peakMemoryGrowth<T>(fn: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; peakBytes: number }> {
  const now = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const base = now();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, now());
  }, 2);
  try {
    const [result] = await Promise.allSettled([fn()]);
    peak = Math.max(peak, now());
    return { result, peakBytes: peak - base };
  } finally {
    clearInterval(timer);
  }
}
