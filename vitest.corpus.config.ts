import { defineConfig } from 'vitest/config';

/**
 * `npm run test:corpus` (through tests/corpus/run.mjs): the corpus tier, tests over the
 * third-party corpora in ../shared (feeds, dev cases). Not part of `npm test`.
 */
export default defineConfig({
  test: {
    include: ['tests/corpus/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
