/**
 * The web client in AWS: a private bucket behind CloudFront, with `/api/*` on the same origin.
 *
 * The bucket is reachable only through the distribution (origin access control); the HTTP API is
 * the distribution's second origin, so the browser talks to one origin and needs no CORS for it.
 * Client routes (`/tenders/abc`) are rewritten to `/index.html` by a CloudFront Function on the
 * default behaviour only: error-response mappings would be distribution-wide and would also turn
 * a real 403 or 404 from the API into the SPA's HTML.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { WebConfig } from '../../shared/schemas/web-config';
import { acknowledgeOnceResolved, renderForFinding } from './nag-acknowledgements';

/** The path pattern of the behaviour that sends requests to the HTTP API; every route starts with `/api/`. */
export const API_PATH_PATTERN = '/api/*';

/** The folder of Vite's content-hashed output, which may be cached for good. */
export const HASHED_ASSETS_FOLDER = 'assets';

/** The runtime configuration file the stack writes beside the client (`WebConfigSchema`). */
export const WEB_CONFIG_FILE = 'config.json';

/**
 * Cache-Control of the deployed files.
 *
 * Why two: `index.html` and `config.json` name everything else, so browsers must revalidate them
 * on every load; the hashed files under `assets/` change name whenever their bytes change.
 */
export const CACHE_CONTROL = {
  entry: 'no-cache',
  hashed: 'public, max-age=31536000, immutable',
} as const;

/**
 * Viewer-request function of the default behaviour: a path whose last segment has no dot is a
 * client route and gets the SPA's `index.html`; files (`/assets/x.js`, `/config.json`) pass as is.
 */
const SPA_FALLBACK_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.substring(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/** Fails with a clear, bilingual message when the client build (its `index.html`) is missing. */
export function assertWebBuild(distDir: string): void {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      `网页客户端尚未构建：找不到 ${index}，先运行 npm run build:web / ` +
        `The web client is not built: ${index} does not exist; run npm run build:web first`,
    );
  }
}

/**
 * The Content-Security-Policy of the web client.
 *
 * Why these sources: scripts only from the origin; Ant Design's CSS-in-JS injects `<style>`
 * elements, hence `'unsafe-inline'` for styles alone; `connect-src` adds the origins the browser
 * fetches beyond its own (presigned S3 URLs and Cognito's OIDC metadata under `*.amazonaws.com`,
 * the hosted sign-in domain's token endpoint, the live channel's `wss://` WebSocket API). The sign-in
 * redirect itself is a navigation.
 */
export function contentSecurityPolicyOf(connectOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** What the web hosting needs. */
export interface WebHostingProps {
  /** The HTTP API served under `/api/*`; only its endpoint is referenced, never its routes or authorizer. */
  api: IHttpApi;
  /** Origins the client fetches besides its own, for the CSP's `connect-src`. */
  connectOrigins: readonly string[];
}

/** Web bucket, its logs, and the CloudFront distribution in front of the bucket and the API. */
export class WebHosting extends Construct {
  /** The private bucket holding the built client. */
  public readonly bucket: s3.Bucket;
  /** Access logs of the web bucket (`web-bucket/`) and of the distribution (`cloudfront/`). */
  public readonly logBucket: s3.Bucket;
  /** The distribution. */
  public readonly distribution: cloudfront.Distribution;
  /** The portal's public base URL, `https://<distribution domain>`, without a trailing slash. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.logBucket = createLogBucket(this);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'web-bucket/',
      // Holds only build output, but a failed stack deletion over a non-empty bucket helps no one
      // and auto-delete would need one more custom resource: it is kept and can be emptied by hand.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const securityHeaders = createSecurityHeaders(this, props.connectOrigins);
    const spaFallback = new cloudfront.Function(this, 'SpaFallback', {
      comment: 'Serves index.html for client routes (paths without a file extension)',
      code: cloudfront.FunctionCode.fromInline(SPA_FALLBACK_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });
    // `https://<id>.execute-api.<region>.amazonaws.com` → its host name: a reference to the Api resource alone.
    const apiDomain = Fn.select(1, Fn.split('://', props.api.apiEndpoint));

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'ggzy-portal web client and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [
          { function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
        compress: true,
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: new origins.HttpOrigin(apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          // A redirect would turn a POST into a GET; plain HTTP to the API is refused instead.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // With caching disabled, AllViewerExceptHostHeader forwards every viewer header,
          // Authorization included; Host must be the execute-api name or API Gateway refuses the call.
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    acknowledgeDistribution(this.distribution);
  }

  /**
   * Deploys the built client and its `config.json`, then invalidates the distribution.
   *
   * Hashed files go first, never pruned (a tab still running the previous `index.html` may load
   * its chunks later); then `index.html`, the other top-level files and `config.json`, pruned
   * except under `assets/`, with `no-cache`.
   */
  deployClient(distDir: string, config: WebConfig): void {
    assertWebBuild(distDir);
    const logGroup = new logs.LogGroup(this, 'DeployLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role, as for the house functions: log writes on this log group only, no managed policy.
    const role = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the BucketDeployment handler that copies the web client',
    });
    logGroup.grantWrite(role);
    const common = { destinationBucket: this.bucket, role, logGroup };

    // Zipped folder assets made here rather than by Source.asset, so the asset bucket is at hand
    // for the acknowledgement below.
    const entryZip = new s3assets.Asset(this, 'EntryFiles', {
      path: distDir,
      exclude: [HASHED_ASSETS_FOLDER, WEB_CONFIG_FILE],
    });
    const hashedDir = join(distDir, HASHED_ASSETS_FOLDER);
    const hashed = existsSync(hashedDir)
      ? new s3deploy.BucketDeployment(this, 'DeployHashedAssets', {
          ...common,
          sources: [sourceOf(new s3assets.Asset(this, 'HashedFiles', { path: hashedDir }))],
          destinationKeyPrefix: `${HASHED_ASSETS_FOLDER}/`,
          prune: false,
          cacheControl: [s3deploy.CacheControl.fromString(CACHE_CONTROL.hashed)],
        })
      : undefined;

    const entry = new s3deploy.BucketDeployment(this, 'DeployEntry', {
      ...common,
      sources: [sourceOf(entryZip), s3deploy.Source.jsonData(WEB_CONFIG_FILE, config)],
      // Keeps the sync's prune away from the hashed files deployed above.
      exclude: [`${HASHED_ASSETS_FOLDER}/*`],
      prune: true,
      cacheControl: [s3deploy.CacheControl.fromString(CACHE_CONTROL.entry)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    if (hashed) entry.node.addDependency(hashed);
    acknowledgeDeployHandler(this, role, [
      entryZip.bucket.arnForObjects('*'),
      this.bucket.arnForObjects('*'),
    ]);
  }
}

/** A deployment source reading a zipped folder asset. */
function sourceOf(asset: s3assets.Asset): s3deploy.ISource {
  return s3deploy.Source.bucket(asset.bucket, asset.s3ObjectKey);
}

/** Creates the log bucket; CloudFront standard logging writes with ACLs, so object writers keep ownership. */
function createLogBucket(scope: Construct): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'LogBucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
    lifecycleRules: [{ expiration: Duration.days(365) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'This is the access-log destination of the web bucket and the distribution; logging its own accesses would need yet another bucket and loop forever.',
  });
  return bucket;
}

/** Creates the response headers policy: CSP, HSTS, nosniff, no framing, a strict referrer and permissions policy. */
function createSecurityHeaders(
  scope: Construct,
  connectOrigins: readonly string[],
): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    comment: 'ggzy-portal security headers',
    securityHeadersBehavior: {
      contentSecurityPolicy: {
        contentSecurityPolicy: contentSecurityPolicyOf(connectOrigins),
        override: true,
      },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(365),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: {
        referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        override: true,
      },
    },
    customHeadersBehavior: {
      customHeaders: [
        {
          header: 'Permissions-Policy',
          value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
          override: true,
        },
        { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
      ],
    },
  });
}

/** Acknowledges the distribution findings that no setting of ours can fix, each with its reason. */
function acknowledgeDistribution(distribution: cloudfront.Distribution): void {
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'No custom domain yet, so the distribution uses the default *.cloudfront.net certificate, whose minimum viewer TLS version CloudFront fixes; a custom domain with an ACM certificate gets TLSv1.2_2021.',
    },
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the portal publishes open procurement data and suppliers may bid from anywhere; access is governed by Cognito groups, not by country.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF web ACL for now: the API stage is throttled, writes need a Cognito JWT and the bucket only serves static files; a WAF (created in us-east-1) is the next step if abuse is seen in the CloudFront logs.',
    },
  );
}

/**
 * Acknowledges the findings of the BucketDeployment handler that copies the client.
 *
 * The handler is a stack-level singleton (`Custom::CDKBucketDeployment…`), so it is found there.
 */
function acknowledgeDeployHandler(scope: Construct, role: iam.Role, objectArns: readonly string[]): void {
  const stack = Stack.of(scope);
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
      Validations.of(child).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'The BucketDeployment handler is the aws-cdk-lib singleton (Python with the AWS CLI layer); its runtime is chosen by aws-cdk-lib and moves with it.',
      });
    }
  }
  acknowledgeOnceResolved(role, () =>
    objectArns.map((arn) => ({
      id: `AwsSolutions-IAM5[Resource::${renderForFinding(role, arn)}]`,
      reason:
        'BucketDeployment reads every object of the staged asset zips (CDK asset bucket) and syncs every object of the web bucket; the keys are content hashes and build file names.',
    })),
  );
  Validations.of(role).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudfront:CreateInvalidation and GetInvalidation, granted by BucketDeployment to invalidate the web distribution after a deploy; CDK grants them on * .',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
      reason: 'BucketDeployment reads the staged asset zips and the web bucket objects it syncs.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      reason: 'BucketDeployment reads bucket metadata of the asset bucket and the web bucket for the sync.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:List*]',
      reason: 'aws s3 sync lists the web bucket to decide what to upload and what to prune.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      reason: 'Pruning: files the new build no longer has are deleted from the web bucket (outside assets/).',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
      reason: 'aws s3 sync aborts its own failed multipart uploads into the web bucket.',
    },
  );
}
