import { defineConfig } from 'vitest/config';

/**
 * Three suites (vitest projects) in one run:
 * - `unit`: the pure domain and the handlers through the whole middy chain (no emulator, no Java),
 *   so `npx vitest run --project unit` answers in seconds on any machine with Node;
 * - `infra`: the CDK stacks synthesised offline, with cdk-nag;
 * - `integration`: through the local gateway on DynamoDB Local and s3rver, which its global setup
 *   starts once for the run (each test file makes its own table and bucket).
 * `npm test` runs all three.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_REGION: 'us-east-1',
      NODE_OPTIONS: '--openssl-legacy-provider',
    },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/handler/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
