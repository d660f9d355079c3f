/**
 * Records for sink tests, built by the real `buildRecord` from small hand-written pages, so
 * that ids, hashes and word counts are what the pipeline makes.
 */
import { buildRecord } from '../../src/normalize/record.js';
import type { ArticleRecord, Extracted, TopicMatch } from '../../src/types.js';

export interface FixtureOptions {
  /** Distinguishes records: the URL path and the text carry it. */
  n: number;
  host?: string;
  text?: string;
  relevant?: boolean;
  score?: number;
  actors?: string[];
  publishedAt?: string | null;
  language?: string | null;
}

/** One record for `https://<host>/news/<n>` (host default `news.example.am`). */
export function makeRecord(o: FixtureOptions): ArticleRecord {
  const host = o.host ?? 'news.example.am';
  const relevant = o.relevant ?? true;
  const extracted: Extracted = {
    title: `Peace talks, round ${o.n}`,
    authors: ['Anna Petrosyan'],
    publishedAt: o.publishedAt === undefined ? '2026-11-27T10:00:00.000Z' : o.publishedAt,
    modifiedAt: null,
    language: o.language === undefined ? 'en' : o.language,
    canonicalUrl: `https://${host}/news/${o.n}`,
    summary: `Round ${o.n} of the talks.`,
    siteName: host,
    leadImageUrl: null,
    text: o.text ?? `Foreign ministers met in Washington for round ${o.n}.\n\nThe delimitation commission reported progress.`,
    warnings: [],
  };
  const topics: TopicMatch[] = [
    {
      id: 'armenia-azerbaijan-talks',
      relevant,
      score: o.score ?? (relevant ? 0.8 : 0.1),
      signals: { countries: ['Armenia', 'Azerbaijan'], actors: o.actors ?? ['Ararat Mirzoyan'], places: [], mediators: [], terms: ['peace treaty'] },
    },
  ];
  return buildRecord({ url: `https://${host}/news/${o.n}?utm_source=rss`, extracted, topics, fetchedAt: new Date('2026-11-28T12:00:00Z') });
}
