/**
 * The tagger's word cache (src/tagging/lookup.ts): its bound and its compact entries (issue 17
 * round 10: the cache is the largest structure an extraction thread keeps after its modules).
 */
import { describe, expect, it } from 'vitest';
import { loadTopic, tagArticle } from '../../src/tagging/index.js';
import { cachedWord, wordInfo } from '../../src/tagging/lookup.js';
import { tokenize } from '../../src/tagging/tokenize.js';

const topic = loadTopic('armenia-azerbaijan-talks');
const lex = topic.lexicon;

/** The i-th of many distinct made-up words of 6+ lower-case Latin letters (no topic form starts with "qz"). */
function madeUp(i: number): string {
  let s = '';
  for (let n = i; ; n = Math.floor(n / 26) - 1) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    if (n < 26) break;
  }
  return `qzx${s}`;
}

describe('tagging word cache', () => {
  it('holds at most 65,536 words: the distinct words of a long run clear it instead of growing it', () => {
    lex.words.clear();
    // 70,000 distinct words, in texts under the topic's maxChars
    const words = Array.from({ length: 70_000 }, (_, i) => madeUp(i));
    for (let i = 0; i < words.length; i += 10_000) tokenize(lex, '', words.slice(i, i + 10_000).join(' '));
    expect(lex.words.size).toBeGreaterThan(0);
    expect(lex.words.size).toBeLessThanOrEqual(65_536);
    expect(lex.words.size).toBe(70_000 - 65_536); // cleared once when full, then refilled
  });

  it('keeps a word that starts no form as its folded string, the key string itself when folding leaves it unchanged', () => {
    lex.words.clear();
    tokenize(lex, '', 'zebra Zebras Armenia');
    expect(lex.words.get('zebra')).toBe('zebra');
    expect(lex.words.get('Zebras')).toBe('zebras');
    const armenia = lex.words.get('Armenia');
    expect(typeof armenia).toBe('object');
    expect((armenia as { starts: unknown[] }).starts.length).toBeGreaterThan(0);
    // wordInfo answers the same for both kinds of entry, hit or miss
    expect(wordInfo(lex, 'zebra')).toEqual({ folded: 'zebra', starts: null });
    expect(wordInfo(lex, 'Zebras')).toEqual({ folded: 'zebras', starts: null });
    expect(wordInfo(lex, 'Armenia')).toBe(armenia);
    expect(cachedWord(lex, 'zebra')).toBe('zebra');
  });

  it('tags the same with a cold and a warm cache (cached entries answer as a lookup does)', () => {
    const text = 'Armenian Foreign Minister Ararat Mirzoyan and his Azerbaijani counterpart Jeyhun Bayramov met in Washington on Tuesday to discuss the peace treaty; zebras grazed nearby.';
    lex.words.clear();
    const cold = tagArticle({ title: 'Armenia and Azerbaijan peace talks', text }, topic);
    const warm = tagArticle({ title: 'Armenia and Azerbaijan peace talks', text }, topic);
    expect(warm).toEqual(cold);
    expect(cold.relevant).toBe(true);
    expect(new Set(cold.signals.countries)).toEqual(new Set(['Armenia', 'Azerbaijan']));
  });
});
