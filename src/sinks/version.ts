import { createHash } from 'node:crypto';
import type { ArticleRecord } from '../types.js';

/**
 * JSON text of a value with object keys in sorted order (by UTF-16 code units), at any depth;
 * arrays keep their order. Two values that differ only in key order (a record and its
 * PostgreSQL `jsonb` round trip, which reorders keys) give the same text. `undefined`
 * members are left out, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * The version of a record: the one rule every sink (JSONL, PostgreSQL's `record_version`, the
 * webhook's Idempotency-Key) and `retag` use to tell "the same record again" from "a new
 * version". Two records with the same id are the same version when their `contentHash`, topics
 * (the tags, whatever their key order), `title` and `modifiedAt` are equal (an edited headline,
 * a story updated by its outlet, is a new version), and so are their story grouping (`storyId`,
 * `duplicateOf`); `fetchedAt` and the other fields do not make a new version.
 * @returns 16 hex chars of sha-256(`contentHash|canonicalJson(topics)|title|modifiedAt[|storyId|duplicateOf]`)
 */
export function recordVersion(r: Pick<ArticleRecord, 'contentHash' | 'topics' | 'title' | 'modifiedAt' | 'storyId' | 'duplicateOf'>): string {
  // The story grouping (issue 15) is part of what a write must store: `stories --recompute` changes only it.
  const story = r.storyId || r.duplicateOf ? `|${r.storyId ?? ''}|${r.duplicateOf ?? ''}` : '';
  return createHash('sha256')
    .update(`${r.contentHash}|${canonicalJson(r.topics)}|${r.title ?? ''}|${r.modifiedAt ?? ''}${story}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * The webhook `Idempotency-Key` of a record version: `<id>.<recordVersion>`, e.g.
 * `3f2a...e1.9b0c47d2a1f3e8c5` (49 chars). The same version always carries the same key; a
 * changed text, tags, title or modifiedAt give a new one.
 */
export function idempotencyKey(r: Pick<ArticleRecord, 'id' | 'contentHash' | 'topics' | 'title' | 'modifiedAt' | 'storyId' | 'duplicateOf'>): string {
  return `${r.id}.${recordVersion(r)}`;
}
