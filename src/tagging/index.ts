/**
 * Tagging stage entry: `tagArticle(article, topic) -> TopicMatch`.
 * (First version: keyword signals from the topic file; issue 3 makes it excellent.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { TopicMatch, TopicSignals } from '../types.js';

/** A topic loaded from config/topics/<id>.yaml. */
export interface Topic {
  id: string;
  threshold: number;
  /** signal kind -> canonical name -> surface forms (lower-case prefixes). */
  lexicon: Record<keyof TopicSignals, Record<string, string[]>>;
}

/** What the tagger reads from an article. */
export interface TaggableArticle {
  title: string | null;
  text: string;
  language?: string | null;
}

/**
 * Loads a topic file.
 * @throws Error naming the file when it is missing or malformed
 */
export function loadTopic(id: string, dir = 'config/topics'): Topic {
  const file = join(dir, `${id}.yaml`);
  const raw = parseYaml(readFileSync(file, 'utf8')) as Partial<Topic>;
  if (!raw || typeof raw !== 'object' || !raw.lexicon) throw new Error(`${file}: topic file needs a lexicon`);
  return { id, threshold: raw.threshold ?? 0.5, lexicon: raw.lexicon as Topic['lexicon'] };
}

/** Tags one article against one topic. Never throws. */
export function tagArticle(article: TaggableArticle, topic: Topic): TopicMatch & { language: string | null } {
  const hay = `${article.title ?? ''}\n${article.text}`.toLowerCase();
  const signals: TopicSignals = { countries: [], actors: [], places: [], mediators: [], terms: [] };
  for (const kind of Object.keys(signals) as (keyof TopicSignals)[]) {
    for (const [name, forms] of Object.entries(topic.lexicon[kind] ?? {})) {
      if (forms.some((f) => hay.includes(f.toLowerCase()))) signals[kind].push(name);
    }
  }
  const both = signals.countries.includes('Armenia') && signals.countries.includes('Azerbaijan');
  const score = both ? Math.min(1, 0.3 + 0.15 * signals.terms.length) : 0;
  return { id: topic.id, relevant: both && score >= topic.threshold, score, signals, language: article.language ?? null };
}
