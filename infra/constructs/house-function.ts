/**
 * The house Lambda function: one construct that carries every default a portal function needs.
 *
 * ARM64 on Node 22, an ESM bundle with source maps, its own log group with a retention, X-Ray
 * tracing, and a role that starts with nothing but write access to that log group. Table and
 * bucket access are added afterwards, exactly as the route table's `RouteAccess` says.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { RouteAccess } from '../../shared/http/routes';

/** The repository root, two folders above this file; entries are resolved from here, never from the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Default memory of a portal function, in MB. */
export const DEFAULT_MEMORY_MB = 512;

/** Default timeout of a request-path function; API Gateway gives up after 30 s anyway. */
export const DEFAULT_TIMEOUT = Duration.seconds(10);

/**
 * Lets ESM bundles load CommonJS dependencies: esbuild's `require` shim needs a real `require`.
 *
 * Aliased import names keep it clear of any `createRequire` the bundle itself declares.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __houseCreateRequire } from 'node:module'; const require = __houseCreateRequire(import.meta.url);";

/** Properties of a house function. */
export interface HouseFunctionProps {
  /** Handler module name: the entry is `functions/<handler>.ts` under the repository root. */
  handler: string;
  /** Environment variables, on top of the house defaults (`NODE_OPTIONS`). */
  environment?: Record<string, string>;
  /** Timeout; defaults to 10 s. */
  timeout?: Duration;
  /** Memory in MB; defaults to 512. */
  memorySize?: number;
  /** Description shown in the console. */
  description?: string;
  /** Log retention; defaults to three months. */
  logRetention?: logs.RetentionDays;
  /**
   * Ready-made code instead of an esbuild bundle of the entry.
   *
   * Only for stack tests, which must synthesise before the handler files exist and without
   * paying for fifteen bundles; every other setting stays identical.
   */
  code?: lambda.Code;
}

/** Resolves a handler name to its entry file and fails the synth clearly when it is missing. */
export function resolveHandlerEntry(handler: string): string {
  const entry = join(REPO_ROOT, 'functions', `${handler}.ts`);
  if (!existsSync(entry)) {
    throw new Error(
      `House function '${handler}': entry file functions/${handler}.ts does not exist (looked for ${entry}). ` +
        'Every route and schedule in shared/http/routes.ts needs its handler module before the stack can be synthesised.',
    );
  }
  return entry;
}

/**
 * A Node.js 22 / ARM64 Lambda function with the house defaults.
 *
 * One code path for real and test synths: the bundling settings are ignored when `code` is set,
 * every other property (runtime, architecture, env, log group, role, grants) is the same.
 */
export class HouseFunction extends Construct {
  /** The Lambda function. */
  public readonly function: lambda.Function;
  /** The function's dedicated log group. */
  public readonly logGroup: logs.LogGroup;
  /** The function's execution role. */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one: it gets log writes on this log group only, not the
    // account-wide AWSLambdaBasicExecutionRole managed policy.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.handler} function`,
    });
    this.logGroup.grantWrite(this.role);

    const common = {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: props.timeout ?? DEFAULT_TIMEOUT,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      description: props.description,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    };

    this.function = props.code
      ? new NodejsFunction(this, 'Function', { ...common, code: props.code, handler: 'index.handler' })
      : new NodejsFunction(this, 'Function', {
          ...common,
          entry: resolveHandlerEntry(props.handler),
          handler: 'handler',
          projectRoot: REPO_ROOT,
          depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
          bundling: {
            format: OutputFormat.ESM,
            target: 'node22',
            mainFields: ['module', 'main'],
            banner: ESM_REQUIRE_BANNER,
            minify: true,
            sourceMap: true,
            sourceMapMode: SourceMapMode.DEFAULT,
            sourcesContent: false,
            // Pin the SDK versions the tests ran against instead of whatever the runtime ships.
            bundleAwsSDK: true,
            forceDockerBundling: false,
          },
        });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the house runtime, chosen for the whole portal (an LTS line Lambda supports); a newer runtime is adopted deliberately for all functions at once, after the test suite passes on it.',
    });
  }
}

/** The table and bucket a function may be granted access to. */
export interface GrantTargets {
  /** The single table. */
  table: ITable;
  /** The documents bucket. */
  bucket: IBucket;
}

/** Grants a principal exactly the table access a route declares: read, or read and write. */
export function grantTableAccess(grantee: iam.IGrantable, table: ITable, access: RouteAccess['table']): void {
  if (access === 'readWrite') {
    table.grantReadWriteData(grantee);
  } else {
    table.grantReadData(grantee);
  }
}

/** Grants a principal exactly the bucket access a route declares; no access when it declares none. */
export function grantBucketAccess(
  grantee: iam.IGrantable,
  bucket: IBucket,
  access: RouteAccess['bucket'],
): void {
  if (access === 'read' || access === 'readPut') {
    bucket.grantRead(grantee);
  }
  if (access === 'put' || access === 'readPut') {
    bucket.grantPut(grantee);
  }
}

/** Grants a principal what a route or schedule declares, and nothing more. */
export function grantRouteAccess(grantee: iam.IGrantable, access: RouteAccess, targets: GrantTargets): void {
  grantTableAccess(grantee, targets.table, access.table);
  grantBucketAccess(grantee, targets.bucket, access.bucket);
}
