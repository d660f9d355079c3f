/**
 * Issue 17 round 13: an extraction thread takes the site rules its pool read and checked in the
 * main thread (it loads no yaml and no zod), so the rules in force in the main thread are the ones
 * the thread extracts with; and a topic the main thread cannot read stops the pool before any
 * thread starts. Hand-written pages; the rule's host is a made-up one that config/site-rules.yaml
 * does not list.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractPool, TopicLoadError } from '../../src/queue/extract-pool.js';
import { parseSiteRules, siteRules, useSiteRules } from '../../src/extract/site-rules.js';

const TOPIC = 'armenia-azerbaijan-talks';
const LONG = 'Officials said the sides had agreed on most articles of the draft and would meet again in two weeks to settle the rest.';

describe('extraction threads and the main thread share one reading of the site rules', () => {
  const before = siteRules();
  afterAll(() => useSiteRules(before));

  it("a thread extracts with the main thread's rules, not by reading the file again", async () => {
    useSiteRules(parseSiteRules(`rules:\n  - {host: rules-thread.example, keep: .story-body, since: 2020-01-01, note: the story container of a test layout}\n`, 'test.yaml'));
    const pool = new ExtractPool(1, [TOPIC]);
    try {
      const teasers = Array.from({ length: 6 }, (_, i) => `<p>Teaser ${i}: ${LONG}</p>`).join('');
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A story</title></head><body><div class="latest">${teasers}</div><div class="story-body"><p>The kept story. ${LONG}</p></div></body></html>`;
      const url = 'https://www.rules-thread.example/news/1.html';
      const rec = await pool.run({ body: Buffer.from(html), contentType: 'text/html; charset=utf-8', url, finalUrl: url, fetchedAt: new Date(Date.UTC(2026, 10, 1)) });
      expect(rec.text).toBe(`The kept story. ${LONG}`);
    } finally {
      await pool.close();
    }
  });

  it('a topic file the main thread cannot read stops the pool at once, naming the topic', async () => {
    const pool = new ExtractPool(1, [TOPIC, 'no-such-topic']);
    const err = await pool.started().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TopicLoadError);
    expect((err as TopicLoadError).topicIndex).toBe(1);
    expect((err as Error).message).toContain('no-such-topic.yaml');
    await pool.close();
  });
});

describe('site rules checked without zod', () => {
  it('names the file, the rule and the key of each fault', () => {
    const bad = (yaml: string) => () => parseSiteRules(yaml, 'r.yaml');
    expect(bad('rules:\n  - {host: Ex.AM, since: 2024-01-01, note: x}\n')).toThrow('r.yaml: rules[0].host: lower-case host name');
    expect(bad('rules:\n  - {host: ex.am, since: 2024-01-01}\n')).toThrow('r.yaml: rules[0].note: expected a string, got nothing');
    expect(bad('rules:\n  - {host: ex.am, since: 2024-01-01, note: x, drop: [".a", ""]}\n')).toThrow('r.yaml: rules[0].drop[1]: expected a non-empty string');
    expect(bad('rules:\n  - {host: ex.am, note: x, since: 2024-01-01}\n  - {host: ex.am, note: x, since: 2024-13-30, keep: ""}\n')).toThrow('r.yaml: rules[1].keep: must not be empty; rules[1].since: not a day (YYYY-MM-DD): 2024-13-30');
    expect(bad('rule:\n  - {host: ex.am}\n')).toThrow('r.yaml: Unrecognized key: "rule"; rules: expected a list');
  });
  it('keeps what a valid rule says, and nothing else', () => {
    expect(parseSiteRules('rules:\n  - {host: ex.am, keep: .b, drop: [.c], since: 2024-01-01, until: 2025-01-01, note: why}\n', 'r.yaml')).toEqual([
      { host: 'ex.am', keep: '.b', drop: ['.c'], since: '2024-01-01', until: '2025-01-01', note: 'why' },
    ]);
  });
});
