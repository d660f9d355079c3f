/**
 * The corpus tier (`npm run test:corpus`, vitest.corpus.config.ts) runs over third-party
 * corpora kept beside the repository in ../shared (never committed: their licences are their
 * own). Each file of the tier calls `requireCorpus` first, so a missing corpus fails the file
 * with this message instead of skipping it; tests/corpus/run.mjs decides before vitest starts
 * whether a missing ../shared is a skip (a user's machine) or a failure (CI=true).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** ../shared next to the repository root. */
export const SHARED_ROOT = path.resolve(import.meta.dirname, '../../../shared');

/**
 * Path of `rel` under ../shared.
 * @throws Error naming the missing path when it does not exist
 */
export function requireCorpus(rel: string): string {
  const p = path.join(SHARED_ROOT, rel);
  if (!existsSync(p)) throw new Error(`corpus tier: ${p} not found (the third-party corpora live in ../shared beside the repository; see README "Tests")`);
  return p;
}
