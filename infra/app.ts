/**
 * The CDK app: the stateful stack, the stateless stack (with the web client) wired to it by typed props, and cdk-nag.
 *
 * `buildApp()` is shared by `cdk synth` (through `cdk.json`) and the stack tests, so both see the
 * same stacks, the same feature flags from `cdk.json` and the same AwsSolutions checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { REPO_ROOT } from './constructs/house-function';
import { assertWebBuild } from './constructs/web-hosting';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

/** Construct ids (and so CloudFormation stack names) of the two stacks. */
export const STACK_IDS = { stateful: 'GgzyPortalStateful', stateless: 'GgzyPortalStateless' } as const;

/** Where Vite writes the built web client (`npm run build:web`); the stateless stack deploys it. */
export const WEB_DIST_DIR = join(REPO_ROOT, 'shared', 'web', 'dist');

/** Options of `buildApp`. */
export interface BuildAppOptions {
  /**
   * Replaces every function's esbuild bundle with this code.
   *
   * For stack tests only: they synthesise in-process without the handler files and without
   * bundling fifteen functions; every other function setting is unchanged.
   */
  codeForHandler?: (handler: string) => lambda.Code;
  /** Extra context on top of `cdk.json`'s. */
  context?: Record<string, unknown>;
  /** Cloud assembly output directory; the CLI sets it, tests may leave it to a temp dir. */
  outdir?: string;
  /**
   * The built web client to deploy; defaults to `shared/web/dist`.
   *
   * Stack tests pass a tiny fixture folder so they need no Vite build.
   */
  webDist?: string;
}

/** The app and its two stacks. */
export interface PortalApp {
  /** The CDK app. */
  app: App;
  /** Table, bucket, user pool. */
  stateful: StatefulStack;
  /** Functions, HTTP API, schedules, the web client and its hosted sign-in. */
  stateless: StatelessStack;
}

/** Reads the `context` block of `cdk.json`, so in-process synths use the same feature flags as the CLI. */
export function readCdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** Builds the app: both stacks, wired together, with the AwsSolutions cdk-nag pack as a validation plugin. */
export function buildApp(options: BuildAppOptions = {}): PortalApp {
  const webDist = options.webDist ?? WEB_DIST_DIR;
  assertWebBuild(webDist);
  const app = new App({
    context: { ...readCdkJsonContext(), ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const description = 'ggzy-portal public-resource trading portal';
  const stateful = new StatefulStack(app, STACK_IDS.stateful, { description: `${description}: data` });
  const stateless = new StatelessStack(app, STACK_IDS.stateless, {
    description: `${description}: functions, API and web client`,
    table: stateful.table,
    bucket: stateful.bucket,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    webDist,
    codeForHandler: options.codeForHandler,
  });
  stateless.addStackDependency(stateful);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, stateless };
}

/** True when this module is the process entry point (`tsx infra/app.ts`), not an import. */
function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(entry).href;
}

if (isMain()) {
  buildApp().app.synth();
}
