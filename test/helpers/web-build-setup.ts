import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWebIfChanged } from '../../infra/local/web-assets';
import { CHROMIUM_INSTALL_COMMAND, CHROMIUM_PATH } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web client built for this run, served by each browser test's gateway. */
    webDir: string;
  }
}

/**
 * Builds the web client once for the browser tests, into a folder of its own.
 *
 * Why not `shared/web/dist`: a running `npm start` serves that folder; the tests must not swap its
 * files under it. Without Chromium the run stops at once with the install command.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(
      `Browser tests need Chromium at ${CHROMIUM_PATH} / 浏览器测试需要 Chromium — install 安装: ${CHROMIUM_INSTALL_COMMAND}`,
    );
    process.exit(1);
  }
  const webDir = mkdtempSync(join(tmpdir(), 'ggzy-web-'));
  await buildWebIfChanged(webDir, () => undefined);
  project.provide('webDir', webDir);
  return () => rmSync(webDir, { recursive: true, force: true });
}
