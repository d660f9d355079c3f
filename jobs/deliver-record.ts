/**
 * `deliver` job: writes one record to one sink, the sink's delivery queue's only job kind
 * (src/queue/deliveries.ts). One attempt per job attempt, bounded by the sink's own timeouts
 * and by worker.deliveryTimeoutMs;
 * the queue retries transient failures with the sink's backoff, and a `sink-rejected` fails at
 * once. Idempotent like every sink write.
 */
import type { Job } from 'bullmq';
import { IngestError } from '../src/errors.js';
import type { DeliveryJobData, DeliveryJobResult } from '../src/queue/deliveries.js';
import { attemptWrite, type Sink } from '../src/sinks/index.js';
import { sinkError } from '../src/sinks/failure.js';

/**
 * Runs one delivery job against `sink` (the sink named in the job's queue).
 * @param timeoutMs longest wait for the sink's write, ms (config worker.deliveryTimeoutMs); a
 *   write still pending then fails this attempt (it may still land: sink writes are idempotent)
 * @throws IngestError `sink-failed` (retried; also when the write did not settle in `timeoutMs`),
 *   `sink-misconfigured` (retried: a fault of the sink's configuration, src/sinks/failure.ts)
 *   or `sink-rejected` (failed at once)
 */
export async function processDeliveryJob(job: Job<DeliveryJobData>, sink: Sink, timeoutMs = 60_000): Promise<DeliveryJobResult> {
  const { record } = job.data;
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IngestError('sink-failed', `${sink.name} record ${record.id}: the write did not settle in ${timeoutMs} ms (worker.deliveryTimeoutMs)`)), timeoutMs);
  });
  const r = await Promise.race([attemptWrite(sink, record), hung]).finally(() => clearTimeout(timer));
  if (!r.ok) {
    throw sinkError(sink.name, record.id, r.error);
  }
  return { outcome: r.outcome === 'unchanged' ? 'unchanged' : 'written', recordId: record.id, sink: sink.name };
}
