import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests share the machine's Redis and PostgreSQL; each uses its own prefix/schema.
    fileParallelism: true,
    pool: 'forks',
  },
});
