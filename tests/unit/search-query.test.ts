import { describe, expect, it } from 'vitest';
import { hasPrefix, matchesRecord, parseDuration, parseTimeBound, queryTerms, recordWords } from '../../src/search/query.js';
import { coverageSvg, esc, pageQuery } from '../../src/stories/page.js';
import type { ArticleRecord } from '../../src/types.js';

const rec = (title: string, text: string, extra: Partial<ArticleRecord> = {}): ArticleRecord => ({
  schemaVersion: 1, id: 'a'.repeat(32), url: 'https://x.example/a', canonicalUrl: 'https://x.example/a', feed: null, source: { name: 'X', domain: 'x.example' },
  title, authors: [], publishedAt: '2024-05-10T10:00:00.000Z', modifiedAt: null, fetchedAt: '2024-05-10T11:00:00.000Z', language: 'hy', summary: null, text,
  wordCount: 1, contentHash: '0'.repeat(64), topics: [{ id: 't', relevant: true, score: 1, signals: { countries: [], actors: ['Ararat Mirzoyan'], places: ['Almaty'], mediators: [], terms: [] } }], ...extra,
});

describe('search matching', () => {
  it('matches inflected forms by prefix in every script, case and accents folded', () => {
    const r = rec('Միրզոյանի այցը', 'Bayramovun sözləri. Мирзояна сказали. ŞUŞA');
    for (const q of ['Միրզոյան', 'bayramov', 'Мирзоян', 'susa', 'Şuşa']) expect(matchesRecord(r, { text: q }), q).toBe(true);
    expect(matchesRecord(r, { text: 'Միրզոյան Blinken' })).toBe(false);
    expect(queryTerms('Əliyev, ƏLİYEV!')).toEqual(['eliyev']);
  });

  it('applies time, language, actor, place and relevance filters', () => {
    const r = rec('t', 'x');
    expect(matchesRecord(r, { text: '', since: Date.parse('2024-05-11') })).toBe(false);
    expect(matchesRecord(r, { text: '', until: Date.parse('2024-05-11'), language: 'hy', actor: 'Ararat Mirzoyan', place: 'Almaty', relevant: true })).toBe(true);
    expect(matchesRecord(r, { text: '', language: 'ru' })).toBe(false);
    expect(matchesRecord(r, { text: '', place: 'Washington' })).toBe(false);
  });

  it('prefix lookups on sorted words', () => {
    const w = recordWords({ title: 'b a', text: 'abc abd' });
    expect(w).toEqual(['a', 'abc', 'abd', 'b']);
    expect(hasPrefix(w, 'ab')).toBe(true);
    expect(hasPrefix(w, 'abe')).toBe(false);
    expect(hasPrefix(w, 'c')).toBe(false);
  });

  it('parses durations and dates, and names a bad one', () => {
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseTimeBound('24h', 100 * 3_600_000)).toBe(76 * 3_600_000);
    expect(parseTimeBound('2025-08-01')).toBe(Date.parse('2025-08-01'));
    expect(() => parseTimeBound('soon')).toThrow('not a date or duration: "soon"');
  });
});

describe('stories page pieces', () => {
  it('escapes text and reads a safe query', () => {
    expect(esc('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(pageQuery(new URL('http://h/stories?lang=HY&by=source&q=Mirzoyan'))).toEqual({ q: 'Mirzoyan', lang: 'hy', days: 14, until: null, by: 'source' });
    expect(pageQuery(new URL('http://h/stories?lang=&by=&q='))).toEqual({ q: '', lang: null, days: 14, until: null, by: 'language' });
    expect(() => pageQuery(new URL('http://h/stories?lang=<x>'))).toThrow('lang: not a language code');
    expect(pageQuery(new URL('http://h/stories?days=365')).days).toBe(365);
    expect(() => pageQuery(new URL('http://h/stories?days=999'))).toThrow('days: not a whole number of days from 1 to 365: "999"');
    // the window's last day is in the window: it ends at the day's last millisecond (UTC)
    expect(pageQuery(new URL('http://h/stories?days=60&until=2025-08-10')).until).toBe(Date.parse('2025-08-11') - 1);
    // a date only: a time, a zone or anything after the day was taken (the window then ended at that instant)
    for (const raw of ['2026-01-01T10:00Z', '2026-01-01T23:59:59.999Z', '2026-01-01 10:00', '2026-01-01junk', '2026-01-01Z', ' 2026-01-01']) {
      expect(() => pageQuery(new URL(`http://h/stories?until=${encodeURIComponent(raw)}`)), raw).toThrow('until: not a date YYYY-MM-DD');
    }
  });

  it('draws one stacked segment per day and key, heights proportional to counts', () => {
    const hit = (at: string, language: string) => ({ id: at + language, storyId: 's', duplicateOf: null, title: 't', url: 'u', source: 'x', language, at, relevant: true, actors: [], places: [] });
    const svg = coverageSvg([hit('2024-05-10T01:00:00.000Z', 'en'), hit('2024-05-10T02:00:00.000Z', 'en'), hit('2024-05-10T03:00:00.000Z', 'ru'), hit('2024-05-11T03:00:00.000Z', 'hy')], 'language', Date.parse('2024-05-09T00:00:00Z'), Date.parse('2024-05-11T12:00:00Z'));
    const bars = [...svg.matchAll(/height="([\d.]+)"[^>]*data-day="([\d-]+)" data-key="(\w+)" data-count="(\d+)"/g)].map((m) => ({ h: Number(m[1]), day: m[2], key: m[3], n: Number(m[4]) }));
    expect(bars.map((b) => `${b.day} ${b.key} ${b.n}`)).toEqual(['2024-05-10 en 2', '2024-05-10 ru 1', '2024-05-11 hy 1']);
    expect(bars[0].h).toBeCloseTo(2 * bars[1].h, 0);
  });
});
