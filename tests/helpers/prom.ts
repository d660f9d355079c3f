/** Scrapes a /metrics URL and parses it with a Prometheus text-format parser (prom2javascript). */
import { Readable } from 'node:stream';
import { getMetricsFromStream, type PromMetrics } from 'prom2javascript';

export type { PromMetrics };

/** GET `url` (with an optional bearer token) and parse the Prometheus text. Throws on a non-200. */
export async function scrape(url: string, token?: string): Promise<PromMetrics> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  // prom-client writes NaN as `Nan` (e.g. nodejs_eventloop_lag_mean_seconds before the monitor's
  // first sample, on a scrape right after start). The text format allows NaN (Prometheus parses it
  // case-insensitively), but prom2javascript's value pattern has no NaN and throws on the whole
  // scrape: such samples are left out here, so `value()` reads them as absent.
  const parsable = text.split('\n').filter((line) => !/^[^#].*\sNaN(\s+-?\d+)?\s*$/i.test(line)).join('\n');
  return getMetricsFromStream(Readable.from([parsable]));
}

/** The value of a counter/gauge series whose labels include `labels` (summed over the rest); 0 when absent. */
export function value(m: PromMetrics, name: string, labels: Record<string, string> = {}): number {
  const metric = m[name];
  if (!metric) return 0;
  let sum = 0;
  for (const d of metric.data as { labels: Record<string, string>; value?: number; count?: number }[]) {
    if (Object.entries(labels).every(([k, v]) => d.labels?.[k] === v)) sum += d.value ?? d.count ?? 0;
  }
  return sum;
}

/** Every label value of every series (to check none is a URL). */
export function labelValues(m: PromMetrics): string[] {
  return Object.values(m).flatMap((metric) => (metric.data as { labels: Record<string, string> }[]).flatMap((d) => Object.values(d.labels ?? {})));
}
