/**
 * After Redis lost its data, the seen-set is rebuilt from what EVERY readable sink that should
 * hold a record holds: a record one sink lacks (its delivery was pending in the lost Redis) is
 * left unseen, so the next poll fetches it again and no sink misses it; a sink with
 * `only: relevant` is not expected to hold non-relevant records; a webhook (cannot be read back)
 * is named. Real JSONL sinks on disk and the machine's Redis.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonlSink } from '../../src/sinks/index.js';
import { PostgresSink } from '../../src/sinks/postgres.js';
import { WebhookSink } from '../../src/sinks/webhook.js';
import { rebuildSeenFromSinks, seenKey } from '../../src/state/seen.js';
import { makeRecord } from '../helpers/sink-fixtures.js';
import { dropPrefix, REDIS_URL, tempDir, uniquePrefix } from '../helpers/worker.js';

const prefix = uniquePrefix('seen-rebuild');
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await dropPrefix(prefix);
  await redis.quit();
});

describe('rebuildSeenFromSinks', () => {
  it('marks seen only records every readable sink meant to hold holds, and names the sinks it cannot read', async () => {
    const dir = tempDir('seen-rebuild');
    const all = new JsonlSink(join(dir, 'all.jsonl'), 'all', 'archive');
    const relevantOnly = new JsonlSink(join(dir, 'relevant.jsonl'), 'relevant', 'desk');
    const hook = new WebhookSink({ url: 'http://127.0.0.1:9/hook' }, 'partner');
    const r = [1, 2, 3, 4].map((n) => makeRecord({ n, relevant: n !== 4 }));
    try {
      // 1 and 2 reached both; 3 (relevant) reached only the archive: its delivery to the desk was pending;
      // 4 is not relevant: the desk never takes it
      for (const rec of r) await all.write(rec);
      for (const rec of r.slice(0, 2)) await relevantOnly.write(rec);

      const out = await rebuildSeenFromSinks(redis, prefix, [all, relevantOnly, hook], 3600);
      expect(out).toEqual({ records: 6, keys: 3, incomplete: 1, unreadableSinks: ['partner'] });
      const present = await Promise.all(r.map((rec) => redis.exists(seenKey(prefix, rec.id))));
      expect(present).toEqual([1, 1, 0, 1]);
    } finally {
      await all.close();
      await relevantOnly.close();
    }
  });

  it('leaves a sink that cannot be read out of the comparison and names it', async () => {
    const dir = tempDir('seen-rebuild-2');
    const all = new JsonlSink(join(dir, 'all.jsonl'), 'all', 'archive');
    const rec = makeRecord({ n: 9 });
    // nothing listens on port 1: the PostgreSQL sink cannot be read
    const broken = new PostgresSink({ url: 'postgres://postgres@127.0.0.1:1/test', connectTimeoutMs: 500 }, 'warehouse');
    try {
      await all.write(rec);
      // a write torn by a crash: no record, counted (not skipped in silence)
      appendFileSync(join(dir, 'all.jsonl'), '{"id":"torn","title":"cut sho\n');
      const p2 = `${prefix}-2`;
      const out = await rebuildSeenFromSinks(redis, p2, [all, broken], 3600);
      expect(out).toEqual({ records: 1, keys: 1, failedSinks: ['warehouse'], sinkErrors: { warehouse: expect.stringMatching(/ECONNREFUSED/) }, skippedLines: { archive: 1 } });
      expect(await redis.exists(seenKey(p2, rec.id))).toBe(1);
      await dropPrefix(p2);
    } finally {
      await all.close();
      await broken.close();
    }
  });
});
