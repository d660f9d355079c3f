/**
 * The work that needs the compiled topics runs in the extraction threads (issue 17 round 9), so the
 * worker's main thread holds no topics: a feed item's record and the pre-filter's verdicts made
 * in a thread are the ones the main thread makes, and a topic file a thread cannot load stops the
 * pool at once with the topic named (runWorker turns it into a ConfigError before connecting).
 * Hand-written items and a hand-written broken topic file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { feedItemToRecord, type FeedItemInput } from '../../src/pipeline/feed-item.js';
import { prefilterItem } from '../../src/prefilter/index.js';
import { ExtractPool, TopicLoadError } from '../../src/queue/extract-pool.js';
import { startExtractPool } from '../../src/queue/worker.js';
import { loadTopic } from '../../src/tagging/index.js';
import type { FeedItem } from '../../src/types.js';

const TOPIC = 'armenia-azerbaijan-talks';

function item(i: number, title: string | null, content: string | null, summary: string | null = null): FeedItem {
  return {
    guid: `urn:item:${i}`,
    link: `http://news.example/2026/item-${i}.html`,
    title,
    summary,
    content,
    authors: ['A. Writer'],
    publishedAt: new Date(Date.UTC(2026, 10, 29, 8, i)).toISOString(),
    updatedAt: null,
    categories: ['World'],
    enclosures: [],
  } as unknown as FeedItem;
}

const longText = (i: number) =>
  Array.from({ length: 5 }, (_, k) => `Sentence ${k} of item ${i}: the foreign ministers of Armenia and Azerbaijan met in Abu Dhabi to initial the peace treaty, and the border commissions agreed on the next delimitation round near Tavush.`).join(' ');

describe('tagging work in the extraction threads', () => {
  const pool = new ExtractPool(1, [TOPIC]);
  afterAll(() => pool.close());
  const topics = [loadTopic(TOPIC)];

  it('a feed item becomes the same record in a thread as on the main thread', async () => {
    const inputs: FeedItemInput[] = [
      { item: item(1, 'Ministers initial the treaty', longText(1)), feed: { id: 'f1', url: 'http://news.example/rss' } as FeedItemInput['feed'], url: 'http://news.example/2026/item-1.html', fetchedAt: new Date(Date.UTC(2026, 10, 29, 9)) },
      // no title: named from its text; a text-only id
      { item: item(2, null, longText(2)), feed: null, url: 'http://news.example/rss', id: 'feed-item-2', fetchedAt: new Date(Date.UTC(2026, 10, 29, 9, 5)) },
      // a story of another subject: tagged not relevant in both places
      { item: item(3, 'Local football results', 'The home side won three to one on Saturday in front of a full stadium, and the coach praised the defence.'), feed: null, url: 'http://news.example/2026/item-3.html', fetchedAt: new Date(Date.UTC(2026, 10, 29, 9, 6)) },
    ];
    for (const input of inputs) {
      const inThread = await pool.feedItemRecord(input);
      expect(inThread).toEqual(feedItemToRecord(input, topics));
    }
    const first = await pool.feedItemRecord(inputs[0]!);
    expect(first.topics[0]!.relevant).toBe(true);
    expect(first.textSource).toBe('feed');
  });

  it('an item with neither title nor text fails in the thread as on the main thread', async () => {
    const input: FeedItemInput = { item: item(4, null, null), feed: null, url: 'http://news.example/2026/item-4.html', fetchedAt: new Date() };
    expect(() => feedItemToRecord(input, topics)).toThrow(/no title and no text/);
    await expect(pool.feedItemRecord(input)).rejects.toThrow(/no title and no text/);
  });

  it('the pre-filter gives the same verdicts in a thread, in the items\' order', async () => {
    const items = [
      { title: 'Armenia and Azerbaijan resume border talks', summary: 'The commissions meet next week.' },
      { title: 'Stock markets close higher', summary: 'Tech shares led the gains on Friday.' },
      { title: null, summary: null },
      { title: 'Pashinyan meets Aliyev', summary: null },
      { title: 'Weather: rain over the weekend', summary: 'Cooler air arrives on Sunday.' },
    ];
    const verdicts = await pool.prefilter(items, 'feed-1');
    expect(verdicts).toEqual(items.map((x) => prefilterItem(x, topics)));
    expect(verdicts.map((v) => v.fetch)).toEqual([true, false, true, true, false]);
  });

  it('a topic file a thread cannot load stops the pool with the topic named; startExtractPool makes it a ConfigError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pool-topic-'));
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\nentities: [this is not: a valid lexicon\n');
    const bad = new ExtractPool(1, ['broken'], dir);
    const err = await bad.started().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TopicLoadError);
    expect((err as TopicLoadError).topicIndex).toBe(0);
    await expect(bad.feedItemRecord({ item: item(5, 'x', 'y'), feed: null, url: 'http://news.example/x', fetchedAt: new Date() })).rejects.toBeInstanceOf(TopicLoadError);
    await bad.close();

    const config = parseConfig({ topics: ['missing-topic'], worker: { extractThreads: 1 } }, 'test');
    const cfgErr = await startExtractPool(config, 1, dir).catch((e: unknown) => e);
    expect(cfgErr).toBeInstanceOf(ConfigError);
    expect((cfgErr as Error).message).toContain('topic "missing-topic"');
    expect((cfgErr as Error).message).toContain('topics[0]');
  }, 60_000);
});
