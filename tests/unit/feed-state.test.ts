/**
 * The pure rules of per-feed state (src/feeds/state.ts): which validators are sent back,
 * when a feed is silent, which URL is polled after a move.
 */
import { describe, expect, it } from 'vitest';
import { isSilent, pollUrlOf, usableValidators } from '../../src/state/feed-state.js';

const now = new Date('2026-06-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();

describe('usableValidators', () => {
  const fresh = { lastUnconditionalAt: hoursAgo(2) };
  it('sends sane validators back', () => {
    expect(usableValidators({ ...fresh, etag: '"abc"', lastModified: 'Sun, 31 May 2026 10:00:00 GMT' }, now)).toEqual({ etag: '"abc"', lastModified: 'Sun, 31 May 2026 10:00:00 GMT', unconditional: false, dropped: [] });
  });

  it('drops a Last-Modified in the future, over a year old, or unparseable, and an empty ETag', () => {
    expect(usableValidators({ ...fresh, etag: null, lastModified: 'Mon, 01 Jun 2026 13:00:00 GMT' }, now)).toMatchObject({ lastModified: null, unconditional: true, dropped: ['last-modified-in-future'] });
    expect(usableValidators({ ...fresh, etag: null, lastModified: 'Thu, 01 Jan 1970 00:00:00 GMT' }, now)).toMatchObject({ lastModified: null, dropped: ['last-modified-too-old'] });
    expect(usableValidators({ ...fresh, etag: 'W/""', lastModified: 'yesterday' }, now)).toEqual({ etag: null, lastModified: null, unconditional: true, dropped: ['last-modified-unparseable', 'etag-empty'] });
    // A few minutes of clock skew is tolerated.
    expect(usableValidators({ ...fresh, etag: null, lastModified: 'Mon, 01 Jun 2026 12:03:00 GMT' }, now).lastModified).toBe('Mon, 01 Jun 2026 12:03:00 GMT');
  });

  it('sends none when the last unconditional fetch is a day old, or there was none', () => {
    const sane = { etag: '"abc"', lastModified: 'Sun, 31 May 2026 10:00:00 GMT' };
    expect(usableValidators({ ...sane, lastUnconditionalAt: hoursAgo(25) }, now)).toMatchObject({ etag: null, lastModified: null, unconditional: true, dropped: ['daily-unconditional'] });
    expect(usableValidators({ ...sane, lastUnconditionalAt: null }, now).unconditional).toBe(true);
    expect(usableValidators({ ...sane, lastUnconditionalAt: hoursAgo(23) }, now).unconditional).toBe(false);
  });
});

describe('isSilent and pollUrlOf', () => {
  it('silent after silentAfterHours without a new item, counted from the first fetch before any', () => {
    expect(isSilent({ lastNewItemAt: hoursAgo(73), trackedSince: hoursAgo(500) }, now, 72)).toBe(true);
    expect(isSilent({ lastNewItemAt: hoursAgo(71), trackedSince: hoursAgo(500) }, now, 72)).toBe(false);
    expect(isSilent({ lastNewItemAt: null, trackedSince: hoursAgo(80) }, now, 72)).toBe(true);
    expect(isSilent({ lastNewItemAt: null, trackedSince: null }, now, 72)).toBe(false);
  });

  it('polls the moved-to URL only while the config still names the URL that moved', () => {
    const moved = { movedTo: 'https://new.example.org/rss', movedFrom: 'https://old.example.org/rss' };
    expect(pollUrlOf(moved, 'https://old.example.org/rss')).toBe('https://new.example.org/rss');
    expect(pollUrlOf(moved, 'https://edited.example.org/rss')).toBe('https://edited.example.org/rss');
    expect(pollUrlOf({ movedTo: null, movedFrom: null }, 'https://old.example.org/rss')).toBe('https://old.example.org/rss');
  });
});
