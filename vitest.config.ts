import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: the model tests are heavy, so keep the pool small and predictable.
    pool: 'forks',
    maxWorkers: 2,
  },
});
