/**
 * A `config/topics/` folder in the working directory adds topic files and overrides the
 * package's file of the same id, per file (fresh20). Before: its mere existence replaced the
 * package's whole folder, so a folder holding one extra topic made the default topic
 * `cannot read topic file (ENOENT)` (docs/review.md, Round 19 "left").
 * Real processes in a working directory of their own.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/worker.js';

const root = resolve(__dirname, '../..');
const shipped = readFileSync(join(root, 'config/topics/armenia-azerbaijan-talks.yaml'), 'utf8');

/** A working directory whose config/topics/ holds `files` (name → text), a config naming `topics`, and a page. */
function workDir(name: string, files: Record<string, string>, topics: string[]): { cwd: string; config: string } {
  const cwd = tempDir(name);
  mkdirSync(join(cwd, 'config', 'topics'), { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(cwd, 'config', 'topics', f), text);
  const config = join(cwd, 'c.yaml');
  writeFileSync(config, `feeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks:\n  - { type: jsonl, path: ${join(cwd, 'out.jsonl')} }\ntopics: [${topics.join(', ')}]\n`);
  writeFileSync(join(cwd, 'page.html'), '<html lang="en"><head><title>Talks resume</title></head><body><article><h1>Armenia and Azerbaijan resume peace talks</h1><p>Foreign ministers of Armenia and Azerbaijan met in Abu Dhabi to continue the peace talks on the treaty text on Tuesday, officials said.</p></article></body></html>');
  return { cwd, config };
}

function run(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/news-ingest.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

describe('config/topics/ of the working directory, per file', () => {
  it('a folder holding only an extra topic keeps the package default topic readable: both tag the page', () => {
    const extra = shipped.replace(/^id: armenia-azerbaijan-talks$/m, 'id: extra-talks');
    const { cwd, config } = workDir('topics-fresh20-add', { 'extra-talks.yaml': extra }, ['armenia-azerbaijan-talks', 'extra-talks']);
    const r = run(cwd, ['extract', 'page.html', '-c', config]);
    expect(r.status, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout) as { topics: { id: string; relevant: boolean }[] };
    expect(rec.topics.map((t) => [t.id, t.relevant])).toEqual([
      ['armenia-azerbaijan-talks', true],
      ['extra-talks', true],
    ]);
    // config check (and so start) accepts the same config, and says where each topic comes from
    const check = run(cwd, ['config', 'check', '-c', config]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stderr.split('\n').filter((l) => l.startsWith('topic '))).toEqual([
      `topic armenia-azerbaijan-talks: ${join(root, 'config/topics/armenia-azerbaijan-talks.yaml')} (the package's own, none in the working directory's config/topics/)`,
      `topic extra-talks: ${join(cwd, 'config/topics/extra-talks.yaml')} (the working directory's config/topics/)`,
    ]);
  });

  it('a topic found nowhere names the package file and the working directory folder it looked in', () => {
    const { cwd, config } = workDir('topics-fresh20-missing', { 'other.yaml': shipped.replace(/^id: armenia-azerbaijan-talks$/m, 'id: other') }, ['armenia-azerbaijan-talks', 'missing-topic']);
    const r = run(cwd, ['config', 'check', '-c', config]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`topics[1]: ${join(root, 'config/topics/missing-topic.yaml')}: cannot read topic file (ENOENT) (not in ${join(cwd, 'config/topics')} either)`);
  });

  it('a copied topic file whose id: was left as the original is refused, naming the file and both ids', () => {
    const { cwd, config } = workDir('topics-fresh20-id', { 'extra-talks.yaml': shipped }, ['armenia-azerbaijan-talks', 'extra-talks']);
    const r = run(cwd, ['config', 'check', '-c', config]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('topics[1]: config/topics/extra-talks.yaml: id: "armenia-azerbaijan-talks" differs from the file\'s name "extra-talks"');
  });
});
