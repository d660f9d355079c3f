/**
 * The JSONL search index answers as the matching rule does: `matchesRecord` over every record,
 * sorted by `byNewest`, cut at `maxHits` (what the JSONL backend did before the index).
 */
import { describe, expect, it } from 'vitest';
import { JsonlSearchIndex } from '../../src/search/jsonl-index.js';
import { byNewest, hitOf, matchesRecord, MAX_HITS, type SearchQuery } from '../../src/search/query.js';
import type { ArticleRecord } from '../../src/types.js';
import { seededRandom } from '../helpers/random.js';

const rnd = seededRandom(7); // deterministic pseudo-random numbers
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
const WORDS = ['Mirzoyan', 'Mirzoyanın', 'Мирзоян', 'Мирзояна', 'Միրզոյան', 'Միրզոյանի', 'Bayramov', 'Bayramovun', 'sülh', 'SÜLH', 'peace', 'peaceful', 'treaty', 'talks', 'Almaty', 'Вашингтон', 'Əliyev', 'ƏLİYEV', 'the', 'a', 'of', '2025', 'توافق\u200cنامه', 'نامه'];
const ACTORS = ['Ararat Mirzoyan', 'Jeyhun Bayramov', 'Nikol Pashinyan'];
const PLACES = ['Almaty', 'Washington', 'Abu Dhabi'];

function record(i: number): ArticleRecord {
  const text = Array.from({ length: 5 + Math.floor(rnd() * 30) }, () => pick(WORDS)).join(' ');
  // few distinct times: many ties, ordered by id
  const at = new Date(Date.parse('2025-01-01') + Math.floor(rnd() * 40) * 86_400_000).toISOString();
  const relevant = rnd() < 0.5;
  return {
    schemaVersion: 1, id: i.toString(16).padStart(32, '0'), url: `https://x.example/${i}`, canonicalUrl: `https://x.example/${i}`, feed: null,
    source: { name: 'X', domain: 'x.example' }, title: pick(WORDS), authors: [], publishedAt: rnd() < 0.9 ? at : null, modifiedAt: null, fetchedAt: at,
    language: pick(['en', 'ru', 'hy', 'az']), summary: null, text, wordCount: 1, contentHash: '0'.repeat(64),
    topics: [{ id: 't', relevant, score: 1, signals: { countries: [], actors: rnd() < 0.5 ? [pick(ACTORS)] : [], places: rnd() < 0.5 ? [pick(PLACES)] : [], mediators: [], terms: [] } }],
  };
}

describe('JsonlSearchIndex', () => {
  const records = Array.from({ length: 800 }, (_, i) => record(i));
  const index = new JsonlSearchIndex(records);
  const day = (d: number) => Date.parse('2025-01-01') + d * 86_400_000;
  const queries: SearchQuery[] = [
    { text: '' },
    { text: 'Mirzoyan' },
    { text: 'мирзоян' },
    { text: 'Միրզոյան', language: 'hy' },
    { text: 'Bayramov sulh', language: 'az' },
    { text: 'peace treaty', since: day(10), until: day(20) },
    { text: '', actor: 'Ararat Mirzoyan', since: day(30) },
    { text: 'talks', place: 'Almaty', relevant: true },
    { text: 'eliyev' },
    { text: 'p' },
    { text: 'xyzzyq' },
    { text: 'the', until: day(5) },
    { text: '', place: 'Washington', maxHits: 7 },
    { text: 'Mirzoyan', maxHits: 25 },
    { text: 'a of', since: day(39) },
    { text: 'نامه' }, // after a zero-width non-joiner: a word of its own for WORD
  ];
  for (const q of queries) {
    it(`answers ${JSON.stringify(q)} as matchesRecord over every record does`, () => {
      const want = records.filter((r) => matchesRecord(r, q)).map(hitOf).sort(byNewest).slice(0, q.maxHits ?? MAX_HITS);
      const got = index.search(q);
      expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
      expect(got).toEqual(want);
    });
  }
  it('has queries with and without matches', () => {
    expect(index.search({ text: 'Mirzoyan' }).length).toBeGreaterThan(50);
    expect(index.search({ text: 'xyzzyq' })).toEqual([]);
  });
});
