/**
 * The topics a config names, loaded as one step of reading the config (its own module: the
 * extraction threads import src/tagging/index.ts and must not load the config's schema).
 */
import { resolve } from 'node:path';
import { ConfigError } from '../config/load.js';
import { topicsDirOf } from '../config/package.js';
import { loadTopicFile, type Topic } from './topic.js';

/**
 * Loads every topic a config names (`config.topics`), as `start` and `config check` do: the CLI
 * commands that tag (`tag`, `extract`, `retag`, `stories FILE`) use it too, so a topic file with
 * a typo is the same invalid config (exit 2, src/cli/exit.ts) everywhere; they called
 * `loadTopic` and exited 1 with a message that did not say it was the config (fresh15).
 * @param dir the topics folder (default: per file, `config/topics/<id>.yaml` of the working directory, else the package's)
 * @throws ConfigError naming the topic, its index in `topics` and the file's problem
 */
export function loadConfigTopics(ids: readonly string[], dir?: string): Topic[] {
  return ids.map((id, i) => {
    try {
      return loadTopicFile(id, topicsDirOf(dir, id));
    } catch (err) {
      // Without `dir` a file is looked for in the working directory's config/topics/, then in
      // the package's: a missing one names both places (the message names the package's path).
      const where = !dir && /\(ENOENT\)$/.test((err as Error).message) ? ` (not in ${resolve('config/topics')} either)` : '';
      throw new ConfigError(`topic "${id}"`, [`topics[${i}]: ${(err as Error).message}${where}`]);
    }
  });
}
