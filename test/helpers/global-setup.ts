import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type EmulatorEndpoints, startEmulators } from '../../infra/local/local-stack';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoints of the DynamoDB Local and s3rver pair shared by all integration tests. */
    emulators: EmulatorEndpoints;
  }
}

/**
 * Starts one real DynamoDB Local (in memory) and one s3rver for the whole run.
 *
 * Why shared: starting the JVM costs seconds; each test file makes its own table and bucket.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ggzy-test-'));
  const emulators = await startEmulators({ dataDir, persistDynamo: false });
  project.provide('emulators', emulators.endpoints);
  return async () => {
    await emulators.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
