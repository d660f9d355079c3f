import { describe, expect, it } from 'vitest';
import { formatSeen, itemVersion, parseSeen, seenVerdict, withVersion } from '../../src/state/seen.js';

const item = { guid: 'urn:1', title: 'Talks resume', updatedAt: '2026-11-20T10:00:00.000Z' };
const v1 = itemVersion(item);

describe('itemVersion', () => {
  it('changes with the guid, the title or the updated date, and only with them', () => {
    expect(itemVersion({ ...item })).toBe(v1);
    expect(itemVersion({ ...item, guid: 'urn:2' })).not.toBe(v1);
    expect(itemVersion({ ...item, title: 'Talks resume; text agreed' })).not.toBe(v1);
    expect(itemVersion({ ...item, updatedAt: '2026-11-21T10:00:00.000Z' })).not.toBe(v1);
    expect(itemVersion({ guid: null, title: null, updatedAt: null })).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('seen entries', () => {
  it('round-trip through their stored form', () => {
    const e = withVersion(withVersion(null, 'wire', 'aaa', true), 'digest', 'bbb', true);
    expect(formatSeen(e)).toBe('wire=aaa,digest=bbb');
    expect(parseSeen(formatSeen(e))).toEqual(e);
    const failed = { ...e, failedRuns: 2, retryAt: 1234 };
    expect(formatSeen(failed)).toBe('wire=aaa,digest=bbb|2|1234');
    expect(parseSeen(formatSeen(failed))).toEqual(failed);
    expect(formatSeen({ versions: {}, failedRuns: 0, retryAt: 0 })).toBe('r');
  });
  it('legacy `1` and rebuilt `r` read as seen with no version', () => {
    for (const v of ['1', 'r']) expect(parseSeen(v)).toEqual({ versions: {}, failedRuns: 0, retryAt: 0 });
    expect(parseSeen(null)).toBeNull();
  });
});

describe('seenVerdict', () => {
  const now = 1_000_000;
  it('new, seen, changed per feed; another feed only records its own version', () => {
    expect(seenVerdict(null, v1, 'wire', now)).toBe('new');
    const e = withVersion(null, 'wire', v1, true);
    expect(seenVerdict(e, v1, 'wire', now)).toBe('seen');
    expect(seenVerdict(e, 'other', 'wire', now)).toBe('changed');
    expect(seenVerdict(e, 'other', 'digest', now)).toBe('adopt');
  });
  it('an entry rebuilt after a Redis loss is adopted, never fetched', () => {
    expect(seenVerdict(parseSeen('r'), v1, 'wire', now)).toBe('adopt');
  });
  it('a failed article comes back once its retry time has come', () => {
    const e = { ...withVersion(null, 'wire', v1, true), failedRuns: 1, retryAt: now + 10 };
    expect(seenVerdict(e, v1, 'wire', now)).toBe('seen');
    expect(seenVerdict(e, v1, 'wire', now + 10)).toBe('retry');
  });
});
