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
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests share the machine's Redis and PostgreSQL; each uses its own prefix/schema.
    fileParallelism: true,
    pool: 'forks',
  },
});
