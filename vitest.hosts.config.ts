import { defineConfig } from 'vitest/config';

/**
 * `npm run test:hosts`: the several-hosts test (issue 17): the services, the article site and
 * three worker hosts, each in a network namespace the test creates and removes (a bridge in a
 * namespace of its own; nothing is added to the root namespace). Needs root, iproute2,
 * redis-server and PostgreSQL's server binaries; skipped with the cause elsewhere. `.ci/run`
 * runs it as the third tier.
 */
export default defineConfig({
  test: {
    include: ['tests/netns/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
