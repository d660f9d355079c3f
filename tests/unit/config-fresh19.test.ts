/**
 * Round 19 (fresh19) config checks:
 * `LOG_LEVEL=DEBUG` (or `logLevel: Info` in the file) is taken as pino's lower-case level, as a
 * user expects; a name that is no level is still refused naming the variable (round 18,
 * fresh18, left: upper case was refused).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';

describe('logLevel in any case', () => {
  it.each(['DEBUG', 'Debug', ' debug ', 'WARN'])('LOG_LEVEL=%j is taken', (v) => {
    expect(parseConfig({}, 'x.yaml', { LOG_LEVEL: v }).logLevel).toBe(v.trim().toLowerCase());
  });

  it('the file key too', () => {
    expect(parseConfig({ logLevel: 'Trace' }, 'x.yaml', {}).logLevel).toBe('trace');
    expect(parseConfig({}, 'x.yaml', {}).logLevel).toBe('info');
  });

  it('a name that is no level is refused, naming the variable', () => {
    expect(() => parseConfig({}, 'x.yaml', { LOG_LEVEL: 'LOUD' })).toThrow(/LOG_LEVEL \(environment variable, for logLevel\)/);
  });
});

describe('redis.prefix', () => {
  it('an empty prefix is refused, naming the key (every key would sit at the top of the keyspace)', () => {
    expect(() => parseConfig({ redis: { prefix: '' } }, 'x.yaml', {})).toThrow(/redis\.prefix: prefix: empty/);
  });
});
