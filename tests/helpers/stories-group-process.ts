/**
 * One worker process's grouping, for tests/integration/stories-merge.test.ts: groups the given
 * articles of a labeled set through a `RedisStoryState` on a shared prefix (the worker's path),
 * one after another, and prints one JSON line per article `{id, storyId, duplicateOf, merged}`.
 *
 *   node --import tsx tests/helpers/stories-group-process.ts REDIS_URL PREFIX FILE ID[,ID...]
 *
 * Exit 0 when every article was grouped; 1 with the error on stderr otherwise.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { groupArticle, RedisStoryState } from '../../src/stories/index.js';
import { storyInputOf } from '../../src/stories/stream.js';
import { loadTopic } from '../../src/tagging/index.js';

const [url, prefix, file, idList] = process.argv.slice(2);
if (!url || !prefix || !file || !idList) {
  process.stderr.write('usage: stories-group-process.ts REDIS_URL PREFIX FILE ID[,ID...]\n');
  process.exit(2);
}
const topic = loadTopic('armenia-azerbaijan-talks');
const byId = new Map(readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => [JSON.parse(l).id as string, l]));
const redis = new Redis(url);
try {
  const state = new RedisStoryState(redis, prefix);
  for (const id of idList.split(',')) {
    const line = byId.get(id);
    if (!line) throw new Error(`no article ${id} in ${file}`);
    const r = await groupArticle(storyInputOf(JSON.parse(line), [topic]), state);
    process.stdout.write(`${JSON.stringify({ id: r.id, storyId: r.storyId, duplicateOf: r.duplicateOf, merged: r.merged ?? [] })}\n`);
  }
} catch (err) {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exitCode = 1;
} finally {
  await redis.quit();
}
