/**
 * The stateless stack: the functions, the HTTP API and the schedules, all made from the route table,
 * and the web client with its hosted sign-in.
 *
 * One house function per bounded context of the route table (`CONTEXTS`), a router over the
 * context's routes, granted the union of their declared access; one per `SCHEDULES` entry; one HTTP
 * API route per `ROUTES` entry, integrated with its context's function, behind the Cognito JWT
 * authorizer unless the route is public. Dev-only routes do not exist here: they live in the local gateway alone. The web client
 * is served by CloudFront from a private bucket, with `/api/*` routed to the HTTP API on the same
 * origin; its OAuth client is here too, since the client's callback names the distribution and
 * the authorizer's audience names the client (one stack, no cycle). The live channel of the auction
 * rooms is a WebSocket API (`$connect`, `$disconnect`, stage `live`) whose `@connections` endpoint
 * only the functions whose access says `live: 'publish'` may post to.
 */
import {
  ArnFormat,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
  WebSocketApi,
  WebSocketStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ENV } from '../shared/config/env';
import {
  CONTEXTS,
  CORS,
  type ContextId,
  contextAccess,
  type RouteAccess,
  type RouteSpec,
  routesOf,
  SCHEDULES,
  type ScheduleSpec,
} from '../shared/http/routes';
import type { WebConfig } from '../shared/schemas/web-config';
import { createSignInDomain, createWebSignInClient, issuerOf } from './constructs/hosted-sign-in';
import { grantRouteAccess, HouseFunction } from './constructs/house-function';
import {
  acknowledgeOnceResolved,
  type NagAcknowledgement,
  renderForFinding,
} from './constructs/nag-acknowledgements';
import { WebHosting } from './constructs/web-hosting';
import { ORG_ID_ATTRIBUTE } from './stateful-stack';

/** Timeout of a scheduled job: the tick may move many tenders in one run. */
export const SCHEDULE_TIMEOUT = Duration.seconds(60);

/** The Powertools service name every function logs under. */
export const SERVICE_NAME = 'ggzy-portal';

/** One JSON line per request, with HTTP API context variables only, so Logs Insights can query it. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/** Stage-wide throttling (requests per second, steady and burst), well under the account-level API Gateway quota. */
const THROTTLE = { rateLimit: 200, burstLimit: 400 };

/** The WebSocket API's stage: `wss://<api>.execute-api.<region>.amazonaws.com/live`. */
export const LIVE_STAGE_NAME = 'live';

/** One JSON line per connect and disconnect of the live channel, with WebSocket context variables only. */
const LIVE_ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    connectionId: '$context.connectionId',
    eventType: '$context.eventType',
    routeKey: '$context.routeKey',
    status: '$context.status',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * What the live channel's own functions may do to the table: item writes and deletes of the
 * connection items alone (`LIVE#<channel>`, `CONN#<connectionId>`), no read, no index.
 */
export const LIVE_CONNECTION_ACTIONS = {
  connect: ['dynamodb:PutItem'],
  disconnect: ['dynamodb:DeleteItem'],
} as const;

/** The partition keys the live channel's functions may touch (`dynamodb:LeadingKeys`). */
export const LIVE_LEADING_KEYS = ['LIVE#*', 'CONN#*'] as const;

/** What the stateless stack needs from the stateful one. */
export interface StatelessStackProps extends StackProps {
  /** The single table. */
  table: ITable;
  /** The documents bucket. */
  bucket: IBucket;
  /** The user pool whose tokens the JWT authorizer accepts. */
  userPool: IUserPool;
  /** The SRP app client of the stateful stack (scripts, the CLI); one of the accepted JWT audiences. */
  userPoolClient: IUserPoolClient;
  /**
   * The built web client (Vite's output folder, with `index.html`), deployed to the web bucket.
   *
   * A prop so stack tests can pass a tiny fixture; the app passes `shared/web/dist`.
   */
  webDist: string;
  /** Log level of every function; defaults to INFO. */
  logLevel?: string;
  /**
   * Replaces each function's esbuild bundle with ready-made code.
   *
   * Only for stack tests; `cdk synth` never sets it, so it always bundles the real handlers.
   */
  codeForHandler?: (handler: string) => lambda.Code;
}

/** Functions, HTTP API and schedules. */
export class StatelessStack extends Stack {
  /** The HTTP API. */
  public readonly api: HttpApi;
  /** The `$default` stage, with access logs and throttling. */
  public readonly stage: HttpStage;
  /** The function of every bounded context, by context id. */
  public readonly contextFunctions: Readonly<Record<ContextId, HouseFunction>>;
  /** The function that serves each route (its context's), by route id. */
  public readonly routeFunctions: Readonly<Record<string, HouseFunction>>;
  /** The function of every scheduled job, by schedule id. */
  public readonly scheduleFunctions: Readonly<Record<string, HouseFunction>>;
  /** The EventBridge rule of every scheduled job, by schedule id. */
  public readonly scheduleRules: Readonly<Record<string, events.Rule>>;
  /** The web bucket and the CloudFront distribution in front of it and the API. */
  public readonly web: WebHosting;
  /** The hosted sign-in domain of the user pool. */
  public readonly signInDomain: UserPoolDomain;
  /** The web client's OAuth app client (authorization code with PKCE). */
  public readonly webClient: UserPoolClient;
  /** The live channel of the auction rooms: a WebSocket API with `$connect` and `$disconnect`. */
  public readonly liveApi: WebSocketApi;
  /** Its `live` stage (auto-deployed, throttled, access-logged). */
  public readonly liveStage: WebSocketStage;
  /** The `$connect` and `$disconnect` functions of the live channel. */
  public readonly liveFunctions: Readonly<{ connect: HouseFunction; disconnect: HouseFunction }>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'ggzy-portal public-resource trading API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...CORS.allowOrigins],
        allowMethods: CORS.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...CORS.allowHeaders],
        exposeHeaders: [...CORS.exposeHeaders],
        maxAge: Duration.seconds(CORS.maxAgeSeconds),
      },
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new logs.LogGroup(this, 'AccessLogs', {
            retention: logs.RetentionDays.SIX_MONTHS,
            removalPolicy: RemovalPolicy.RETAIN,
          }),
        ),
        format: ACCESS_LOG_FORMAT,
      },
    });

    // The live channel first: the web client's config and CSP name its stage, the publishing
    // functions its management endpoint
    const live = this.createLiveApi(props);
    this.liveApi = live.api;
    this.liveStage = live.stage;
    this.liveFunctions = live.functions;

    // Order matters for references, not for deployment: domain, then the distribution (which names
    // the domain in its CSP and the API as an origin), then the client (which names the distribution).
    this.signInDomain = createSignInDomain(this, props.userPool);
    const signInDomainUrl = this.signInDomain.baseUrl();
    this.web = new WebHosting(this, 'Web', {
      api: this.api,
      // The live stage's origin, written as its URL is (the stage's `url`), so the two always agree
      connectOrigins: [
        'https://*.amazonaws.com',
        signInDomainUrl,
        `wss://${this.liveApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      ],
    });
    this.webClient = createWebSignInClient(this, {
      userPool: props.userPool,
      webUrl: this.web.url,
      orgIdAttribute: ORG_ID_ATTRIBUTE,
    });
    const issuer = issuerOf(this, props.userPool);
    const webConfig: WebConfig = {
      auth: {
        mode: 'cognito',
        authority: issuer,
        clientId: this.webClient.userPoolClientId,
        domain: signInDomainUrl,
      },
      live: { url: this.liveStage.url },
    };
    this.web.deployClient(props.webDist, webConfig);

    const authorizer = new HttpJwtAuthorizer('CognitoJwtAuthorizer', issuer, {
      jwtAudience: [props.userPoolClient.userPoolClientId, this.webClient.userPoolClientId],
    });

    const baseUrl = publicBaseUrlOf(this, this.web.url);

    const contextFunctions = {} as Record<ContextId, HouseFunction>;
    const routeFunctions: Record<string, HouseFunction> = {};
    for (const context of Object.keys(CONTEXTS) as ContextId[]) {
      const routes = routesOf(context);
      const fn = this.createFunction(
        `Context${toPascalCase(context)}`,
        `contexts/${context}`,
        contextAccess(context),
        props,
        {
          description: `${context}: ${routes.length} routes (${CONTEXTS[context].summary})`.slice(0, 256),
          baseUrl,
        },
      );
      contextFunctions[context] = fn;
      // One integration and one invoke permission per function, scoped to this API (not per route):
      // the function's router serves only its own routes, and the stack stays small as routes grow.
      const integration = new HttpLambdaIntegration(`${toPascalCase(context)}Integration`, fn.function, {
        scopePermissionToRoute: false,
      });
      for (const route of routes) {
        routeFunctions[route.id] = fn;
        this.addRoute(route, integration, authorizer);
      }
    }
    this.contextFunctions = contextFunctions;
    this.routeFunctions = routeFunctions;

    const scheduleFunctions: Record<string, HouseFunction> = {};
    const scheduleRules: Record<string, events.Rule> = {};
    for (const schedule of SCHEDULES) {
      const fn = this.createFunction(
        `Schedule${toPascalCase(schedule.id)}`,
        schedule.handler,
        schedule.access,
        props,
        {
          description: `Scheduled job '${schedule.id}', every ${schedule.everyMinutes} min`,
          timeout: SCHEDULE_TIMEOUT,
          baseUrl,
        },
      );
      scheduleFunctions[schedule.id] = fn;
      scheduleRules[schedule.id] = this.addSchedule(schedule, fn.function);
    }
    this.scheduleFunctions = scheduleFunctions;
    this.scheduleRules = scheduleRules;

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'WebUrl', {
      value: this.web.url,
      description: 'The portal: the web client, with the API under /api/ on the same origin',
    });
    new CfnOutput(this, 'WebClientId', {
      value: this.webClient.userPoolClientId,
      description: 'Cognito app client of the web client (hosted sign-in, authorization code with PKCE)',
    });
    new CfnOutput(this, 'SignInDomainUrl', {
      value: signInDomainUrl,
      description: 'Cognito hosted sign-in domain',
    });
    new CfnOutput(this, 'LiveUrl', {
      value: this.liveStage.url,
      description: 'The live channel of the auction rooms (WebSocket): ?channel=auction:<tenderId>',
    });
  }

  /**
   * The WebSocket API of the live channel: `$connect` checks the channel and stores the connection,
   * `$disconnect` forgets it; each a house function that may write only the connection items.
   * Pushes go out through the stage's `@connections` endpoint from the functions that publish.
   */
  private createLiveApi(props: StatelessStackProps): {
    api: WebSocketApi;
    stage: WebSocketStage;
    functions: { connect: HouseFunction; disconnect: HouseFunction };
  } {
    const environment = {
      [ENV.tableName]: props.table.tableName,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      LOG_LEVEL: props.logLevel ?? 'INFO',
    };
    const make = (id: string, handler: string, actions: readonly string[], description: string) => {
      const fn = new HouseFunction(this, id, {
        handler,
        environment,
        description,
        code: props.codeForHandler?.(handler),
      });
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [...actions],
          resources: [props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...LIVE_LEADING_KEYS] } },
        }),
      );
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
      });
      return fn;
    };
    const connect = make(
      'LiveConnect',
      'live-connect',
      LIVE_CONNECTION_ACTIONS.connect,
      'Live channel $connect: checks ?channel=auction:<tenderId> and stores the connection',
    );
    const disconnect = make(
      'LiveDisconnect',
      'live-disconnect',
      LIVE_CONNECTION_ACTIONS.disconnect,
      'Live channel $disconnect: forgets the connection',
    );
    const api = new WebSocketApi(this, 'LiveApi', {
      description: 'ggzy-portal live channel of the auction rooms (pushes only; clients send nothing)',
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('LiveConnectIntegration', connect.function),
      },
      disconnectRouteOptions: {
        integration: new WebSocketLambdaIntegration('LiveDisconnectIntegration', disconnect.function),
      },
    });
    const stage = new WebSocketStage(this, 'LiveStage', {
      webSocketApi: api,
      stageName: LIVE_STAGE_NAME,
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new logs.LogGroup(this, 'LiveAccessLogs', {
            retention: logs.RetentionDays.SIX_MONTHS,
            removalPolicy: RemovalPolicy.RETAIN,
          }),
        ),
        format: LIVE_ACCESS_LOG_FORMAT,
      },
    });
    for (const route of api.node.children) {
      if (route.node.id === '$connect-Route' || route.node.id === '$disconnect-Route') {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'The live channel is public by design: bidders and the public watch the same quotes and countdown that GET /api/tenders/{tenderId}/auction answers anyone; it only pushes published data and takes nothing from clients.',
        });
      }
    }
    return { api, stage, functions: { connect, disconnect } };
  }

  /**
   * Lets a function push to the live channel: `LIVE_ENDPOINT` (the stage's management endpoint) and
   * `execute-api:ManageConnections` on `POST @connections/*` of that stage alone.
   */
  private grantLivePublish(fn: HouseFunction): void {
    fn.function.addEnvironment(ENV.liveEndpoint, this.liveStage.callbackUrl);
    const connectionsArn = this.formatArn({
      service: 'execute-api',
      resource: this.liveApi.apiId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      resourceName: `${LIVE_STAGE_NAME}/POST/@connections/*`,
    });
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [connectionsArn] }),
    );
    acknowledgeOnceResolved(fn.role, () => [
      {
        id: `AwsSolutions-IAM5[Resource::${renderForFinding(fn.role, connectionsArn)}]`,
        reason:
          "Pushes to the live channel's connections: POST on the live stage's @connections/<connectionId>, whose ids API Gateway assigns at each $connect.",
      },
    ]);
  }

  /** Creates one house function with the env and grants its route table entries declare. */
  private createFunction(
    id: string,
    handler: string,
    access: RouteAccess,
    props: StatelessStackProps,
    extra: { description: string; timeout?: Duration; baseUrl: string },
  ): HouseFunction {
    const environment: Record<string, string> = {
      [ENV.tableName]: props.table.tableName,
      [ENV.publicBaseUrl]: extra.baseUrl,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      LOG_LEVEL: props.logLevel ?? 'INFO',
    };
    if (access.bucket) {
      environment[ENV.bucketName] = props.bucket.bucketName;
    }
    const fn = new HouseFunction(this, id, {
      handler,
      environment,
      description: extra.description,
      timeout: extra.timeout,
      code: props.codeForHandler?.(handler),
    });
    grantRouteAccess(fn.role, access, { table: props.table, bucket: props.bucket });
    acknowledgeGrantWildcards(fn, access, props);
    if (access.live === 'publish') this.grantLivePublish(fn);
    return fn;
  }

  /** Adds the HTTP API route of one route table entry, with the authorizer unless it is public. */
  private addRoute(
    route: RouteSpec,
    integration: HttpLambdaIntegration,
    authorizer: HttpJwtAuthorizer,
  ): void {
    const [httpRoute] = this.api.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration,
      authorizer: route.auth === 'public' ? undefined : authorizer,
    });
    if (route.auth === 'public' && httpRoute) {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public by design (open procurement data: ${route.summary}); it serves published data only.`,
      });
    }
  }

  /** Adds the EventBridge rule that runs one scheduled job. */
  private addSchedule(schedule: ScheduleSpec, fn: lambda.IFunction): events.Rule {
    return new events.Rule(this, `${toPascalCase(schedule.id)}Rule`, {
      description: `Runs the '${schedule.id}' job every ${schedule.everyMinutes} min`,
      schedule: events.Schedule.rate(Duration.minutes(schedule.everyMinutes)),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.minutes(5) })],
    });
  }
}

/** The CDK context key of the portal's public base URL (a custom domain), e.g. `-c publicBaseUrl=https://…`. */
export const PUBLIC_BASE_URL_CONTEXT = 'publicBaseUrl';

/**
 * The public base URL every function gets as PUBLIC_BASE_URL: the `publicBaseUrl` context value, else
 * the web distribution's URL (where `/api/*` reaches the API).
 *
 * Why configuration: open data carries absolute URLs in publicly cached responses, so the URL must
 * never come from a request's Host header. The distribution references only the API resource, never
 * its routes or functions, so this makes no circular reference.
 */
function publicBaseUrlOf(scope: Construct, fallback: string): string {
  const configured: unknown = scope.node.tryGetContext(PUBLIC_BASE_URL_CONTEXT);
  if (configured === undefined || configured === '') return fallback;
  const text = String(configured);
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.protocol !== 'https:' || url.search || url.hash) {
    throw new Error(
      `context ${PUBLIC_BASE_URL_CONTEXT} must be an absolute https URL without query or fragment, got '${text}'`,
    );
  }
  return text.replace(/\/+$/, '');
}

/**
 * Acknowledges the wildcards that the CDK grant methods and X-Ray tracing put in a role's policy.
 *
 * Only the findings this route's access can produce are acknowledged, so a wildcard appearing
 * anywhere else still fails the synth.
 */
function acknowledgeGrantWildcards(fn: HouseFunction, access: RouteAccess, props: StatelessStackProps): void {
  const acks: NagAcknowledgement[] = [
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    },
  ];
  if (access.bucket === 'read' || access.bucket === 'readPut') {
    acks.push(
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason:
          'bucket.grantRead: object reads (GetObject, GetObjectVersion and their ACL/tag reads) on the documents bucket only.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        reason: 'bucket.grantRead: bucket metadata reads, scoped to the documents bucket.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:List*]',
        reason: 'bucket.grantRead: listing, scoped to the documents bucket.',
      },
    );
  }
  if (access.bucket === 'put' || access.bucket === 'readPut') {
    acks.push({
      id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
      reason: 'bucket.grantPut: aborting multipart uploads, scoped to objects of the documents bucket.',
    });
  }
  Validations.of(fn.role).acknowledge(...acks);

  // The ARNs come from the stateful stack, so their rendering is known only once references resolve.
  acknowledgeOnceResolved(fn.role, () => {
    const resolved: NagAcknowledgement[] = [
      {
        id: `AwsSolutions-IAM5[Resource::${renderForFinding(fn.role, props.table.tableArn)}/index/*]`,
        reason:
          'Table grant covers the GSIs of the one table (index/*); each index is an access pattern of shared/adapters/dynamodb/keys.ts that the use cases query.',
      },
    ];
    if (access.bucket) {
      resolved.push({
        id: `AwsSolutions-IAM5[Resource::${renderForFinding(fn.role, props.bucket.bucketArn)}/*]`,
        reason:
          'Objects of the documents bucket only (bucket ARN/*): presigned URLs address generated object keys that are not known in advance.',
      });
    }
    return resolved;
  });
}

/** Turns an id like `listTenders` or `tick` into `ListTenders` / `Tick`. */
function toPascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => `${part[0]?.toUpperCase()}${part.slice(1)}`)
    .join('');
}
