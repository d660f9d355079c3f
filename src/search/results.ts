/**
 * Search results grouped by story, and their output formats (`--format table|jsonl|csv`).
 */
import type { SearchHit } from './query.js';

/** Hits of one story. Times ISO. */
export interface StoryGroup {
  /** The story id, or `record:<id>` for a record without one (stored before grouping). */
  storyId: string;
  /** Title of the story's earliest original among the hits. */
  title: string;
  firstAt: string;
  lastAt: string;
  languages: string[];
  sources: string[];
  /** Oldest first. */
  articles: SearchHit[];
}

/**
 * Story aliases from the records that merged stories (round 11, `ArticleRecord.mergedStories`):
 * each merged id → the story it ended in, chains followed (a story merged into one merged
 * later). Input: [storyId of the bridging record, the ids it merged] pairs, any order.
 */
export function aliasMap(merges: Iterable<[string, readonly string[]]>): Map<string, string> {
  const next = new Map<string, string>();
  for (const [into, from] of merges) for (const f of from) if (f !== into) next.set(f, into);
  const out = new Map<string, string>();
  for (const f of next.keys()) {
    let at = next.get(f)!;
    for (let hops = 0; hops < 64 && next.has(at) && next.get(at) !== f; hops++) at = next.get(at)!;
    out.set(f, at);
  }
  return out;
}

/**
 * Groups hits by story; stories with the newest article first (ties by story id). With
 * `aliases` (`RecordStore.storyAliases`, round 11) the hits of a merged story are grouped under
 * the story it was merged into.
 */
export function groupByStory(hits: readonly SearchHit[], aliases?: ReadonlyMap<string, string>): StoryGroup[] {
  const by = new Map<string, SearchHit[]>();
  for (const h of hits) {
    const k = (h.storyId && aliases?.get(h.storyId)) || (h.storyId ?? `record:${h.id}`);
    let l = by.get(k);
    if (!l) by.set(k, (l = []));
    l.push(h);
  }
  const out: StoryGroup[] = [];
  for (const [storyId, l] of by) {
    l.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
    const lead = l.find((h) => !h.duplicateOf) ?? l[0];
    out.push({
      storyId,
      title: lead.title,
      firstAt: l[0].at,
      lastAt: l[l.length - 1].at,
      languages: [...new Set(l.map((h) => h.language ?? '?'))].sort(),
      sources: [...new Set(l.map((h) => h.source ?? '?'))].sort(),
      articles: l,
    });
  }
  return out.sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : a.storyId < b.storyId ? -1 : 1));
}

/** Output formats. */
export type Format = 'table' | 'jsonl' | 'csv';

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/**
 * Formats story groups.
 * - table: a header line per story, then one line per article (time, language, source, title, url)
 * - jsonl: one JSON object per story (the `StoryGroup`)
 * - csv: one row per article with its story's id and title
 * @param withArticles false: story lines only (`stories --list`)
 */
export function formatGroups(groups: readonly StoryGroup[], format: Format, withArticles = true): string {
  if (format === 'jsonl') return groups.map((g) => JSON.stringify(withArticles ? g : { ...g, articles: g.articles.length })).join('\n');
  if (format === 'csv') {
    const head = ['storyId', 'storyTitle', 'id', 'at', 'language', 'source', 'title', 'url', 'duplicateOf', 'relevant'];
    const rows = groups.flatMap((g) => g.articles.map((a) => [g.storyId, g.title, a.id, a.at, a.language, a.source, a.title, a.url, a.duplicateOf, a.relevant]));
    return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n');
  }
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(`${day(g.lastAt)}  ${String(g.articles.length).padStart(3)} articles  [${g.languages.join(',')}]  ${g.title}`);
    lines.push(`      story ${g.storyId} · first ${day(g.firstAt)} · ${g.sources.join(', ')}`);
    if (withArticles) for (const a of g.articles) lines.push(`      ${day(a.at)}  ${(a.language ?? '?').padEnd(3)} ${(a.source ?? '?').padEnd(22)} ${a.title}${a.duplicateOf ? `  (copy of ${a.duplicateOf})` : ''}\n        ${a.url}`);
  }
  return lines.join('\n');
}
