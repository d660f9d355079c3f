/**
 * The tagging lexicon's word cache (src/tagging/lexicon.ts `WordCache`, issue 17 round 8): at most
 * two generations of entries, and the words a text keeps using survive the rotations.
 */
import { describe, expect, it } from 'vitest';
import { loadTopic } from '../../src/tagging/index.js';
import { WORD_CACHE_GENERATION, WordCache, wordInfo, type WordInfo } from '../../src/tagging/lexicon.js';

const info = (folded: string): WordInfo => ({ folded, starts: null });

describe('WordCache', () => {
  it('holds at most two generations, and a word in use moves back to the young one', () => {
    const c = new WordCache(3);
    for (const w of ['a', 'b', 'c']) c.set(w, info(w));
    expect(c.size).toBe(3);
    c.set('d', info('d')); // rotation: a b c are the old generation
    expect(c.size).toBe(4);
    expect(c.get('a')?.folded).toBe('a'); // used: copied to the young generation
    c.set('e', info('e'));
    c.set('f', info('f')); // young: d a e, full; the next set rotates
    c.set('g', info('g')); // old generation b c dropped
    expect(c.get('a')?.folded).toBe('a');
    expect(c.get('b')).toBeUndefined();
    expect(c.get('c')).toBeUndefined();
    expect(c.size).toBeLessThanOrEqual(6);
  });

  it('a lexicon fed 5 generations of distinct words keeps at most two generations, and gives the same answers', () => {
    const topic = loadTopic('armenia-azerbaijan-talks');
    const lex = topic.lexicon;
    const before = wordInfo(lex, 'Azerbaijan');
    for (let i = 0; i < 5 * WORD_CACHE_GENERATION; i++) wordInfo(lex, `word${i}x`);
    expect(lex.words.size).toBeLessThanOrEqual(2 * WORD_CACHE_GENERATION);
    const after = wordInfo(lex, 'Azerbaijan');
    expect(after.folded).toBe(before.folded);
    expect(after.starts?.length ?? 0).toBe(before.starts?.length ?? 0);
    expect(after.starts?.length ?? 0).toBeGreaterThan(0);
  });
});
