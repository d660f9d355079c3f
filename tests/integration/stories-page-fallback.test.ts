/**
 * The /stories page reads the first PostgreSQL sink; when PostgreSQL cannot be opened at start
 * and a JSONL sink is configured, the page reads the JSONL sink (`stories.page-fallback`) rather
 * than going off; with no other readable sink it is off (`stories.page-off`). Nothing listens on
 * port 1 of loopback: a real refused connection.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStoriesPage } from '../../src/stories/page-mount.js';
import { captureLogger, tempDir, testConfig } from '../helpers/worker.js';

const deadPg = { type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test', only: 'all' };

describe('/stories store at start', () => {
  it('falls back to the JSONL sink when PostgreSQL cannot be opened', async () => {
    const path = join(tempDir('stories-fallback'), 'a.jsonl');
    writeFileSync(path, '');
    const { log, lines } = captureLogger('info');
    const page = await openStoriesPage(testConfig({ sinks: [deadPg, { type: 'jsonl', path, only: 'all' }] }), log);
    expect(page).not.toBeNull();
    expect(lines.filter((l) => String(l.event).startsWith('stories.page-')).map((l) => [l.event, l.reason])).toEqual([['stories.page-fallback', 'store-failed']]);
    expect(String(lines.find((l) => l.event === 'stories.page-fallback')!.err)).toMatch(/ECONNREFUSED|connect/);
    await page!.store.close?.();
  });

  it('is off, with its reason, when PostgreSQL is the only readable sink and cannot be opened', async () => {
    const { log, lines } = captureLogger('info');
    const page = await openStoriesPage(testConfig({ sinks: [deadPg] }), log);
    expect(page).toBeNull();
    expect(lines.filter((l) => String(l.event).startsWith('stories.page-')).map((l) => [l.event, l.reason])).toEqual([['stories.page-off', 'no-readable-sink']]);
  });
});
