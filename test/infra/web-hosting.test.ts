/**
 * Stack tests of the web client in AWS: the private bucket behind CloudFront, `/api/*` on the same
 * origin, the deployed files and their `config.json`, and the hosted sign-in's OAuth client.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PortalApp } from '../../infra/app';
import { COGNITO_DOMAIN_PREFIX_CONTEXT } from '../../infra/constructs/hosted-sign-in';
import { REPO_ROOT } from '../../infra/constructs/house-function';
import { API_PATH_PATTERN, CACHE_CONTROL, WEB_CONFIG_FILE } from '../../infra/constructs/web-hosting';
import { ROUTES } from '../../shared/http/routes';
import { SIGN_IN_CALLBACK_PATH, WebConfigSchema } from '../../shared/schemas/web-config';

/** Stand-in code so the stacks synthesise without the handler files and without bundling. */
const stubCode = () => lambda.Code.fromInline('exports.handler = async () => ({});');

/** A two-file stand-in for the Vite build (`index.html` and one hashed asset). */
const WEB_DIST_FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'web-dist');

/** CloudFormation's limit of resources per stack. */
const CFN_RESOURCE_LIMIT = 500;

/** A CloudFormation resource as found in a template. */
interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
}

/** One statement of a bucket policy. */
interface StatementJson {
  Effect: string;
  Action: string | string[];
  Principal?: Record<string, unknown>;
  Condition?: Record<string, Record<string, unknown>>;
}

/** A CloudFront cache behaviour as found in a template. */
interface BehaviourJson {
  PathPattern?: string;
  TargetOriginId: string;
  ViewerProtocolPolicy: string;
  AllowedMethods: string[];
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId?: unknown;
  FunctionAssociations?: Array<{ EventType: string; FunctionARN: unknown }>;
}

/** A CloudFront origin as found in a template. */
interface OriginJson {
  Id: string;
  DomainName: unknown;
  OriginAccessControlId?: unknown;
  S3OriginConfig?: { OriginAccessIdentity: string };
  CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] };
}

/** A CloudFront viewer request as a CloudFront Function sees it (the part the SPA fallback reads). */
interface ViewerRequest {
  uri: string;
}

let portal: PortalApp;
let stateless: Template;
let resources: Record<string, CfnResourceJson>;

beforeAll(() => {
  // Prepare: one in-process synth of the whole app, cdk-nag included (it throws on findings).
  portal = buildApp({ codeForHandler: stubCode, webDist: WEB_DIST_FIXTURE });
  stateless = Template.fromStack(portal.stateless);
  resources = stateless.toJSON().Resources as Record<string, CfnResourceJson>;
}, 60_000);

/** The logical id of a construct's CloudFormation resource in the stateless stack. */
function logicalIdOf(construct: IConstruct): string {
  return portal.stateless.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The one resource of a type in the stateless stack, with its logical id. */
function onlyResource(type: string): { id: string; resource: CfnResourceJson } {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type);
  expect(found, type).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, resource };
}

/** The distribution's config. */
function distributionConfig(): {
  DefaultCacheBehavior: BehaviourJson;
  CacheBehaviors: BehaviourJson[];
  Origins: OriginJson[];
  DefaultRootObject: string;
  CustomErrorResponses?: unknown;
  Logging?: { Bucket: unknown; Prefix: string };
} {
  const { resource } = onlyResource('AWS::CloudFront::Distribution');
  return resource.Properties?.DistributionConfig as ReturnType<typeof distributionConfig>;
}

/** The origin a behaviour targets. */
function originOf(behaviour: BehaviourJson): OriginJson {
  const origin = distributionConfig().Origins.find((o) => o.Id === behaviour.TargetOriginId);
  if (!origin) throw new Error(`no origin ${behaviour.TargetOriginId}`);
  return origin;
}

/** The `/api/*` behaviour. */
function apiBehaviour(): BehaviourJson {
  const behaviour = distributionConfig().CacheBehaviors.find((b) => b.PathPattern === API_PATH_PATTERN);
  if (!behaviour) throw new Error(`no ${API_PATH_PATTERN} behaviour`);
  return behaviour;
}

/** The BucketDeployment custom resource under a construct id of the web hosting. */
function deployment(id: 'DeployEntry' | 'DeployHashedAssets'): {
  id: string;
  props: Record<string, unknown>;
} {
  const found = Object.entries(resources).filter(
    ([logicalId, resource]) =>
      resource.Type === 'Custom::CDKBucketDeployment' && logicalId.startsWith(`Web${id}CustomResource`),
  );
  expect(found, id).toHaveLength(1);
  const [logicalId, resource] = found[0]!;
  return { id: logicalId, props: resource.Properties ?? {} };
}

/** The staged folder of a deployment's source asset in the cloud assembly. */
function stagedSourceDir(objectKey: string): string {
  const dir = join(portal.app.synth().directory, `asset.${objectKey.replace(/\.zip$/, '')}`);
  expect(existsSync(dir), dir).toBe(true);
  return dir;
}

/** Runs the distribution's CloudFront Function (plain ES5 source) on a viewer request. */
function runSpaFallback(uri: string): string {
  const { resource } = onlyResource('AWS::CloudFront::Function');
  const code = resource.Properties?.FunctionCode as string;
  const handler = new Function(`${code}\nreturn handler;`)() as (event: {
    request: ViewerRequest;
  }) => ViewerRequest;
  return handler({ request: { uri } }).uri;
}

describe('web bucket', () => {
  it('is private: public access blocked, encrypted, access-logged, no website hosting', () => {
    // Act
    const bucket = resources[logicalIdOf(portal.stateless.web.bucket)] as CfnResourceJson & {
      DeletionPolicy?: string;
    };

    // Assess
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalIdOf(portal.stateless.web.logBucket) } },
    });
    expect(bucket.Properties?.WebsiteConfiguration).toBeUndefined();
  });

  it('lets only this distribution read it (OAC, SourceArn condition) and denies every request without TLS', () => {
    // Prepare
    const bucketId = logicalIdOf(portal.stateless.web.bucket);
    const distributionId = logicalIdOf(portal.stateless.web.distribution);
    const policies = stateless.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: { Ref: bucketId } },
    }) as Record<string, CfnResourceJson>;

    // Act
    const statements = Object.values(policies).flatMap(
      (policy) =>
        (policy.Properties?.PolicyDocument as { Statement: StatementJson[] } | undefined)?.Statement ?? [],
    );
    const allows = statements.filter((statement) => statement.Effect === 'Allow');

    // Assess
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  { Ref: distributionId },
                ],
              ],
            },
          },
        },
      }),
    ]);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]),
    );
  });

  it('is reached through an origin access control that signs every request', () => {
    // Act
    const { id, resource } = onlyResource('AWS::CloudFront::OriginAccessControl');
    const origin = originOf(distributionConfig().DefaultCacheBehavior);

    // Assess
    expect(resource.Properties?.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [id, 'Id'] });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });
});

describe('distribution', () => {
  it('serves index.html at the root, redirects the default behaviour to HTTPS and logs to the log bucket', () => {
    // Act
    const config = distributionConfig();

    // Assess
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(
      cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
    );
    expect(config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logicalIdOf(portal.stateless.web.logBucket), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });

  it('answers client routes with index.html through a viewer-request function, not through error responses', () => {
    // Prepare
    const { id } = onlyResource('AWS::CloudFront::Function');

    // Act
    const config = distributionConfig();

    // Assess: error responses would also swallow the API's own 403s and 404s
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [id, 'FunctionARN'] } },
    ]);
    expect(apiBehaviour().FunctionAssociations).toBeUndefined();
  });

  it('rewrites extension-less paths to /index.html and leaves files alone', () => {
    // Act / Assess
    expect(runSpaFallback('/')).toBe('/index.html');
    expect(runSpaFallback('/tenders/abc')).toBe('/index.html');
    expect(runSpaFallback(SIGN_IN_CALLBACK_PATH)).toBe('/index.html');
    expect(runSpaFallback('/supplier/bids/')).toBe('/index.html');
    expect(runSpaFallback('/index.html')).toBe('/index.html');
    expect(runSpaFallback('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(runSpaFallback(`/${WEB_CONFIG_FILE}`)).toBe(`/${WEB_CONFIG_FILE}`);
    expect(runSpaFallback('/favicon.svg')).toBe('/favicon.svg');
  });

  it('routes /api/* to the HTTP API over HTTPS, uncached, with every viewer header but Host and every method', () => {
    // Prepare
    const apiId = logicalIdOf(portal.stateless.api);

    // Act
    const behaviour = apiBehaviour();
    const origin = originOf(behaviour);

    // Assess
    expect(origin.DomainName).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['://', { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }] }],
    });
    expect(origin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(behaviour.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
    // With caching disabled this managed policy forwards Authorization, so the JWT reaches the authorizer.
    expect(behaviour.OriginRequestPolicyId).toBe(
      cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    );
    expect([...behaviour.AllowedMethods].sort()).toEqual(
      ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].sort(),
    );
    expect(behaviour.ViewerProtocolPolicy).toBe('https-only');
    for (const route of ROUTES) expect(route.path, route.id).toMatch(/^\/api\//);
  });

  it('references the API resource only, never its stage, routes or authorizer (no circular reference)', () => {
    // Prepare
    const { id, resource } = onlyResource('AWS::CloudFront::Distribution');
    const apiParts = new Set(
      Object.entries(resources)
        .filter(([, r]) => r.Type.startsWith('AWS::ApiGatewayV2::') && r.Type !== 'AWS::ApiGatewayV2::Api')
        .map(([logicalId]) => logicalId),
    );

    // Act
    const text = JSON.stringify(resource);

    // Assess
    expect(apiParts.size).toBeGreaterThan(0);
    for (const part of apiParts) expect(text, `${id} → ${part}`).not.toContain(`"${part}"`);
  });

  it('adds security headers: a CSP for the client, HSTS, nosniff, no framing', () => {
    // Prepare
    const { id, resource } = onlyResource('AWS::CloudFront::ResponseHeadersPolicy');
    const config = resource.Properties?.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
    const csp = portal.stateless.resolve(
      config.SecurityHeadersConfig.ContentSecurityPolicy?.ContentSecurityPolicy,
    ) as { 'Fn::Join': [string, unknown[]] };
    const domainId = logicalIdOf(portal.stateless.signInDomain);
    const liveApiId = logicalIdOf(portal.stateless.liveApi);
    const named: Record<string, string> = {
      [JSON.stringify({ Ref: domainId })]: '<domain>',
      [JSON.stringify({ Ref: liveApiId })]: '<live-api>',
      [JSON.stringify({ Ref: 'AWS::URLSuffix' })]: '<suffix>',
    };

    // Act: the CSP with the hosted sign-in domain written as <domain>, the live channel's API as <live-api>
    const text = csp['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : (named[JSON.stringify(part)] ?? '<region>')))
      .join('');
    const directives = Object.fromEntries(
      text.split('; ').map((directive) => {
        const [name, ...values] = directive.split(' ');
        return [name, values];
      }),
    ) as Record<string, string[]>;

    // Assess
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual([
      "'self'",
      'https://*.amazonaws.com',
      'https://<domain>.auth.<region>.amazoncognito.com',
      'wss://<live-api>.execute-api.<region>.<suffix>',
    ]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(config.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 31_536_000,
        IncludeSubdomains: true,
        Override: true,
      },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
    expect(distributionConfig().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: id });
    expect(apiBehaviour().ResponseHeadersPolicyId).toEqual({ Ref: id });
  });

  it('outputs the web URL', () => {
    // Act
    const outputs = stateless.toJSON().Outputs as Record<string, { Value: unknown }>;

    // Assess
    expect(outputs.WebUrl?.Value).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [logicalIdOf(portal.stateless.web.distribution), 'DomainName'] }],
      ],
    });
  });
});

describe('deployed files', () => {
  it('deploys the hashed assets under assets/ as immutable and never prunes them', () => {
    // Act
    const { props } = deployment('DeployHashedAssets');
    const [objectKey] = props.SourceObjectKeys as string[];

    // Assess
    expect(props).toMatchObject({
      DestinationBucketName: { Ref: logicalIdOf(portal.stateless.web.bucket) },
      DestinationBucketKeyPrefix: 'assets/',
      Prune: false,
      SystemMetadata: { 'cache-control': CACHE_CONTROL.hashed },
    });
    expect(existsSync(join(stagedSourceDir(objectKey!), 'index-fixture.js'))).toBe(true);
  });

  it('deploys index.html and config.json with no-cache after the assets, prunes all but assets/ and invalidates', () => {
    // Act
    const entry = deployment('DeployEntry');
    const hashed = deployment('DeployHashedAssets');
    const [filesKey] = entry.props.SourceObjectKeys as string[];
    const filesDir = stagedSourceDir(filesKey!);

    // Assess
    expect(entry.props).toMatchObject({
      DestinationBucketName: { Ref: logicalIdOf(portal.stateless.web.bucket) },
      Prune: true,
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: logicalIdOf(portal.stateless.web.distribution) },
      DistributionPaths: ['/*'],
    });
    expect(entry.props.DestinationBucketKeyPrefix).toBeUndefined();
    expect(resources[entry.id]?.DependsOn).toContain(hashed.id);
    expect(existsSync(join(filesDir, 'index.html'))).toBe(true);
    expect(existsSync(join(filesDir, 'assets'))).toBe(false);
  });

  it("writes config.json in WebConfigSchema with the issuer, the web client id, the hosted sign-in domain and the live channel's wss:// URL", () => {
    // Prepare: each deploy-time value the file may hold, and a stand-in for it
    const { props } = deployment('DeployEntry');
    const [, configKey] = props.SourceObjectKeys as string[];
    const markers = (props.SourceMarkers as Array<Record<string, unknown>>)[1] ?? {};
    const standIns: Array<[unknown, string]> = [
      [{ Ref: 'AWS::Region' }, 'cn-test-1'],
      [portal.stateless.resolve(portal.stateful.userPool.userPoolId), 'cn-test-1_Pool'],
      [{ Ref: logicalIdOf(portal.stateless.webClient) }, 'web-client-id'],
      [{ Ref: logicalIdOf(portal.stateless.signInDomain) }, 'ggzy-test'],
      [{ Ref: logicalIdOf(portal.stateless.liveApi) }, 'live-api-id'],
      [{ Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ];
    const standInFor = (value: unknown): string => {
      const found = standIns.find(([candidate]) => JSON.stringify(candidate) === JSON.stringify(value));
      if (!found) throw new Error(`unexpected deploy-time value in config.json: ${JSON.stringify(value)}`);
      return found[1];
    };

    // Act
    let text = readFileSync(join(stagedSourceDir(configKey!), WEB_CONFIG_FILE), 'utf8');
    for (const [marker, value] of Object.entries(markers)) text = text.split(marker).join(standInFor(value));
    const config = WebConfigSchema.parse(JSON.parse(text));

    // Assess
    expect(config).toEqual({
      auth: {
        mode: 'cognito',
        authority: 'https://cognito-idp.cn-test-1.amazonaws.com/cn-test-1_Pool',
        clientId: 'web-client-id',
        domain: 'https://ggzy-test.auth.cn-test-1.amazoncognito.com',
      },
      live: { url: 'wss://live-api-id.execute-api.cn-test-1.amazonaws.com/live' },
    });
  });

  it('refuses to synthesise without a built client, saying how to build it in both languages', () => {
    // Act / Assess
    expect(() => buildApp({ codeForHandler: stubCode, webDist: join(WEB_DIST_FIXTURE, 'missing') })).toThrow(
      /先运行 npm run build:web .*run npm run build:web first/,
    );
  });
});

describe('hosted sign-in', () => {
  it('creates a web client with the authorization code grant only, no secret, and sign-in through the hosted pages alone', () => {
    // Act
    const client = resources[logicalIdOf(portal.stateless.webClient)]?.Properties ?? {};

    // Assess
    expect(client).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
    });
  });

  it('calls back to the distribution at SIGN_IN_CALLBACK_PATH and signs out to its root', () => {
    // Prepare
    const domain = { 'Fn::GetAtt': [logicalIdOf(portal.stateless.web.distribution), 'DomainName'] };

    // Act
    const client = resources[logicalIdOf(portal.stateless.webClient)]?.Properties ?? {};

    // Assess
    expect(client.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', domain, SIGN_IN_CALLBACK_PATH]] }]);
    expect(client.LogoutURLs).toEqual([{ 'Fn::Join': ['', ['https://', domain, '/']] }]);
  });

  it('puts custom:orgId in the ID token (readable) but never lets the client write it', () => {
    // Act
    const client = resources[logicalIdOf(portal.stateless.webClient)]?.Properties ?? {};

    // Assess
    expect(client.ReadAttributes).toContain('custom:orgId');
    expect(client.WriteAttributes).not.toContain('custom:orgId');
  });

  it('lets the JWT authorizer accept the web client as audience', () => {
    // Act
    const { resource } = onlyResource('AWS::ApiGatewayV2::Authorizer');
    const jwt = resource.Properties?.JwtConfiguration as { Audience: unknown[] };

    // Assess
    expect(jwt.Audience).toContainEqual({ Ref: logicalIdOf(portal.stateless.webClient) });
  });

  it('gives the user pool a managed-login prefix domain derived from the stack id, with a style for the client', () => {
    // Act / Assess
    stateless.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      ManagedLoginVersion: 2,
      Domain: {
        'Fn::Join': [
          '-',
          [
            'ggzy',
            {
              'Fn::Select': [
                0,
                {
                  'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }],
                },
              ],
            },
          ],
        ],
      },
    });
    stateless.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: logicalIdOf(portal.stateless.webClient) },
      UseCognitoProvidedValues: true,
    });
  });

  it('takes the domain prefix from the cognitoDomainPrefix context and refuses one Cognito would refuse', () => {
    // Act
    const custom = buildApp({
      codeForHandler: stubCode,
      webDist: WEB_DIST_FIXTURE,
      context: { [COGNITO_DOMAIN_PREFIX_CONTEXT]: 'ggzy-zhaohua' },
    });

    // Assess
    Template.fromStack(custom.stateless).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'ggzy-zhaohua',
    });
    for (const bad of ['Ggzy', 'ggzy-aws', '-ggzy', 'ggzy_portal']) {
      expect(
        () =>
          buildApp({
            codeForHandler: stubCode,
            webDist: WEB_DIST_FIXTURE,
            context: { [COGNITO_DOMAIN_PREFIX_CONTEXT]: bad },
          }),
        bad,
      ).toThrow(/cognitoDomainPrefix/);
    }
  });
});

describe('stack size', () => {
  it(`keeps each stack under CloudFormation's ${CFN_RESOURCE_LIMIT} resources`, () => {
    // Act
    const counts = {
      stateful: Object.keys(Template.fromStack(portal.stateful).toJSON().Resources).length,
      stateless: Object.keys(resources).length,
    };
    console.info(`CloudFormation resources: stateful ${counts.stateful}, stateless ${counts.stateless}`);

    // Assess
    expect(counts.stateless).toBeLessThan(CFN_RESOURCE_LIMIT);
    expect(counts.stateful).toBeLessThan(CFN_RESOURCE_LIMIT);
  });
});
