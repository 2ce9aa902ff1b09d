import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertJavaAvailable, MissingPrerequisiteError } from '../../infra/local/emulators';
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
 * Why shared: starting the JVM costs seconds; each test file makes its own table and bucket. Without
 * Java the run stops at once with one line saying what to install.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    assertJavaAvailable();
  } catch (error) {
    // One clear line and a stop, not a stack trace from a failed spawn half a minute later.
    if (!(error instanceof MissingPrerequisiteError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ggzy-test-'));
  const emulators = await startEmulators({ dataDir, persistDynamo: false });
  project.provide('emulators', emulators.endpoints);
  return async () => {
    await emulators.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
