import { describe, expect, it } from 'vitest';
import { formatSeen, itemVersion, legacyItemVersion, parseSeen, seenVerdict, withVersion } from '../../src/state/seen.js';

const item = { guid: 'urn:1', title: 'Talks resume', updatedAt: '2026-11-20T10:00:00.000Z' };
const v1 = itemVersion(item);

describe('itemVersion', () => {
  it('changes with the title or the updated date, and only with them: not with the guid (a feed rotating guids at each poll, round 10)', () => {
    expect(itemVersion({ ...item })).toBe(v1);
    expect(itemVersion({ ...item, guid: 'urn:2' })).toBe(v1);
    expect(itemVersion({ ...item, title: 'Talks resume; text agreed' })).not.toBe(v1);
    expect(itemVersion({ ...item, updatedAt: '2026-11-21T10:00:00.000Z' })).not.toBe(v1);
    expect(itemVersion({ title: null, updatedAt: null })).toMatch(/^t[0-9a-f]{11}$/);
  });
  it('the form written before round 10 (guid, title, updated) is 12 hex chars, never equal to the new form', () => {
    expect(legacyItemVersion(item)).toMatch(/^[0-9a-f]{12}$/);
    expect(legacyItemVersion({ ...item, guid: 'urn:2' })).not.toBe(legacyItemVersion(item));
    expect(legacyItemVersion(item)).not.toBe(v1);
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
  it('an entry holding the legacy form of this version is adopted (recorded anew, no fetch); another legacy version is a change', () => {
    const e = withVersion(null, 'wire', legacyItemVersion(item), true);
    expect(seenVerdict(e, v1, 'wire', now, legacyItemVersion(item))).toBe('adopt');
    expect(seenVerdict(e, v1, 'wire', now, legacyItemVersion({ ...item, guid: 'urn:9' }))).toBe('changed');
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
