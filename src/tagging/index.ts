/**
 * Tagging stage entry: `tagArticle(article, topic) -> TopicMatch & {language}`.
 *
 * The topic is data (`config/topics/<id>.yaml`, compiled once by `loadTopic`); this module
 * tokenizes an article, matches the topic's lexicon and scores it (src/tagging/score.ts, through
 * src/tagging/tag.ts). See docs/tagging.md for the rules and the measured figures.
 */
import { loadTopicFile, type Topic } from './topic.js';
import { topicsDirOf } from '../config/package.js';

export { detectLanguage } from './language.js';
export { compileTopic, type Topic } from './topic.js';
export type { Features } from './score.js';
export { explainArticle, tagArticle, type TaggableArticle } from './tag.js';

/**
 * Loads and compiles a topic (`<dir>/<id>.yaml`). Compile once and reuse the result.
 * @throws Error naming the file when it is missing or malformed
 */
export function loadTopic(id: string, dir?: string): Topic {
  return loadTopicFile(id, topicsDirOf(dir, id));
}
