import { createHash } from 'node:crypto';
import type { ArticleRecord } from '../types.js';

/**
 * The version identity of a record: what the sinks' upsert rule compares. Two records with
 * the same id are the same version when their `contentHash`, topics (tags), `title` and
 * `modifiedAt` are equal (an edited headline, a story updated by its outlet, is a new
 * version); `fetchedAt` and the other fields do not make a new version.
 * @returns 16 hex chars of sha-256(`contentHash|JSON(topics)|title|modifiedAt`)
 */
export function recordVersionHash(r: Pick<ArticleRecord, 'contentHash' | 'topics' | 'title' | 'modifiedAt'>): string {
  return createHash('sha256')
    .update(`${r.contentHash}|${JSON.stringify(r.topics)}|${r.title ?? ''}|${r.modifiedAt ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * The webhook `Idempotency-Key` of a record version: `<id>.<recordVersionHash>`, e.g.
 * `3f2a...e1.9b0c47d2a1f3e8c5` (49 chars). The same version always carries the same key; a
 * changed text, tags, title or modifiedAt give a new one.
 */
export function idempotencyKey(r: Pick<ArticleRecord, 'id' | 'contentHash' | 'topics' | 'title' | 'modifiedAt'>): string {
  return `${r.id}.${recordVersionHash(r)}`;
}
