/** `config check` masks every secret: passwords in URLs (from the file or the environment), webhook secrets, the ops token. */
import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/cli/config-check.js';
import { parseConfig } from '../../src/config/load.js';

describe('maskSecrets', () => {
  it('masks passwords, secrets and the ops token, and keeps everything else', () => {
    const cfg = parseConfig(
      {
        feeds: [{ id: 'a', url: 'https://a.example/rss' }],
        sinks: [
          { type: 'postgres', url: 'postgres://x@db/news' },
          { type: 'webhook', url: 'https://user:hookpw@hooks.example/in', secret: 'hmac-secret' },
        ],
        ops: { listen: '127.0.0.1:9464' },
      },
      'c.yaml',
      { REDIS_URL: 'redis://:redispw@127.0.0.1:6379', DATABASE_URL: 'postgres://u:pgpw@db/news', NEWS_INGEST_OPS_TOKEN: 'token-from-the-environment' },
    );
    const out = JSON.stringify(maskSecrets(cfg));
    for (const secret of ['redispw', 'pgpw', 'hookpw', 'hmac-secret', 'token-from-the-environment']) expect(out).not.toContain(secret);
    const m = maskSecrets(cfg) as typeof cfg;
    expect(m.redis.url).toBe('redis://:***@127.0.0.1:6379');
    expect(m.sinks[0]).toMatchObject({ type: 'postgres', url: 'postgres://u:***@db/news', table: 'articles' });
    expect(m.sinks[1]).toMatchObject({ name: 'webhook', url: 'https://user:***@hooks.example/in', secret: '***', retries: 20 });
    expect(m.ops).toEqual({ listen: '127.0.0.1:9464', token: '***', dashboardActions: false });
    expect(m.feeds).toEqual(cfg.feeds);
  });
});
