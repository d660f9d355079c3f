/**
 * A feed that stamps a new guid on every item at every poll, with items stored from the feed's
 * text (no link; a podcast episode whose link is its audio file): one record per item however
 * many polls (before round 12: a new record of each at every poll, docs/review.md round 10
 * leftover), while a stable guid whose title was edited stays one record with the new title, and
 * two items sharing a title and date but not their text stay two. Real worker (`--once`, twice
 * and three times), local Redis (unique prefix), a loopback feed server, a JSONL sink.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorker } from '../../src/queue/worker.js';
import { readJsonlRecords } from '../../src/sinks/jsonl.js';
import { captureLogger, dropPrefix, REDIS_URL, tempDir, testConfig, uniquePrefix } from '../helpers/worker.js';

describe('text-only items under rotating guids', () => {
  const prefix = uniquePrefix('rotating-guids');
  const out = join(tempDir('rotating-guids'), 'a.jsonl');
  let server: http.Server;
  let origin = '';
  let poll = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url !== '/bulletin.xml') return res.writeHead(404).end();
      poll++;
      const edited = poll >= 2 ? ' (updated)' : '';
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Ministry bulletin</title><link>${origin}/</link>` +
          // no link, a new guid at every poll
          `<item><guid isPermaLink="false">rot-a-${poll}-${Math.random()}</guid><title>Statement on the border commission</title><pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate><description>The commissions of Armenia and Azerbaijan met in Gabala and agreed on the next round of delimitation work.</description></item>` +
          // the same title and date, another text: another item
          `<item><guid isPermaLink="false">rot-b-${poll}-${Math.random()}</guid><title>Statement on the border commission</title><pubDate>Mon, 01 Dec 2025 10:00:00 GMT</pubDate><description>The ministry denied reports of shooting near Tegh and called them provocation.</description></item>` +
          // a podcast episode: its link is the audio file, a new guid at every poll
          `<item><guid isPermaLink="false">ep-${poll}-${Math.random()}</guid><title>Episode 12: the Washington meeting</title><link>${origin}/media/ep12.mp3</link><enclosure url="${origin}/media/ep12.mp3" type="audio/mpeg" length="1000"/><pubDate>Sun, 30 Nov 2025 08:00:00 GMT</pubDate><description>Our guests discuss the initialled peace agreement.</description></item>` +
          // a stable guid whose headline is edited at the second poll: one record, the new title
          `<item><guid isPermaLink="false">stable-1</guid><title>Foreign ministers to meet${edited}</title><pubDate>Sun, 30 Nov 2025 09:00:00 GMT</pubDate><description>Bayramov and Mirzoyan are expected to meet in Abu Dhabi.</description></item>` +
          `</channel></rss>`,
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await dropPrefix(prefix);
  });

  it('keeps one record per item across three polls', async () => {
    const cfg = testConfig({
      redis: { url: REDIS_URL, prefix },
      feeds: [{ id: 'bulletin', url: `${origin}/bulletin.xml` }],
      sinks: [{ type: 'jsonl', path: out, only: 'all' }],
      http: { perHost: { concurrency: 2, minDelayMs: 0 } },
    });
    for (let run = 1; run <= 3; run++) await runWorker({ config: cfg, log: captureLogger('warn').log, once: true, extractThreads: 0 });
    expect(poll).toBe(3);
    const records = readJsonlRecords(out);
    expect(records.map((r) => r.title).sort()).toEqual([
      'Episode 12: the Washington meeting',
      'Foreign ministers to meet (updated)',
      'Statement on the border commission',
      'Statement on the border commission',
    ]);
    expect(records.every((r) => r.textSource === 'feed')).toBe(true);
  }, 120_000);
});
