import { defineConfig } from 'vitest/config';

/**
 * Four suites (vitest projects) in one run:
 * - `unit`: the pure domain and the handlers through the whole middy chain (no emulator, no Java),
 *   so `npx vitest run --project unit` answers in seconds on any machine with Node;
 * - `infra`: the CDK stacks synthesised offline, with cdk-nag;
 * - `integration`: through the local gateway on DynamoDB Local and s3rver, which its global setup
 *   starts once for the run (each test file makes its own table and bucket).
 * - `e2e`: the web client in real Chromium (Debian's package, driven by playwright-core) against a
 *   gateway on the same emulators, with axe-core and screenshots into `test-results/screenshots/`.
 * `npm test` runs all four.
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
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/web-build-setup.ts'],
          testTimeout: 120_000,
          // A page renders after its API answers; on a loaded 2-core machine that can take seconds.
          expect: { poll: { timeout: 20_000, interval: 100 } },
          // Each file drives its own Chromium; two at once is what two cores bear. The browser tests
          // run as a group after the others (vitest needs its own group for its own worker count).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
