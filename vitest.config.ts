import { defineConfig } from 'vitest/config';

/** Test runner config: unit and handler tests run in parallel; integration tests share one emulator pair. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
