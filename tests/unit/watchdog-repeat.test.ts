/** `worker.error` while Redis is down: one line per message per window, then the count of the dropped ones. */
import { describe, expect, it } from 'vitest';
import { repeatFilter } from '../../src/queue/watchdog.js';

describe('repeatFilter', () => {
  it('keeps the first of identical messages, drops repeats inside the window, then reports how many were dropped', () => {
    const f = repeatFilter(1000);
    expect(f('connect ECONNREFUSED 127.0.0.1:6379', 0)).toBe(0);
    expect(f('connect ECONNREFUSED 127.0.0.1:6379', 200)).toBeNull();
    expect(f('connect ECONNREFUSED 127.0.0.1:6379', 400)).toBeNull();
    expect(f('connect ECONNREFUSED 127.0.0.1:6379', 999)).toBeNull();
    expect(f('connect ECONNREFUSED 127.0.0.1:6379', 1000)).toBe(3);
    expect(f('connect ECONNREFUSED 127.0.0.1:6379', 1100)).toBeNull();
  });

  it('lets a different message through at once', () => {
    const f = repeatFilter(1000);
    expect(f('a', 0)).toBe(0);
    expect(f('a', 10)).toBeNull();
    expect(f('b', 20)).toBe(0);
    expect(f('a', 30)).toBe(0);
  });
});
