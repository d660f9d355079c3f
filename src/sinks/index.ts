/**
 * Sinks stage entry: `createSinks(config)` builds every configured sink;
 * `deliver(record, sinks, pending)` writes to each sink that takes the record.
 */
import type { Config } from '../config/schema.js';
import type { ArticleRecord } from '../types.js';
import { JsonlSink } from './jsonl.js';
import { sinkAccepts, type Sink } from './types.js';

export type { Sink } from './types.js';

/**
 * Builds the configured sinks, in config order, named `<type>:<index>`.
 * @throws Error naming the sink when its type is not available.
 */
export async function createSinks(cfg: Config): Promise<Sink[]> {
  return cfg.sinks.map((s, i) => {
    if (s.type === 'jsonl') return new JsonlSink(s.path, s.only, i);
    throw new Error(`sinks[${i}]: sink type "${s.type}" is not available yet`);
  });
}

/** Per-sink outcome of one delivery. */
export interface DeliveryResult {
  delivered: string[];
  skipped: string[];
  failed: { sink: string; error: Error }[];
}

/**
 * Writes a record to every sink that takes it and whose name is in `only` (all when
 * `only` is undefined). A failing sink does not stop the others.
 */
export async function deliver(record: ArticleRecord, sinks: Sink[], only?: ReadonlySet<string>): Promise<DeliveryResult> {
  const res: DeliveryResult = { delivered: [], skipped: [], failed: [] };
  await Promise.all(
    sinks.map(async (s) => {
      if (only && !only.has(s.name)) return;
      if (!sinkAccepts(s.only, record)) return void res.skipped.push(s.name);
      try {
        await s.write(record);
        res.delivered.push(s.name);
      } catch (err) {
        res.failed.push({ sink: s.name, error: err as Error });
      }
    }),
  );
  return res;
}
