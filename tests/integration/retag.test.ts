/** `retag`: records already in the sinks are re-tagged without fetching anything. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRecord } from '../../src/normalize/record.js';
import { tagWithTopics } from '../../src/pipeline/page.js';
import { retagSinks } from '../../src/pipeline/retag.js';
import { JsonlSink, readJsonlRecords } from '../../src/sinks/jsonl.js';
import { loadTopic } from '../../src/tagging/index.js';
import type { Extracted } from '../../src/types.js';
import { tempDir } from '../helpers/worker.js';

const extracted = (title: string, text: string): Extracted => ({
  title,
  authors: [],
  publishedAt: '2024-04-21T10:00:00.000Z',
  modifiedAt: null,
  language: 'en',
  canonicalUrl: null,
  summary: null,
  siteName: null,
  leadImageUrl: null,
  text,
  warnings: [],
});

describe('retag', () => {
  it('updates records whose topics changed, in place, and leaves the others alone', async () => {
    const path = join(tempDir('retag'), 'a.jsonl');
    const sink = new JsonlSink(path, 'all');
    const stale = { id: 'armenia-azerbaijan-talks', relevant: false, score: 0, signals: { countries: [], actors: [], places: [], mediators: [], terms: [] } };
    const talks = buildRecord({
      url: 'https://news.example/a',
      extracted: extracted(
        'Armenia and Azerbaijan agree on first stretch of border delimitation',
        'The border delimitation commissions of Armenia and Azerbaijan, led by deputy prime ministers Mher Grigoryan and Shahin Mustafayev, agreed on the first section of the border near Tavush and Gazakh.\n\nThe agreement is a step towards the peace treaty both governments are negotiating.',
      ),
      topics: [stale],
      fetchedAt: new Date('2024-04-21T12:00:00Z'),
    });
    const topic = loadTopic('armenia-azerbaijan-talks');
    // Tagged with the current topic already: retag must leave it as it is.
    const snow = extracted('Heavy snow closes mountain roads in the Alps', 'Several passes in Switzerland and Austria were closed after heavy snowfall overnight.');
    const current = tagWithTopics([topic], snow.title, snow.text, 'en').topics;
    const weather = buildRecord({
      url: 'https://news.example/b',
      extracted: snow,
      topics: current,
      fetchedAt: new Date('2024-04-21T12:00:00Z'),
    });
    await sink.write(talks);
    await sink.write(weather);
    const s = await retagSinks([sink], [topic]);
    await sink.close();
    expect(s).toMatchObject({ read: 2, changed: 1, flipped: 1, written: 1, failed: 0 });
    const after = readJsonlRecords(path);
    expect(after).toHaveLength(2);
    const t = after.find((r) => r.id === talks.id)!;
    expect(t.topics[0].relevant).toBe(true);
    expect(t.topics[0].signals.countries).toEqual(expect.arrayContaining(['Armenia', 'Azerbaijan']));
    expect(t.contentHash).toBe(talks.contentHash);
    expect(after.find((r) => r.id === weather.id)!.topics).toEqual(current);
  });
});
