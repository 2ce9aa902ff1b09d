import { defineConfig } from 'vitest/config';

/**
 * One config for every suite: unit, handler, infra and integration tests. The global setup starts
 * one DynamoDB Local and one s3rver for the run; integration test files each make their own table.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_REGION: 'us-east-1',
      NODE_OPTIONS: '--openssl-legacy-provider',
    },
  },
});
