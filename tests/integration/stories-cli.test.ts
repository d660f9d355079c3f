/** `news-ingest stories`, `stories --list`, `search` and `show` as an operator runs them: a child process, its exit code and output. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTopic } from '../../src/tagging/index.js';
import { tagWithTopics } from '../../src/pipeline/page.js';
import type { ArticleRecord } from '../../src/types.js';
import { readLabeled } from '../helpers/stories-site.js';
import { recordSchemaErrors } from '../helpers/schema.js';
import { tempDir } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'tests/fixtures/stories/dev.jsonl');
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, LOG_LEVEL: 'warn' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('news-ingest stories / search / show', () => {
  const labeled = readLabeled(FIXTURE);
  let lines: { id: string; storyId: string; duplicateOf: string | null }[] = [];
  const file = join(tempDir('stories-cli'), 'articles.jsonl');

  beforeAll(() => {
    const r = cli(['stories', FIXTURE]);
    expect(r.code, r.err).toBe(0);
    lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    // records as a JSONL sink would hold them, with the grouping's storyId/duplicateOf
    const topic = loadTopic('armenia-azerbaijan-talks');
    const records: ArticleRecord[] = labeled.map((a, i) => {
      const g = lines[i];
      const tagged = tagWithTopics([topic], a.title, a.text, a.language);
      return {
        schemaVersion: 1, id: createHash('sha256').update(a.id).digest('hex').slice(0, 32), url: `https://${a.source}/a/${a.id}`, canonicalUrl: `https://${a.source}/a/${a.id}`,
        feed: null, source: { name: a.source, domain: a.source }, title: a.title, authors: [], publishedAt: a.publishedAt, modifiedAt: null, fetchedAt: a.publishedAt,
        language: a.language, summary: null, text: a.text, wordCount: a.text.split(/\s+/).length, contentHash: '0'.repeat(64), topics: tagged.topics,
        storyId: g.storyId, duplicateOf: g.duplicateOf,
      };
    });
    // ids in the file must be record ids: map the fixture ids
    const idOf = new Map(labeled.map((a, i) => [a.id, records[i].id]));
    for (const r of records) if (r.duplicateOf) r.duplicateOf = idOf.get(r.duplicateOf)!;
    for (const r of records) expect(recordSchemaErrors(r)).toEqual([]);
    writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  });

  it('stories writes one {id, storyId, duplicateOf} line per input; each copy names the first article of its copy group', () => {
    expect(lines.map((l) => l.id)).toEqual(labeled.map((a) => a.id));
    for (const [i, a] of labeled.entries()) {
      expect(Object.keys(lines[i]).sort()).toEqual(['duplicateOf', 'id', 'storyId']);
      expect(lines[i].duplicateOf, a.id).toBe(a.copy === a.id ? null : a.copy);
    }
  });

  it('stories reads stdin too, gives the same answer for a shuffled input, and reports bad lines', () => {
    const shuffled = readFileSync(FIXTURE, 'utf8').trim().split('\n').reverse();
    const r = cli(['stories', '-'], `${shuffled.join('\n')}\n{"id":"x","title":"t"}\n{"id":"y","text":"z","publishedAt":"yesterday"}\n`);
    expect(r.code).toBe(0);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    const byId = new Map(out.filter((o) => o.id).map((o) => [o.id, o]));
    for (const l of lines) expect(byId.get(l.id)).toEqual(l);
    expect(out.slice(-2)).toEqual([
      { line: shuffled.length + 1, error: 'missing string field "text"' },
      { line: shuffled.length + 2, error: '"publishedAt" is not a date: "yesterday"' },
    ]);
    expect(r.err).toContain('2 of 44 lines could not be grouped');
  });

  it('stories --list shows the stored stories newest first with counts, languages and sources', () => {
    const r = cli(['stories', '--list', '--jsonl', file, '--since', '2020-01-01', '--format', 'jsonl']);
    expect(r.code, r.err).toBe(0);
    const stories = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(stories).toHaveLength(new Set(lines.map((l) => l.storyId)).size);
    expect(stories.reduce((a, s) => a + s.articles, 0)).toBe(labeled.length);
    for (let i = 1; i < stories.length; i++) expect(stories[i - 1].lastAt >= stories[i].lastAt).toBe(true);
    const almaty = stories.find((s) => s.storyId === lines.find((l) => l.id === 'almaty-en-1')!.storyId)!;
    expect(almaty.languages).toEqual(['az', 'en', 'hy', 'ru']);
    expect(almaty.title).toBe(labeled.find((a) => a.id === 'almaty-en-1')!.title);
  });

  it('search groups results by story (csv), filters by language, and refuses bad options with exit 2', () => {
    const r = cli(['search', 'Бербок', '--jsonl', file, '--since', '2020-01-01', '--format', 'csv']);
    expect(r.code, r.err).toBe(0);
    const rows = r.out.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((c) => c[0]))).toEqual(new Set([lines.find((l) => l.id === 'berlin-ru-1')!.storyId]));
    const hy = cli(['search', 'Միրզոյան', '--jsonl', file, '--language', 'hy', '--format', 'jsonl']);
    const groups = hy.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(groups.flatMap((g) => g.articles.map((a: { language: string }) => a.language))).toEqual(expect.arrayContaining(['hy']));
    for (const g of groups) for (const a of g.articles) expect(a.language).toBe('hy');
    expect(cli(['search', 'x', '--jsonl', file, '--since', 'soon']).code).toBe(2);
    expect(cli(['search', 'x', '--jsonl', file, '--format', 'xml']).err).toContain('--format must be table, jsonl or csv');
    expect(cli(['search', 'x', '--jsonl', '/no/such.jsonl']).code).toBe(2);
  });

  it('show prints a record with its story and copies; an unknown id exits 2', () => {
    const recs = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ArticleRecord);
    const original = recs.find((r) => recs.filter((c) => c.duplicateOf === r.id).length === 3)!;
    const r = cli(['show', original.url, '--jsonl', file, '--json']);
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.record.id).toBe(original.id);
    expect(s.copies).toHaveLength(3);
    expect(s.carriedBy).toHaveLength(4);
    expect(s.story.articles.length).toBe(recs.filter((x) => x.storyId === original.storyId).length);
    const text = cli(['show', original.id, '--jsonl', file]);
    expect(text.out).toContain(`story ${original.storyId}`);
    expect(text.out).toContain('copies: 3');
    const missing = cli(['show', 'f'.repeat(32), '--jsonl', file]);
    expect(missing.code).toBe(2); // as `jobs show` of an unknown job
    expect(missing.err).toContain('no stored record');
  });
});
