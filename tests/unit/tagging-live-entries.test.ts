/**
 * Round 16 (tag16a): dialogue.ts `liveEntries`, the clock-time lines of a live page (the entries
 * that score.ts reads as turns of one event when the page names no other side).
 */
import { describe, expect, it } from 'vitest';
import { liveEntries } from '../../src/tagging/dialogue.js';

describe('liveEntries', () => {
  it('counts lines opening with a clock time in several notations and digits', () => {
    expect(liveEntries('LIVE\n14:02 Arrived.\n16h05 Signed.\n20.45 Uhr Rede.\n۱۴:۲۰ امضا شد.\nShare')).toBe(4);
  });
  it('ignores times inside a line, years and scores', () => {
    expect(liveEntries('The meeting began at 14:00.\n2025 was a year of talks.\nFinal score 2:1.\n1994 truce')).toBe(0);
  });
  it('returns 0 for an empty text', () => {
    expect(liveEntries('')).toBe(0);
  });
});
