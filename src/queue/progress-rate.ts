/**
 * The per-minute rate `status` shows, from BullMQ's metrics of one queue (round 16, fresh16).
 *
 * BullMQ keeps, per queue and type (commands/includes/collectMetrics.lua, run inside
 * moveToFinished with the finishing worker's clock):
 * - `meta.count`: jobs finished since metrics began;
 * - `meta.prevTS` / `meta.prevCount`: the time of the first job finished in the newest minute
 *   that has one, and `count` just before it;
 * - the data list: one point per minute before `prevTS`'s minute, newest first (data[i] is
 *   minute `floor(prevTS / 60 s) - 1 - i`), pushed only when a job finishes in a later minute.
 *
 * So the list lags: it gets no point for the minute in progress, none for a minute before the
 * next job ends in a later one, and keeps showing the last busy minutes after work stops.
 * Reading data[0..4] as "the last five minutes" showed 0 for up to two minutes after a worker
 * began (the list still empty while jobs finished) and the old rate for hours after it stopped.
 * Here each point is placed on its own minute, the jobs since `prevTS` (count − prevCount) on
 * `prevTS`'s minute, and the rate is the jobs of the window over the window's time.
 */

/** `Queue.getMetrics()`'s answer, the fields used. */
export interface MetricsReading {
  meta: { count: number; prevTS: number; prevCount: number };
  /** Points, newest first (data[0]: the minute before `prevTS`'s). */
  data: number[];
  /** Length of the whole list (getMetrics's `count`). */
  count: number;
}

/**
 * Jobs finished per minute over the last `windowMinutes` whole minutes and the current one
 * (its elapsed part), by the minutes the points belong to; over the time since the queue's first
 * finished job when that is shorter (counted from the start of its minute), and never over less
 * than one minute (a burst in the first seconds is not multiplied).
 * @param m the queue's metrics; `data` must hold at least its first `windowMinutes` points
 * @param nowMs the reader's clock, epoch ms (a worker clock ahead of it moves "now" forward to
 *   the newest point's minute)
 * @param maxDataPoints the list's cap (src/queue/queues.ts METRICS): a list shorter than it has
 *   its oldest point at the first finished job's minute
 * @returns jobs per minute, >= 0; 0 when no job finished in the window
 */
export function perMinuteRate(m: MetricsReading, nowMs: number, windowMinutes: number, maxDataPoints: number): number {
  if (!m.meta.prevTS) return 0;
  const MIN = 60_000;
  const prevMin = Math.floor(m.meta.prevTS / MIN);
  const now = Math.max(nowMs, prevMin * MIN);
  const firstMin = Math.floor(now / MIN) - windowMinutes;
  let jobs = prevMin >= firstMin ? Math.max(0, m.meta.count - m.meta.prevCount) : 0;
  for (let i = 0; i < m.data.length; i++) {
    if (prevMin - 1 - i < firstMin) break;
    jobs += Math.max(0, Number(m.data[i]) || 0);
  }
  let startMin = firstMin;
  if (m.count < maxDataPoints) startMin = Math.max(startMin, prevMin - m.count);
  const minutes = Math.max(1, (now - startMin * MIN) / MIN);
  return jobs / minutes;
}
