import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { clusterNodesOf, describeTarget } from '../../src/queue/connection.js';
import { hostKeys } from '../../src/state/politeness.js';
import { seenKey } from '../../src/state/seen.js';
import { feedStateKey } from '../../src/state/feed-state.js';
import { robotsKey } from '../../src/state/robots-cache.js';

/** The Redis Cluster hash slot of a key (CRC16/XMODEM of the hash tag or the key, mod 16384), as the cluster spec defines it. */
function keySlot(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) key = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const b of Buffer.from(key)) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

function problems(raw: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseConfig(raw, 'x.yaml', env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return '';
}

describe('redis.cluster and hash-tagged prefixes (issue 17)', () => {
  it('accepts a {hash tag} prefix, with or without a cluster', () => {
    expect(parseConfig({ redis: { prefix: '{news-ingest}' } }, 'x', {}).redis.prefix).toBe('{news-ingest}');
    expect(parseConfig({ redis: { prefix: 'app-{ni}-prod' } }, 'x', {}).redis.prefix).toBe('app-{ni}-prod');
    const cfg = parseConfig({ redis: { cluster: ['redis://10.0.0.1:7000', 'redis://10.0.0.2:7000'], prefix: '{ni}' } }, 'x', {});
    expect(cfg.redis.cluster).toEqual(['redis://10.0.0.1:7000', 'redis://10.0.0.2:7000']);
  });

  it('refuses a cluster without a hash tag in the prefix, naming redis.prefix and why', () => {
    const msg = problems({ redis: { cluster: ['redis://10.0.0.1:7000'], prefix: 'news-ingest' } });
    expect(msg).toContain('redis.prefix');
    expect(msg).toContain('{hash tag}');
    expect(msg).toContain('one slot');
  });

  it('refuses malformed prefixes and cluster nodes', () => {
    expect(problems({ redis: { prefix: '{a}{b}' } })).toContain('redis.prefix');
    expect(problems({ redis: { prefix: 'a{}b' } })).toContain('redis.prefix');
    expect(problems({ redis: { prefix: 'a:b' } })).toContain('redis.prefix');
    expect(problems({ redis: { cluster: [], prefix: '{a}' } })).toContain('redis.cluster');
    expect(problems({ redis: { cluster: ['10.0.0.1:7000'], prefix: '{a}' } })).toContain('redis.cluster[0]');
  });

  it('REDIS_CLUSTER_NODES sets the nodes, and a bad one is blamed on the variable', () => {
    const cfg = parseConfig({ redis: { prefix: '{ni}' } }, 'x', { REDIS_CLUSTER_NODES: 'redis://a:7000, redis://b:7001' });
    expect(cfg.redis.cluster).toEqual(['redis://a:7000', 'redis://b:7001']);
    expect(problems({ redis: { prefix: 'plain' } }, { REDIS_CLUSTER_NODES: 'redis://a:7000' })).toContain('redis.prefix');
    expect(problems({ redis: { prefix: '{ni}' } }, { REDIS_CLUSTER_NODES: 'a:7000' })).toContain('REDIS_CLUSTER_NODES');
  });

  it('every key of a hash-tagged prefix hashes to the slot of its tag (scripts, MULTI and pipelines stay in one slot)', () => {
    const prefix = '{news-ingest}';
    const slot = keySlot('news-ingest');
    const keys = [
      ...Object.values(hostKeys(prefix, 'Example.ORG')),
      seenKey(prefix, 'abc123'),
      feedStateKey(prefix, 'feed-1'),
      robotsKey(prefix, 'https://example.org:443'),
      `${prefix}:articles:wait`,
      `${prefix}:feeds:repeat`,
    ];
    for (const k of keys) expect(keySlot(k), k).toBe(slot);
    // Without the tag the host keys still share their {host} slot, but the seen keys spread out.
    expect(keySlot(seenKey('news-ingest', 'a'))).not.toBe(keySlot(seenKey('news-ingest', 'b')));
  });

  it('parses cluster node URLs (auth shared, TLS) and describes the target without passwords', () => {
    const { nodes, auth } = clusterNodesOf(['rediss://u:s%40cret@10.0.0.1:7000', 'rediss://10.0.0.2:7001']);
    expect(nodes).toEqual([{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }]);
    expect(auth).toEqual({ username: 'u', password: 's@cret', tls: {} });
    expect(describeTarget({ url: 'redis://x:6379', cluster: ['redis://u:p@10.0.0.1:7000'] })).toBe('cluster 10.0.0.1:7000');
    expect(describeTarget({ url: 'redis://x:6379' })).toBe('redis://x:6379');
  });
});

describe('an unreachable cluster', () => {
  it('fails the start-up check with RedisUnavailableError naming the seed nodes, without retrying forever', async () => {
    const { assertRedisReachable, RedisUnavailableError } = await import('../../src/queue/connection.js');
    const err = await assertRedisReachable({ url: 'redis://127.0.0.1:6379', cluster: ['redis://127.0.0.1:1', 'redis://127.0.0.1:2'] }, 1500).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toContain('cluster 127.0.0.1:1,127.0.0.1:2');
    expect((err as Error).message).toContain('REDIS_CLUSTER_NODES');
  });
});
