/**
 * Issue 12: widening a topic and re-tagging reaches articles that were not relevant before.
 * The default store keeps every tagged article (`only: all`), so `retag` finds them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { buildRecord } from '../../src/normalize/record.js';
import { tagWithTopics } from '../../src/pipeline/page.js';
import { retagSinks } from '../../src/pipeline/retag.js';
import { JsonlSink, readJsonlRecords } from '../../src/sinks/jsonl.js';
import { compileTopic } from '../../src/tagging/index.js';
import type { Extracted } from '../../src/types.js';
import { tempDir } from '../helpers/worker.js';

const yaml = readFileSync(resolve(import.meta.dirname, '../fixtures/topics/lunaria-solaria-talks.yaml'), 'utf8');

const extracted = (title: string, text: string): Extracted => ({
  title,
  authors: [],
  publishedAt: '2026-01-10T10:00:00.000Z',
  modifiedAt: null,
  language: 'en',
  canonicalUrl: null,
  summary: null,
  siteName: null,
  leadImageUrl: null,
  text,
  warnings: [],
});

describe('widening a topic, then retag', () => {
  it('an article stored as not relevant becomes relevant after a new term is added', async () => {
    const narrow = compileTopic('lunaria-solaria-talks', yaml);
    // The phase the narrow topic does not know: a ferry-link agreement between the parties.
    const wide = compileTopic('lunaria-solaria-talks', yaml.replace('  tide treaty:', '  ferry link: {weight: 1, forms: [ferry link*, ferry agreement*]}\n  tide treaty:'));
    const ex = extracted('Lunaria and Solaria sign ferry agreement', 'Lunaria and Solaria signed a ferry agreement on Monday that reopens the ferry link between Selene City and Heliopolis.');
    const tagged = tagWithTopics([narrow], ex.title, ex.text, 'en');
    expect(tagged.topics[0]!.relevant).toBe(false);

    const [store] = parseConfig({ sinks: [{ type: 'jsonl', path: join(tempDir('retag-widen'), 'articles.jsonl') }] }, 'x', {}).sinks;
    expect(store!.only).toBe('all');
    const sink = new JsonlSink((store as { path: string }).path, store!.only);
    await sink.write(buildRecord({ url: 'https://news.example/ferry', extracted: ex, topics: tagged.topics, fetchedAt: new Date('2026-01-10T12:00:00Z') }));

    const summary = await retagSinks([sink], [wide]);
    await sink.close();
    expect(summary).toMatchObject({ read: 1, changed: 1, flipped: 1, written: 1, failed: 0 });
    const [after] = readJsonlRecords((store as { path: string }).path);
    expect(after!.topics[0]!.relevant).toBe(true);
    expect(after!.topics[0]!.signals.terms).toContain('ferry link');
  });
});
