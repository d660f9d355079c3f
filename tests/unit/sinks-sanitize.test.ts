import { describe, expect, it } from 'vitest';
import { cutString, MAX_TEXT_CHARS, sanitizeRecord } from '../../src/sinks/sanitize.js';
import { canonicalJson, idempotencyKey, recordVersion } from '../../src/sinks/version.js';
import { makeRecord } from '../helpers/sink-fixtures.js';

describe('sanitizeRecord', () => {
  it('returns the record unchanged and no flags when nothing needs fixing', () => {
    const r = makeRecord({ n: 1 });
    expect(sanitizeRecord(r)).toEqual({ record: r, flags: [] });
  });

  it('strips NUL from nested strings without touching the input', () => {
    const r = { ...makeRecord({ n: 1 }), feed: { id: 'f\u0000', url: 'https://x.am/rss', title: null } };
    const out = sanitizeRecord(r);
    expect(out.record.feed).toEqual({ id: 'f', url: 'https://x.am/rss', title: null });
    expect(out.flags).toEqual(['nul-stripped']);
    expect(r.feed.id).toBe('f\u0000');
  });

  it('cuts the text at the cap, never inside a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_TEXT_CHARS - 1)}😀tail`;
    const out = sanitizeRecord({ ...makeRecord({ n: 1 }), text });
    expect(out.record.text).toBe('a'.repeat(MAX_TEXT_CHARS - 1));
    expect(out.flags).toEqual(['text-truncated']);
    expect(cutString('ab😀', 3)).toBe('ab');
    expect(cutString('ab😀', 4)).toBe('ab😀');
  });

  it('replaces lone surrogates, keeps pairs', () => {
    const out = sanitizeRecord({ ...makeRecord({ n: 1 }), title: 'a\uDC00b\uD83D\uDE00c\uD800' });
    expect(out.record.title).toBe('a\uFFFDb😀c\uFFFD');
    expect(out.flags).toEqual(['surrogate-replaced']);
  });
});

describe('record version identity', () => {
  it('ignores fetchedAt, changes with text or tags', () => {
    const r = makeRecord({ n: 1 });
    expect(idempotencyKey({ ...r, fetchedAt: 'x' } as typeof r)).toBe(idempotencyKey(r));
    expect(recordVersion(makeRecord({ n: 1, text: 'Other.' }))).not.toBe(recordVersion(r));
    expect(recordVersion(makeRecord({ n: 1, relevant: false }))).not.toBe(recordVersion(r));
  });

  it('does not depend on key order (a PostgreSQL jsonb round trip reorders keys)', () => {
    const r = makeRecord({ n: 1 });
    // jsonb orders keys by length, then bytes: rebuild the topics in that order, deepest first.
    const byJsonbOrder = (o: unknown): unknown => {
      if (Array.isArray(o)) return o.map(byJsonbOrder);
      if (!o || typeof o !== 'object') return o;
      const keys = Object.keys(o).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(keys.map((k) => [k, byJsonbOrder((o as Record<string, unknown>)[k])]));
    };
    const reordered = { ...r, topics: byJsonbOrder(r.topics) as typeof r.topics };
    expect(JSON.stringify(reordered.topics)).not.toBe(JSON.stringify(r.topics));
    expect(recordVersion(reordered)).toBe(recordVersion(r));
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});
