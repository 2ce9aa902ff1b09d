/**
 * Stack tests: key schema, bucket hardening, IAM, env vars, routes and cdk-nag, all derived from
 * the route table and the key module rather than restated here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PortalApp } from '../../infra/app';
import { HouseFunction, REPO_ROOT, TABLE_READ_ACTIONS } from '../../infra/constructs/house-function';
import { SCHEDULE_TIMEOUT, SERVICE_NAME } from '../../infra/stateless-stack';
import { INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/keys';
import { ENV } from '../../shared/config/env';
import {
  CONTEXTS,
  CORS,
  type ContextId,
  contextAccess,
  ROLES,
  ROUTES,
  type RouteAccess,
  routesOf,
  SCHEDULES,
} from '../../shared/http/routes';

/** Stand-in code so the stacks synthesise without the handler files and without bundling. */
const stubCode = () => lambda.Code.fromInline('exports.handler = async () => ({});');

/** A two-file stand-in for the Vite build, so the stacks synthesise without building the web client. */
const WEB_DIST_FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'web-dist');

/** The app as the tests build it: stub handler code and the web fixture. */
const buildTestApp = (context?: Record<string, unknown>): PortalApp =>
  buildApp({ codeForHandler: stubCode, webDist: WEB_DIST_FIXTURE, ...(context ? { context } : {}) });

/** A CloudFormation resource as found in a template. */
interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** One IAM policy statement as found in a template. */
interface StatementJson {
  Effect: string;
  Action: string | string[];
}

/** The bounded contexts of the route table. */
const CONTEXT_IDS = Object.keys(CONTEXTS) as ContextId[];

/** Every function's table and bucket access: each context's (its routes' union) and each schedule's. */
const ACCESS_BY_ID: ReadonlyArray<{ id: string; kind: 'context' | 'schedule'; access: RouteAccess }> = [
  ...CONTEXT_IDS.map((context) => ({
    id: context,
    kind: 'context' as const,
    access: contextAccess(context),
  })),
  ...SCHEDULES.map((schedule) => ({ id: schedule.id, kind: 'schedule' as const, access: schedule.access })),
];

const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

let portal: PortalApp;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  // Prepare: one in-process synth of the whole app, cdk-nag included (it throws on findings).
  portal = buildTestApp();
  stateful = Template.fromStack(portal.stateful);
  stateless = Template.fromStack(portal.stateless);
}, 60_000);

/** The house function of a context, a route (its context's) or a schedule. */
function houseFunctionOf(id: string, kind: 'context' | 'route' | 'schedule'): HouseFunction {
  const fn =
    kind === 'context'
      ? portal.stateless.contextFunctions[id as ContextId]
      : kind === 'route'
        ? portal.stateless.routeFunctions[id]
        : portal.stateless.scheduleFunctions[id];
  if (!fn) throw new Error(`no function for ${kind} ${id}`);
  return fn;
}

/** The logical id of a construct's CloudFormation resource in the stateless stack. */
function logicalIdOf(construct: IConstruct): string {
  return portal.stateless.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** Every IAM action granted to a function's role, across all policies attached to it. */
function actionsOf(fn: HouseFunction): string[] {
  const roleId = logicalIdOf(fn.role);
  const policies = stateless.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  }) as Record<string, CfnResourceJson>;
  const statements = Object.values(policies).flatMap(
    (policy) =>
      (policy.Properties?.PolicyDocument as { Statement: StatementJson[] } | undefined)?.Statement ?? [],
  );
  return statements
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
}

/** The resources of one type that belong to the HTTP API or to the live channel's WebSocket API. */
function apiResources(type: string, api: 'http' | 'live'): Record<string, CfnResourceJson> {
  const apiId = logicalIdOf(api === 'http' ? portal.stateless.api : portal.stateless.liveApi);
  return stateless.findResources(type, { Properties: { ApiId: { Ref: apiId } } }) as Record<
    string,
    CfnResourceJson
  >;
}

/** The live channel's own functions ($connect, $disconnect). */
function liveFunctions(): Array<[string, HouseFunction]> {
  return Object.entries(portal.stateless.liveFunctions);
}

/** Logical ids of every context's and schedule's house function. */
function houseFunctionIds(): string[] {
  return ACCESS_BY_ID.map(({ id, kind }) => logicalIdOf(houseFunctionOf(id, kind).function));
}

/** The template properties of a function. */
function functionProps(fn: HouseFunction): Record<string, unknown> {
  const resources = stateless.toJSON().Resources as Record<string, CfnResourceJson>;
  const resource = resources[logicalIdOf(fn.function)];
  if (!resource?.Properties) throw new Error(`function ${fn.node.path} not in template`);
  return resource.Properties;
}

describe('stateful stack', () => {
  it('creates the table with the key module primary key, on-demand billing, TTL, PITR and deletion protection', () => {
    // Act / Assess
    stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('creates exactly one GSI per INDEXES entry, each projecting ALL attributes', () => {
    // Prepare
    const expected = Object.values(INDEXES).map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));

    // Act
    const [table] = Object.values(stateful.findResources('AWS::DynamoDB::Table')) as CfnResourceJson[];
    const gsis = table?.Properties?.GlobalSecondaryIndexes as unknown[];

    // Assess
    expect(gsis).toHaveLength(expected.length);
    expect(gsis).toEqual(expect.arrayContaining(expected));
  });

  it('blocks public access, versions, encrypts and access-logs the documents bucket, with CORS for presigned URLs', () => {
    // Prepare
    const bucketId = portal.stateful.getLogicalId(portal.stateful.bucket.node.defaultChild as CfnElement);

    // Act
    const bucket = stateful.toJSON().Resources[bucketId] as CfnResourceJson & { DeletionPolicy?: string };

    // Assess
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.any(String) } },
    });
    const cors = bucket.Properties?.CorsConfiguration as { CorsRules: Record<string, unknown>[] } | undefined;
    const corsRules = cors?.CorsRules;
    expect(corsRules).toEqual([
      expect.objectContaining({
        AllowedOrigins: ['*'],
        AllowedMethods: expect.arrayContaining(['PUT', 'GET']),
      }),
    ]);
  });

  it('denies every request to the documents bucket that does not use TLS', () => {
    // Prepare
    const bucketId = portal.stateful.getLogicalId(portal.stateful.bucket.node.defaultChild as CfnElement);

    // Act / Assess
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('creates a user pool without self sign-up, with a strong password policy, custom:orgId and one group per role', () => {
    // Act / Assess
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'orgId', AttributeDataType: 'String' })]),
    });
    const [pool] = Object.values(stateful.findResources('AWS::Cognito::UserPool')) as CfnResourceJson[];
    const policies = pool?.Properties?.Policies as { PasswordPolicy: { MinimumLength: number } };
    expect(policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);

    const groups = Object.values(stateful.findResources('AWS::Cognito::UserPoolGroup')) as CfnResourceJson[];
    expect(groups.map((group) => group.Properties?.GroupName).sort()).toEqual([...ROLES].sort());
  });

  it('creates a secretless app client that may read custom:orgId but never write it', () => {
    // Act
    const clients = Object.values(
      stateful.findResources('AWS::Cognito::UserPoolClient'),
    ) as CfnResourceJson[];

    // Assess
    expect(clients).toHaveLength(1);
    const client = clients[0]?.Properties ?? {};
    expect(client.GenerateSecret).toBe(false);
    expect(client.ReadAttributes).toContain('custom:orgId');
    expect(client.WriteAttributes).not.toContain('custom:orgId');
  });

  it('outputs the user pool id and the app client id', () => {
    // Act
    const outputs = stateful.toJSON().Outputs as Record<string, unknown>;

    // Assess
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['UserPoolId', 'UserPoolClientId']));
  });
});

describe('stateless stack: functions', () => {
  it('creates one function per bounded context and per schedule, all Node.js 22 on arm64, traced, with their own log group', () => {
    // Act
    const all = stateless.findResources('AWS::Lambda::Function') as Record<string, CfnResourceJson>;
    const functions = houseFunctionIds().map((id) => all[id]!);
    const others = Object.keys(all).filter((id) => !houseFunctionIds().includes(id));

    const live = liveFunctions().map(([, fn]) => logicalIdOf(fn.function));

    // Assess: besides the house functions, the live channel's two and the BucketDeployment handler
    // that copies the web client
    expect(new Set(houseFunctionIds()).size).toBe(CONTEXT_IDS.length + SCHEDULES.length);
    expect(others.filter((id) => !live.includes(id))).toHaveLength(1);
    expect(others.filter((id) => !live.includes(id))[0]).toMatch(/^CustomCDKBucketDeployment/);
    expect(live).toHaveLength(2);
    for (const fn of [...functions, ...live.map((id) => all[id]!)]) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
      // Source maps are uploaded with the code but not read at every cold start
      expect(JSON.stringify(fn.Properties?.Environment)).not.toContain('enable-source-maps');
    }
    stateless.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
  });

  it('gives request functions a 10 s timeout and the scheduled jobs a 60 s timeout', () => {
    for (const { id, kind } of ACCESS_BY_ID) {
      // Act
      const props = functionProps(houseFunctionOf(id, kind));

      // Assess
      expect(props.Timeout, id).toBe(kind === 'schedule' ? SCHEDULE_TIMEOUT.toSeconds() : 10);
    }
  });

  it('sets TABLE_NAME, POWERTOOLS_SERVICE_NAME and LOG_LEVEL everywhere, BUCKET_NAME only where the bucket is used', () => {
    for (const { id, kind, access } of ACCESS_BY_ID) {
      // Act
      const props = functionProps(houseFunctionOf(id, kind));
      const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess
      expect(variables[ENV.tableName], id).toBeDefined();
      expect(variables.POWERTOOLS_SERVICE_NAME, id).toBe(SERVICE_NAME);
      expect(variables.LOG_LEVEL, id).toBe('INFO');
      expect(ENV.bucketName in variables, id).toBe(access.bucket !== undefined);
    }
  });

  it("sets PUBLIC_BASE_URL on every function to the web distribution's URL when no publicBaseUrl is given", () => {
    // Prepare
    const distributionId = logicalIdOf(portal.stateless.web.distribution);

    for (const { id, kind } of ACCESS_BY_ID) {
      // Act
      const props = functionProps(houseFunctionOf(id, kind));
      const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess: this stack's distribution (where /api/* reaches the API), never a request header
      expect(variables[ENV.publicBaseUrl], id).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
      });
    }
  });

  it('sets PUBLIC_BASE_URL on every function to the publicBaseUrl context value, without a trailing slash', () => {
    // Prepare
    const custom = buildTestApp({ publicBaseUrl: 'https://ggzy.zhaohua.example/' });
    const template = Template.fromStack(custom.stateless);

    // Act
    const all = template.findResources('AWS::Lambda::Function') as Record<string, CfnResourceJson>;
    const functions = ACCESS_BY_ID.map(({ id, kind }) => {
      const fn =
        kind === 'context'
          ? custom.stateless.contextFunctions[id as ContextId]
          : custom.stateless.scheduleFunctions[id];
      return all[custom.stateless.getLogicalId(fn!.function.node.defaultChild as CfnElement)]!;
    });

    // Assess
    expect(functions).toHaveLength(CONTEXT_IDS.length + SCHEDULES.length);
    for (const fn of functions) {
      const environment = fn.Properties?.['Environment'] as { Variables: Record<string, unknown> };
      expect(environment.Variables[ENV.publicBaseUrl]).toBe('https://ggzy.zhaohua.example');
    }
  });

  it('refuses a publicBaseUrl context value that is not an absolute https URL', () => {
    // Act / Assess
    expect(() => buildTestApp({ publicBaseUrl: 'evil.example' })).toThrow(/publicBaseUrl/);
  });

  it('never attaches the account-wide AWSLambdaBasicExecutionRole managed policy', () => {
    // Act
    const roles = Object.values(stateless.findResources('AWS::IAM::Role')) as CfnResourceJson[];

    // Assess
    for (const role of roles) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('lets read-only functions read the table but never write it', () => {
    for (const { id, kind, access } of ACCESS_BY_ID) {
      // Act
      const actions = actionsOf(houseFunctionOf(id, kind));

      // Assess
      expect(actions, id).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      for (const write of TABLE_WRITE_ACTIONS) {
        if (access.table === 'read') {
          expect(actions, `${id} must not ${write}`).not.toContain(write);
        } else {
          expect(actions, `${id} needs ${write}`).toContain(write);
        }
      }
    }
  });

  it('grants no S3 action to a function whose route does not touch the bucket, and exactly read or put otherwise', () => {
    for (const { id, kind, access } of ACCESS_BY_ID) {
      // Act
      const s3Actions = actionsOf(houseFunctionOf(id, kind)).filter((action) => action.startsWith('s3:'));

      // Assess
      const reads = access.bucket === 'read' || access.bucket === 'readPut';
      const puts = access.bucket === 'put' || access.bucket === 'readPut';
      if (!access.bucket) expect(s3Actions, id).toEqual([]);
      expect(s3Actions.includes('s3:GetObject*'), `${id} read`).toBe(reads);
      expect(s3Actions.includes('s3:PutObject'), `${id} put`).toBe(puts);
      expect(
        s3Actions.some((action) => action.startsWith('s3:Delete')),
        `${id} delete`,
      ).toBe(false);
    }
  });

  it("grants each context the union of its routes' declared access and no more: every route is covered, read-only contexts stay read-only", () => {
    for (const context of CONTEXT_IDS) {
      // Act
      const actions = actionsOf(houseFunctionOf(context, 'context'));
      const routes = routesOf(context);

      // Assess: what each route needs is granted to its context's function
      for (const route of routes) {
        expect(houseFunctionOf(route.id, 'route'), route.id).toBe(houseFunctionOf(context, 'context'));
        if (route.access.table === 'readWrite') expect(actions, route.id).toContain('dynamodb:PutItem');
        if (route.access.bucket === 'read' || route.access.bucket === 'readPut')
          expect(actions, route.id).toContain('s3:GetObject*');
        if (route.access.bucket === 'put' || route.access.bucket === 'readPut')
          expect(actions, route.id).toContain('s3:PutObject');
      }
      // ... and nothing that none of its routes declares
      if (routes.every((route) => route.access.table === 'read'))
        expect(
          actions.filter((action) => TABLE_WRITE_ACTIONS.includes(action)),
          context,
        ).toEqual([]);
      if (routes.every((route) => !route.access.bucket))
        expect(
          actions.filter((action) => action.startsWith('s3:')),
          context,
        ).toEqual([]);
    }
    // The public reads are such a context: read-only and bucket-free
    expect(contextAccess('open-data')).toEqual({ table: 'read' });
  });

  it('lets no role Scan the table, nor use any DynamoDB action beyond key reads, queries and item writes', () => {
    // Prepare
    const allowed = new Set<string>([...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]);

    for (const { id, kind } of ACCESS_BY_ID) {
      // Act
      const dynamo = actionsOf(houseFunctionOf(id, kind)).filter((action) => action.startsWith('dynamodb:'));

      // Assess
      expect(dynamo, id).not.toContain('dynamodb:Scan');
      for (const action of dynamo) expect(allowed.has(action), `${id}: ${action}`).toBe(true);
    }
  });
});

describe('stateless stack: HTTP API', () => {
  it("creates exactly one route per ROUTES entry, integrated with its context's function (one integration per context)", () => {
    // Prepare
    const routes = apiResources('AWS::ApiGatewayV2::Route', 'http');
    const integrations = apiResources('AWS::ApiGatewayV2::Integration', 'http');
    expect(Object.keys(routes)).toHaveLength(ROUTES.length);
    expect(Object.keys(integrations)).toHaveLength(CONTEXT_IDS.length);

    for (const route of ROUTES) {
      // Act
      const found = Object.values(routes).find(
        (r) => r.Properties?.RouteKey === `${route.method} ${route.path}`,
      );
      const target = found?.Properties?.Target as { 'Fn::Join': [string, unknown[]] };
      const integrationRef = target['Fn::Join'][1][1] as { Ref: string };
      const integration = integrations[integrationRef.Ref];

      // Assess
      expect(integration?.Properties?.IntegrationUri, route.id).toEqual({
        'Fn::GetAtt': [logicalIdOf(houseFunctionOf(route.context, 'context').function), 'Arn'],
      });
    }
  });

  it("keeps room for three times today's routes: only the route itself grows with the table", () => {
    // Prepare: CloudFormation's limit of resources per stack
    const limit = 500;
    const resources = Object.keys(stateless.toJSON().Resources as Record<string, unknown>).length;

    // Act: nothing per route but its AWS::ApiGatewayV2::Route (one invoke permission per function)
    const permissions = stateless.findResources('AWS::Lambda::Permission');
    const apiPermissions = Object.values(permissions as Record<string, CfnResourceJson>).filter(
      (permission) => permission.Properties?.Principal === 'apigateway.amazonaws.com',
    );
    console.info(
      `stateless stack: ${resources} CloudFormation resources of ${limit} (${ROUTES.length} routes)`,
    );

    // Assess: one per context's function and one per live channel route ($connect, $disconnect)
    expect(apiPermissions).toHaveLength(CONTEXT_IDS.length + 2);
    expect(resources + 2 * ROUTES.length, `${resources} resources today`).toBeLessThanOrEqual(limit);
  });

  it('puts the JWT authorizer on every non-public route and no authorizer on public routes', () => {
    // Prepare
    const authorizerIds = Object.keys(stateless.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(authorizerIds).toHaveLength(1);

    for (const route of ROUTES) {
      // Act
      const matching = stateless.findResources('AWS::ApiGatewayV2::Route', {
        Properties: { RouteKey: `${route.method} ${route.path}` },
      }) as Record<string, CfnResourceJson>;
      const props = Object.values(matching)[0]?.Properties ?? {};

      // Assess
      if (route.auth === 'public') {
        expect(props.AuthorizationType, route.id).toBe('NONE');
        expect(props.AuthorizerId, route.id).toBeUndefined();
      } else {
        expect(props.AuthorizationType, route.id).toBe('JWT');
        expect(props.AuthorizerId, route.id).toEqual({ Ref: authorizerIds[0] });
      }
    }
  });

  it('configures the JWT authorizer with the Cognito issuer URL and both app clients as audience', () => {
    // Prepare
    const srpClient = portal.stateless.resolve(portal.stateful.userPoolClient.userPoolClientId);
    const webClient = { Ref: logicalIdOf(portal.stateless.webClient) };

    // Act / Assess
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: {
          'Fn::Join': [
            '',
            ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', Match.anyValue()],
          ],
        },
        Audience: [srpClient, webClient],
      },
    });
  });

  it('has no dev route anywhere in the deployed stacks', () => {
    // Act
    const everything = JSON.stringify([stateless.toJSON(), stateful.toJSON()]);
    const routeKeys = Object.values(apiResources('AWS::ApiGatewayV2::Route', 'http')).map(
      (route) => route.Properties?.RouteKey as string,
    );
    const liveRouteKeys = Object.values(apiResources('AWS::ApiGatewayV2::Route', 'live')).map(
      (route) => route.Properties?.RouteKey as string,
    );

    // Assess
    expect(everything).not.toContain('/dev/');
    for (const key of routeKeys) expect(key).toMatch(/^(GET|POST|PATCH|PUT|DELETE) \/api\//);
    expect(liveRouteKeys.sort()).toEqual(['$connect', '$disconnect']);
  });

  it('answers CORS preflight and serves a throttled, access-logged $default stage', () => {
    // Act / Assess
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: [...CORS.allowOrigins],
        AllowMethods: [...CORS.allowMethods],
        AllowHeaders: [...CORS.allowHeaders],
        ExposeHeaders: [...CORS.exposeHeaders],
        MaxAge: CORS.maxAgeSeconds,
      },
    });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });

  it('outputs the API URL', () => {
    // Act / Assess
    expect(Object.keys(stateless.toJSON().Outputs as object)).toContain('ApiUrl');
  });
});

/** Every Allow statement in the policies attached to a function's role. */
function statementsOf(fn: HouseFunction): Array<StatementJson & { Resource: unknown; Condition?: unknown }> {
  const roleId = logicalIdOf(fn.role);
  const policies = stateless.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  }) as Record<string, CfnResourceJson>;
  return Object.values(policies)
    .flatMap(
      (policy) =>
        (
          policy.Properties?.PolicyDocument as
            | { Statement: Array<StatementJson & { Resource: unknown }> }
            | undefined
        )?.Statement ?? [],
    )
    .filter((statement) => statement.Effect === 'Allow');
}

describe('stateless stack: the live channel (WebSocket API)', () => {
  it('creates a WebSocket API whose $connect and $disconnect routes call their own functions, on an auto-deployed, throttled, access-logged live stage', () => {
    // Prepare
    const apiId = logicalIdOf(portal.stateless.liveApi);
    const routes = Object.values(apiResources('AWS::ApiGatewayV2::Route', 'live'));
    const integrations = apiResources('AWS::ApiGatewayV2::Integration', 'live');

    // Act
    const targets = Object.fromEntries(
      routes.map((route) => {
        const target = route.Properties?.Target as { 'Fn::Join': [string, unknown[]] };
        const integration = integrations[(target['Fn::Join'][1][1] as { Ref: string }).Ref];
        return [route.Properties?.RouteKey as string, integration?.Properties?.IntegrationUri];
      }),
    );

    // Assess
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
    expect(routes).toHaveLength(2);
    for (const [key, fn] of [
      ['$connect', portal.stateless.liveFunctions.connect],
      ['$disconnect', portal.stateless.liveFunctions.disconnect],
    ] as const) {
      expect(JSON.stringify(targets[key]), key).toContain(logicalIdOf(fn.function));
    }
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: apiId },
      StageName: 'live',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('connectionId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
    expect(Object.keys(stateless.toJSON().Outputs as object)).toContain('LiveUrl');
  });

  it('lets $connect only put and $disconnect only delete the connection items (LIVE#, CONN#), never read or Scan', () => {
    for (const [name, fn] of liveFunctions()) {
      // Act
      const dynamo = statementsOf(fn).filter((statement) =>
        [statement.Action].flat().some((action) => action.startsWith('dynamodb:')),
      );
      const variables = (functionProps(fn).Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess
      expect(dynamo, name).toHaveLength(1);
      expect([dynamo[0]?.Action].flat(), name).toEqual(
        name === 'connect' ? ['dynamodb:PutItem'] : ['dynamodb:DeleteItem'],
      );
      expect(JSON.stringify(dynamo[0]?.Resource), name).not.toContain('index');
      expect(dynamo[0]?.Condition, name).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LIVE#*', 'CONN#*'] },
      });
      expect(actionsOf(fn), name).not.toContain('dynamodb:Scan');
      expect(
        actionsOf(fn).filter((action) => action.startsWith('execute-api:')),
        name,
      ).toEqual([]);
      expect(variables[ENV.tableName], name).toBeDefined();
      expect(ENV.bucketName in variables, name).toBe(false);
    }
  });

  it('grants execute-api:ManageConnections on the live stage’s POST @connections alone, with LIVE_ENDPOINT, to exactly the functions that publish', () => {
    // Prepare: the quotes and the reserve (transfers context), a cancellation (tenders) and the tick publish
    const apiId = logicalIdOf(portal.stateless.liveApi);
    expect(contextAccess('transfers').live).toBe('publish');
    expect(SCHEDULES.find((schedule) => schedule.id === 'tick')?.access.live).toBe('publish');
    expect(ROUTES.filter((route) => route.access.live === 'publish').map((route) => route.id)).toEqual([
      'cancelTender',
      'placeQuote',
      'revealReserve',
    ]);
    expect(contextAccess('tenders').live).toBe('publish');
    expect(contextAccess('open-data').live).toBeUndefined();

    for (const { id, kind, access } of ACCESS_BY_ID) {
      // Act
      const fn = houseFunctionOf(id, kind);
      const manage = statementsOf(fn).filter((statement) =>
        [statement.Action].flat().some((action) => action.startsWith('execute-api:')),
      );
      const variables = (functionProps(fn).Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess
      if (access.live !== 'publish') {
        expect(manage, id).toEqual([]);
        expect(ENV.liveEndpoint in variables, id).toBe(false);
        continue;
      }
      expect(manage, id).toHaveLength(1);
      expect(manage[0]?.Action, id).toBe('execute-api:ManageConnections');
      const resource = JSON.stringify(manage[0]?.Resource);
      expect(resource, id).toContain(`{"Ref":"${apiId}"}`);
      expect(resource, id).toMatch(/\/live\/POST\/@connections\/\*"\]\]\}$/);
      expect(JSON.stringify(variables[ENV.liveEndpoint]), id).toContain(apiId);
      expect(JSON.stringify(variables[ENV.liveEndpoint]), id).toMatch(/^\{"Fn::Join":\["",\["https:\/\/"/);
      expect(JSON.stringify(variables[ENV.liveEndpoint]), id).toContain('/live');
    }
  });
});

describe('stateless stack: schedules', () => {
  it('runs every schedule from an EventBridge rate rule that targets its function', () => {
    for (const schedule of SCHEDULES) {
      // Prepare
      const n = schedule.everyMinutes;
      const expression = n === 1 ? 'rate(1 minute)' : `rate(${n} minutes)`;
      const fnId = logicalIdOf(houseFunctionOf(schedule.id, 'schedule').function);

      // Act / Assess
      stateless.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: expression,
        State: 'ENABLED',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } })],
      });
    }
    stateless.resourceCountIs('AWS::Events::Rule', SCHEDULES.length);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged errors or warnings', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(portal.app);
    const annotationErrors = [portal.stateful, portal.stateless].flatMap((stack) =>
      Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    );

    // Assess
    expect(
      report.violations.map((v) => `${v.ruleName} at ${v.violatingResources[0]?.constructPath}`),
    ).toEqual([]);
    expect(annotationErrors).toEqual([]);
  });

  it('gives every acknowledgement a written reason', () => {
    // Prepare
    const reasons: Array<[string, string]> = [];
    const visit = (construct: IConstruct): void => {
      for (const entry of construct.node.metadata) {
        if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
          reasons.push(...Object.entries(entry.data as Record<string, string>));
        }
      }
      for (const child of construct.node.children) visit(child);
    };

    // Act
    visit(portal.app);

    // Assess
    expect(reasons.length).toBeGreaterThan(0);
    for (const [id, reason] of reasons) expect(reason.length, id).toBeGreaterThan(30);
  });

  it('still fails on a wildcard that no route access explains', () => {
    // Prepare
    const other = buildTestApp();
    const fn = other.stateless.contextFunctions['open-data'];
    fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));

    // Act
    const report = new AwsSolutionsChecks().validateScope(other.app);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-IAM5[Action::dynamodb:*]');
  });
});

describe('house function', () => {
  it('fails the synth with a clear message when the handler file does not exist', () => {
    // Prepare
    const stack = new Stack(new App(), 'HouseFunctionTest');

    // Act / Assess
    expect(() => new HouseFunction(stack, 'Missing', { handler: 'no-such-handler' })).toThrow(
      /functions\/no-such-handler\.ts does not exist/,
    );
  });

  it('bundles a context as minified ESM split into chunks, with source maps and without the SDK credential chain', () => {
    // Prepare
    const app = new App();
    const stack = new Stack(app, 'HouseFunctionBundleTest');
    new HouseFunction(stack, 'Real', { handler: 'contexts/evaluation' });

    // Act
    const assembly = app.synth();
    const bundleDir = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(assembly.directory, name))
      .find((dir) => existsSync(join(dir, 'index.mjs')));

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
    });
    expect(bundleDir).toBeDefined();
    expect(existsSync(join(bundleDir!, 'index.mjs.map'))).toBe(true);
    const entry = readFileSync(join(bundleDir!, 'index.mjs'), 'utf8');
    expect(entry.startsWith('import { createRequire as __houseCreateRequire }')).toBe(true);
    // Each route is a chunk of its own, imported at its first request
    const chunks = readdirSync(join(bundleDir!, 'chunks')).filter((name) => name.endsWith('.mjs'));
    expect(chunks.length).toBeGreaterThanOrEqual(routesOf('evaluation').length);
    expect(entry).toMatch(/import\("\.\/chunks\//);
    const code = chunks.map((name) => readFileSync(join(bundleDir!, 'chunks', name), 'utf8')).join('\n');
    // The SDK's chain of SSO, profile and web-identity providers is not in the bundle
    expect(`${entry}${code}`).not.toContain('AWS_WEB_IDENTITY_TOKEN_FILE');
    expect(`${entry}${code}`).not.toContain('exceljs');
  }, 120_000);
});
