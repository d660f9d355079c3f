/**
 * `news-ingest extract <file> --fetched-at DATE` as a process, in a working directory with its
 * own config/site-rules.yaml holding two versions of one host's rule: an archived copy is read
 * with the rule of the day it was captured, and the record's fetchedAt is that day.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/worker.js';

const ROOT = join(import.meta.dirname, '../..');
// tsx by path: the working directory is a temp folder without node_modules.
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const LONG = 'The two delegations agreed to meet again next month to settle the wording of the remaining articles on transit.';

describe('extract: the site rule of the capture day', () => {
  it('an archived page captured in 2023 takes the 2023 rule; read as of 2025 it takes the new one', () => {
    const cwd = tempDir('dated-rules');
    mkdirSync(join(cwd, 'config'));
    writeFileSync(
      join(cwd, 'config/site-rules.yaml'),
      `rules:
  - {host: ex.am, keep: .story-text, drop: [.read-also], since: 2022-01-01, until: 2024-06-01, note: layout before the redesign}
  - {host: ex.am, keep: .article__body, drop: [.article__promo], since: 2024-06-01, note: layout after the redesign}
`,
    );
    writeFileSync(join(cwd, 'config.yaml'), 'feeds: []\n');
    const teasers = Array.from({ length: 6 }, (_, i) => `<p>Teaser ${i}: ${LONG}</p>`).join('');
    writeFileSync(join(cwd, 'page.html'), `<html><head><title>Old layout</title></head><body><div class="latest">${teasers}</div><div class="story-text"><p>The archived story. ${LONG}</p><div class="read-also"><p>Read also: ${LONG}</p></div></div></body></html>`);
    const run = (day: string) => {
      const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli.ts'), 'extract', 'page.html', '--url', 'https://www.ex.am/news/1', '--fetched-at', day, '-c', 'config.yaml'], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LOG_LEVEL: 'warn' } });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { text: string; fetchedAt: string };
    };
    const then = run('2023-03-10T08:00:00Z');
    expect(then.text).toBe(`The archived story. ${LONG}`);
    expect(then.fetchedAt).toBe('2023-03-10T08:00:00.000Z');
    expect(run('2025-02-01').text).toContain('Teaser 0');
  }, 120_000);
});
