#!/usr/bin/env node
// `npm run test:corpus [-- vitest args]`: the corpus tier. The third-party corpora live in
// ../shared beside the repository and are not part of a clone. When they are absent:
//   - CI (env CI set and not "false"/"0"): a failure, exit 1, with the path looked for;
//   - elsewhere: a skip, exit 0, whose one summary line states the cause.
// When present, runs vitest with vitest.corpus.config.ts and exits with its code.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus');
const needed = ['feeds/MANIFEST.md', 'cases'].map((p) => path.join(corpus, p));
const missing = needed.filter((p) => !existsSync(p));
const ci = !!process.env.CI && !['false', '0'].includes(process.env.CI.toLowerCase());

if (missing.length) {
  const cause = `${missing.join(', ')} not found (the third-party corpora are not in the repository; put them in ../shared beside it)`;
  if (ci) {
    console.error(`test:corpus: FAILED, 0 tests run: ${cause}; in CI (CI=${process.env.CI}) the corpus tier must run`);
    process.exit(1);
  }
  console.log(`test:corpus: skipped, 0 tests run: ${cause}`);
  process.exit(0);
}

const pkg = createRequire(import.meta.url).resolve('vitest/package.json');
const vitest = path.join(path.dirname(pkg), 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', '--config', path.join(root, 'vitest.corpus.config.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
