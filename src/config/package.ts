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
 * The folder that holds topic `id`'s file, `<folder>/<id>.yaml`: `dir` when given; else
 * `config/topics` in the working directory when it holds `<id>.yaml`, else the package's own
 * `config/topics`. The choice is per file: a working directory's `config/topics/` adds topics
 * and overrides the package's file of the same id, and never hides the package's other files
 * (before round 20 a folder with one file of its own made the default topic unreadable: fresh20).
 * Without `id`, the folder a new topic file would be looked for in first (the working
 * directory's when it exists).
 */
export function topicsDirOf(dir?: string, id?: string): string {
  if (dir) return dir;
  const local = 'config/topics';
  if (id === undefined ? existsSync(local) : existsSync(join(local, `${id}.yaml`))) return local;
  return join(PACKAGE_ROOT, 'config/topics');
}
