/**
 * `news-ingest show <id|url>`: one record with its story, its copies and its revisions.
 */
import type { ArticleRecord, Carrier } from '../types.js';
import type { SearchHit } from './query.js';
import type { RecordStore, Revision } from './store.js';

/** What `show --json` prints. */
export interface ShowResult {
  record: ArticleRecord;
  story: { storyId: string | null; articles: SearchHit[] };
  copies: SearchHit[];
  /** The record's `carriedBy`, or (JSONL, which is not updated in place) derived from its copies. */
  carriedBy: Carrier[];
  revisions: Revision[];
}

/** Collects a record's context; null when no record has that id or URL. */
export async function collectShow(store: RecordStore, target: string): Promise<ShowResult | null> {
  const record = await store.record(target);
  if (!record) return null;
  // a story merged into another since this record was delivered (round 11) is shown as the story it ended in
  const storyId = record.storyId ? ((await store.storyAliases?.())?.get(record.storyId) ?? record.storyId) : undefined;
  const [articles, copies, revisions] = await Promise.all([storyId ? store.storyHits(storyId) : Promise.resolve([]), store.copies(record.id), store.revisions(record.id)]);
  const self: Carrier = { source: record.source?.domain ?? record.source?.name ?? null, feedId: record.feed?.id ?? null, url: record.url, publishedAt: record.publishedAt };
  const carriedBy = record.carriedBy ?? (copies.length ? [self, ...copies.map((c) => ({ source: c.source, feedId: null, url: c.url, publishedAt: c.at }))] : []);
  return { record, story: { storyId: storyId ?? null, articles }, copies, carriedBy, revisions };
}

/** The text (or JSON) `show` prints; null when not found. */
export async function showRecord(store: RecordStore, target: string, json: boolean): Promise<string | null> {
  const s = await collectShow(store, target);
  if (!s) return null;
  if (json) return JSON.stringify(s, null, 2);
  const r = s.record;
  const lines = [
    `${r.title}`,
    `  id ${r.id} · ${r.language ?? '?'} · ${r.source?.domain ?? r.source?.name ?? '?'} · published ${r.publishedAt ?? '-'} · modified ${r.modifiedAt ?? '-'} · fetched ${r.fetchedAt}`,
    `  ${r.url}`,
    `  relevant: ${r.topics.some((t) => t.relevant)} · actors: ${[...new Set(r.topics.flatMap((t) => t.signals.actors))].join(', ') || '-'} · places: ${[...new Set(r.topics.flatMap((t) => t.signals.places))].join(', ') || '-'}`,
    `  ${r.text.slice(0, 280).replace(/\s+/g, ' ')}${r.text.length > 280 ? '…' : ''}`,
    '',
    `story ${s.story.storyId ?? '(none: stored before grouping)'}${r.duplicateOf ? ` · this record is a copy of ${r.duplicateOf}` : ''}`,
    ...s.story.articles.map((a) => `  ${a.at.slice(0, 16).replace('T', ' ')}  ${(a.language ?? '?').padEnd(3)} ${(a.source ?? '?').padEnd(22)} ${a.title}${a.id === r.id ? '  ← this record' : ''}${a.duplicateOf ? '  (copy)' : ''}`),
    '',
    `copies: ${s.copies.length}`,
    ...s.carriedBy.map((c) => `  carried by ${c.source ?? '?'}${c.feedId ? ` (feed ${c.feedId})` : ''} ${c.publishedAt ?? ''} ${c.url}`),
    '',
    `revisions: ${s.revisions.length}${s.revisions.length ? '' : ' (the PostgreSQL sink keeps earlier versions)'}`,
    ...s.revisions.map((v) => `  v${v.version}  replaced ${v.replacedAt}  modified ${v.modifiedAt ?? '-'}  ${v.contentHash.slice(0, 12)}  ${v.title}`),
  ];
  return lines.join('\n');
}
