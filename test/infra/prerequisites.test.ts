/**
 * The local stack's preflight: without Java, `npm start` stops at once with one bilingual line
 * naming what is missing and the command that installs it, instead of a failed spawn's stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/constructs/house-function';
import {
  assertJavaAvailable,
  JAVA_INSTALL_COMMAND,
  MissingPrerequisiteError,
} from '../../infra/local/emulators';

let nodeOnly: string;

beforeAll(() => {
  // Prepare: a PATH with node and nothing else, so there is no java to find
  nodeOnly = mkdtempSync(join(tmpdir(), 'ggzy-no-java-'));
  symlinkSync(process.execPath, join(nodeOnly, 'node'));
});

afterAll(() => {
  rmSync(nodeOnly, { recursive: true, force: true });
});

describe('Java preflight', () => {
  it('throws one bilingual line with the install command when java is not on PATH', () => {
    // Act
    let thrown: unknown;
    try {
      assertJavaAvailable({ PATH: nodeOnly });
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(MissingPrerequisiteError);
    const message = (thrown as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('Java 17');
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).toContain(JAVA_INSTALL_COMMAND);
    expect(JAVA_INSTALL_COMMAND).toBe('apt-get install -y openjdk-17-jre-headless');
  });

  it('passes where a working java is on PATH', () => {
    // Prepare: this machine runs DynamoDB Local for the other suites, so it has Java
    const hasJava = spawnSync('java', ['-version']).status === 0;

    // Act / Assess
    expect(hasJava).toBe(true);
    expect(() => assertJavaAvailable()).not.toThrow();
  });

  it('makes npm start exit 1 with exactly that line and no stack trace', () => {
    // Act: npm start's entry, with node alone on PATH
    const run = spawnSync(process.execPath, ['--import', 'tsx', join('infra', 'local', 'start.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: nodeOnly, HOME: tmpdir(), DATA_DIR: join(nodeOnly, 'data'), PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });

    // Assess
    const lines = run.stderr.trim().split('\n');
    expect(run.status, run.stderr).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(JAVA_INSTALL_COMMAND);
    expect(lines[0]).toContain('Java 17');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toBe('');
  }, 60_000);

  it('makes the integration tests stop at once with that line and exit 1', () => {
    // Act: the integration project's global setup, with node alone on PATH
    const run = spawnSync(
      process.execPath,
      [
        join('node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--project',
        'integration',
        'test/integration/report.test.ts',
      ],
      {
        cwd: REPO_ROOT,
        env: { PATH: nodeOnly, HOME: tmpdir(), NODE_OPTIONS: '--openssl-legacy-provider' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

    // Assess
    expect(run.status, run.stderr).toBe(1);
    const errorLines = run.stderr.trim().split('\n');
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(JAVA_INSTALL_COMMAND);
    expect(run.stderr + run.stdout).not.toMatch(/ECONNREFUSED|^\s+at /m);
  }, 60_000);
});
