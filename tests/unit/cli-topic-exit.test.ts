/**
 * A topic file with a typo is an invalid config for every command that reads it (exit 2, the
 * message naming the topic and its file), as for `start` and `config check`. Before (fresh15):
 * `tag`, `extract` and `retag` loaded it with `loadTopic` and exited 1 with the bare problem.
 * Real processes in a working directory of their own whose config/topics/ holds the bad file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/worker.js';

const root = resolve(__dirname, '../..');
const topicFile = 'armenia-azerbaijan-talks.yaml';

/** A working directory whose topic file has `edit` applied, and a config file in it. */
function workDir(name: string, edit: (yaml: string) => string): { cwd: string; config: string } {
  const cwd = tempDir(name);
  mkdirSync(join(cwd, 'config', 'topics'), { recursive: true });
  writeFileSync(join(cwd, 'config', 'topics', topicFile), edit(readFileSync(join(root, 'config', 'topics', topicFile), 'utf8')));
  const config = join(cwd, 'c.yaml');
  writeFileSync(config, `feeds:\n  - { id: a, url: "https://a.example/rss" }\nsinks:\n  - { type: jsonl, path: ${join(cwd, 'out.jsonl')} }\n`);
  writeFileSync(join(cwd, 'page.html'), '<html lang="en"><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1><p>Ministers of Armenia and Azerbaijan met in Abu Dhabi to continue the peace talks on Tuesday.</p></article></body></html>');
  writeFileSync(join(cwd, 'lines.jsonl'), `${JSON.stringify({ id: 'x', title: 'Armenia and Azerbaijan resume peace talks', text: 'Ministers of Armenia and Azerbaijan met in Abu Dhabi.' })}\n`);
  writeFileSync(join(cwd, 'out.jsonl'), '');
  return { cwd, config };
}

function run(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/news-ingest.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

describe('a topic file with a typo', () => {
  it('tag, extract and retag exit 2 naming the topic and the file, as config check does', () => {
    const { cwd, config } = workDir('cli-topic-exit', (y) => y.replace(/^parties: \[Armenia, Azerbaijan\]$/m, 'parties: [Armenia, Azerbajan]'));
    for (const args of [['tag', 'lines.jsonl'], ['extract', 'page.html'], ['retag'], ['config', 'check']]) {
      const r = run(cwd, [...args, '-c', config]);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain('invalid config topic "armenia-azerbaijan-talks"');
      expect(r.stderr).toContain(`topics[0]: config/topics/${topicFile}: parties.1: "Azerbajan" names no entity`);
    }
  });

  it('an unknown key is the same (tag)', () => {
    const { cwd, config } = workDir('cli-topic-exit-key', (y) => y.replace(/^threshold: 0\.5$/m, 'threshold: 0.5\nthreshhold: 0.6'));
    const r = run(cwd, ['tag', 'lines.jsonl', '-c', config]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('Unrecognized key: "threshhold"');
  });
});
