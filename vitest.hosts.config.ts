import { defineConfig } from 'vitest/config';

/**
 * `npm run test:hosts`: the several-hosts test (issue 17), worker hosts in network namespaces.
 * Not part of `npm test` or CI yet: it reaches Redis, PostgreSQL and the article site on an
 * address it adds to the root namespace's loopback interface, and is to move those services
 * into a namespace of its own before it runs in CI. Needs root and iproute2.
 */
export default defineConfig({
  test: {
    include: ['tests/netns/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
