/**
 * An unknown config key names the nearest key the schema has at that place, and a file full of
 * unknown keys lists five of them and a count (round 16, fresh16; src/config/key-hints.ts). On
 * main: `Unrecognized key: "pth"` with no hint, and every key of a wrong file on one line.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.js';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw, 'test.yaml', {});
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n').slice(1).map((l) => l.trim());
    throw err;
  }
  throw new Error('the config was accepted');
}

const feed = { id: 'a', url: 'http://127.0.0.1:18416/ok.xml' };

describe('unknown config keys', () => {
  it('suggests the nearest key at that place: top level, nested, in a list, in each sink type', () => {
    expect(problems({ feeds: [feed], redis: { urll: 'redis://127.0.0.1:6379' } })).toEqual(['redis: Unrecognized key: "urll" (did you mean "url"?)']);
    expect(problems({ feeds: [{ ...feed, intervalMinute: 5 }] })).toEqual(['feeds[0]: Unrecognized key: "intervalMinute" (did you mean "intervalMinutes"?)']);
    expect(problems({ feeds: [feed], sinks: [{ type: 'jsonl', pth: '/tmp/x.jsonl' }] })).toEqual(['sinks[0]: Unrecognized key: "pth" (did you mean "path"?)']);
    expect(problems({ feeds: [feed], sinks: [{ type: 'webhook', url: 'http://127.0.0.1:18416/h', secert: 'x' }] })).toEqual(['sinks[0]: Unrecognized key: "secert" (did you mean "secret"?)']);
    expect(problems({ feeds: [feed], http: { perHost: { concurency: 2 } } })).toEqual(['http.perHost: Unrecognized key: "concurency" (did you mean "concurrency"?)']);
    expect(problems({ Feeds: [feed], feeds: [feed] })).toEqual(['(root): Unrecognized key: "Feeds" (did you mean "feeds"?)']);
  });

  it('gives no hint when no key is near, and lists at most five unknown keys', () => {
    expect(problems({ feeds: [feed], colour: 'red' })).toEqual(['(root): Unrecognized key: "colour"']);
    const wrongFile = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`service${i}:x:${i}:${i}`, 'y']));
    expect(problems({ feeds: [feed], ...wrongFile })).toEqual(['(root): Unrecognized keys: "service0:x:0:0", "service1:x:1:1", "service2:x:2:2", "service3:x:3:3", "service4:x:4:4" and 7 more']);
  });
});
