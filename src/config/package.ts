/**
 * Where this package is and which version it is, and where topic files are found: the part of
 * the config module that code outside the config loader needs. Kept apart from `load.ts` so that
 * an extraction thread, which loads topics but never a config, does not load the config schema
 * and, through it, node's HTTP/TLS stack (~2 MB of the thread's heap, issue 17 round 12; see
 * docs/pipeline-cost.md).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/**
 * This package's root folder and version (package.json, two levels up from src/config or
 * three from dist/src/config). The version goes into the User-Agent; the root is where the
 * shipped topic files are found when the working directory has none.
 */
export const { PACKAGE_ROOT, VERSION } = (() => {
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version: string };
      if (pkg.name === 'news-ingest') return { PACKAGE_ROOT: dirname(require.resolve(p)), VERSION: pkg.version };
    } catch {
      /* try the next */
    }
  }
  return { PACKAGE_ROOT: process.cwd(), VERSION: '0.0.0' };
})();

/**
 * The folder of topic files: `dir` when given; else `config/topics` in the working directory
 * when it exists there, else the package's own `config/topics`.
 */
export function topicsDirOf(dir?: string): string {
  if (dir) return dir;
  return existsSync('config/topics') ? 'config/topics' : join(PACKAGE_ROOT, 'config/topics');
}
