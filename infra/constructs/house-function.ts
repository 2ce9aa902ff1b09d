/**
 * The house Lambda function: one construct that carries every default a portal function needs.
 *
 * ARM64 on Node 22, an ESM bundle split into chunks (each route's code is a chunk loaded at its
 * first request), source maps uploaded beside the code but not loaded at cold start, its own log
 * group with a retention, X-Ray tracing, and a role that starts with nothing but write access to
 * that log group. Table and bucket access are added afterwards, as the route table says.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
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

/**
 * The SDK module the bundles replace, and with what: the AWS SDK's default credential chain becomes
 * the environment provider alone (see shared/adapters/aws/lambda-credentials.ts for why).
 */
const BUNDLE_ALIASES = {
  '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'shared', 'adapters', 'aws', 'lambda-credentials.ts'),
};

/**
 * Bundles one entry into `outdir` with esbuild: minified ESM for Node 22, split into chunks, with
 * source maps beside the code (without their sources' text).
 *
 * Why esbuild directly and not NodejsFunction: NodejsFunction writes one file and cannot split, and
 * splitting is what lets a context's function load only the route it was called for. Exported for
 * the bench, which bundles the DynamoDB-only baseline the same way.
 */
export function bundleEntry(entry: string, outdir: string, options: { aliases?: boolean } = {}): void {
  buildSync({
    entryPoints: { index: entry },
    outdir,
    absWorkingDir: REPO_ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: ESM_REQUIRE_BANNER },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    alias: options.aliases === false ? {} : BUNDLE_ALIASES,
    logLevel: 'warning',
  });
}

/**
 * The asset of one entry, bundled on this machine at synth (no Docker) and hashed by its output.
 *
 * Why a Docker image is named at all: the CDK asks for one as the fallback of local bundling; it is
 * never pulled, since the local bundler either succeeds or fails the synth.
 */
function bundledCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(join(REPO_ROOT, 'functions'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      // Part of the CDK's bundling cache key: without it, every function would get the first bundle
      environment: { HOUSE_ENTRY: relative(REPO_ROOT, entry) },
      local: {
        tryBundle(outputDir: string): boolean {
          bundleEntry(entry, outputDir);
          return true;
        },
      },
    },
  });
}

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
   * Ready-made code instead of an esbuild bundle of the entry (whose handler must be `index.handler`).
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

    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: props.timeout ?? DEFAULT_TIMEOUT,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      description: props.description,
      // No --enable-source-maps: Node would read every map at cold start; the maps are in the asset
      // for symbolicating a stack trace offline.
      environment: { ...props.environment },
      handler: 'index.handler',
      code: props.code ?? bundledCode(resolveHandlerEntry(props.handler)),
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

/** What a function with table read access may do: item and query reads, never a Scan. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;

/** What table write access adds. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/**
 * Grants a principal exactly the table access a route or context declares: read, or read and write,
 * on the table and its indexes.
 *
 * Why not `grantReadData`: it includes `dynamodb:Scan`, which no request path needs (every access
 * pattern is a key read or a Query, shared/adapters/dynamodb/keys.ts); a role that cannot Scan
 * cannot read the whole table in one call even if its code is subverted.
 */
export function grantTableAccess(grantee: iam.IGrantable, table: ITable, access: RouteAccess['table']): void {
  const actions: string[] = [...TABLE_READ_ACTIONS, ...(access === 'readWrite' ? TABLE_WRITE_ACTIONS : [])];
  table.grant(grantee, ...actions);
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
