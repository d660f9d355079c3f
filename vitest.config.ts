import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm test`: the core tier. Everything it needs is in the repository (tests/fixtures), plus
 * the local Redis and PostgreSQL. The corpus tier (tests/corpus, third-party corpora in
 * ../shared) is `npm run test:corpus` with vitest.corpus.config.ts.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'tests/corpus/**', 'tests/netns/**'],
    // A bound for a hung test, not a speed check: on a loaded 2-core machine (load 20-28 in
    // round 14's shake) a worker's start alone took 65 s, and 30 s failed ops-readyz-redis's
    // beforeAll and backfill's first test with nothing wrong (docs/review.md, Round 14).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests share the machine's Redis and PostgreSQL; each uses its own prefix/schema.
    fileParallelism: true,
    pool: 'forks',
  },
});
