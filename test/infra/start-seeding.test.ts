/**
 * `npm start`'s seeding switch: the demo year by default, an empty store with `--empty` or SEED=none.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/constructs/house-function';
import { readStartSeeding } from '../../infra/local/seed';
import { ValidationError } from '../../shared/domain/errors';

describe('readStartSeeding', () => {
  it('seeds by default and with SEED=demo, starts empty with --empty or SEED=none, refuses other values', () => {
    // Act / Assess
    expect(readStartSeeding([], {})).toBe('demo');
    expect(readStartSeeding([], { SEED: 'demo' })).toBe('demo');
    expect(readStartSeeding(['--empty'], {})).toBe('none');
    expect(readStartSeeding([], { SEED: 'none' })).toBe('none');
    expect(readStartSeeding(['--empty'], { SEED: 'demo' })).toBe('none');
    expect(() => readStartSeeding([], { SEED: 'nope' })).toThrow(ValidationError);
  });
});

describe('npm start -- --empty', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ggzy-start-empty-'));
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the stack on an empty store without seeding it', async () => {
    // Prepare: npm start's entry on free ports and a fresh data folder
    child = spawn(process.execPath, ['--import', 'tsx', join('infra', 'local', 'start.ts'), '--empty'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DYNAMODB_PORT: '0', S3_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const up = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not up in time:\n${output}`)), 90_000);
      child?.stdout?.on('data', () => {
        if (output.includes('不生成演示数据')) {
          clearTimeout(timer);
          resolve(output);
        }
      });
      child?.once('exit', (code, signal) => reject(new Error(`exited ${code ?? signal}:\n${output}`)));
    });
    const api = /API\s+(http:\/\/\S+?)\/api\//.exec(up)?.[1];

    // Act
    const tenders = await fetch(`${api}/api/tenders`);
    const body = (await tenders.json()) as { items: unknown[] };
    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');

    // Assess
    expect(tenders.status).toBe(200);
    expect(body.items).toEqual([]);
    expect(await exited).toBe(0);
    expect(output).not.toContain('seeding demo data');
  }, 120_000);
});
