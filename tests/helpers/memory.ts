/**
 * Peak memory growth while a promise runs: heap used + array buffers (Buffers live there),
 * sampled every 2 ms, minus the value at the start. Used to show that a fetch of a huge or
 * bombing body never holds it in memory.
 */
export async function peakMemoryGrowth<T>(fn: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; peakBytes: number }> {
  const now = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
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
