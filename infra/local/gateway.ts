import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { publicBaseUrl } from '../../shared/http/public-url';
import { CORS, type ContextId, ROLES, ROUTES, type RouteSpec } from '../../shared/http/routes';
import { type WebConfig, WebConfigSchema } from '../../shared/schemas/web-config';
import type { DevAuth } from './dev-auth';
import type { DevClock } from './dev-clock';
import { attachLiveChannels, LIVE_PATH, type LocalLiveChannels } from './live-channels';
import { readStaticFile } from './web-assets';

/** Largest API request body the gateway accepts (documents go straight to S3). */
const MAX_BODY_BYTES = 1024 * 1024;

type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the gateway needs besides the route table. */
export interface GatewayOptions {
  /** Port to listen on (0 picks a free one). */
  port: number;
  /** Host to bind; loopback by default. */
  host?: string;
  /** The local token service. */
  auth: DevAuth;
  /** The dev clock. */
  clock: DevClock;
  /** Runs the scheduler tick once. */
  tick: () => Promise<unknown>;
  /** The built web client to serve at `/`; without it `/` shows the developers' route list. */
  webDir?: string | undefined;
}

/**
 * The local client's configuration: sign in through the dev token endpoint (演示登录); the live
 * channel on the gateway's own origin.
 */
const LOCAL_WEB_CONFIG: WebConfig = WebConfigSchema.parse({
  auth: { mode: 'dev' },
  live: { url: LIVE_PATH },
});

/** A compiled route: its spec and a matcher for its path template. */
interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
  names: string[];
}

function compile(spec: RouteSpec): CompiledRoute {
  const names: string[] = [];
  const source = spec.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
      names.push(a ?? b);
      return '([^/]+)';
    });
  return { spec, pattern: new RegExp(`^${source}$`), names };
}

const compiled = ROUTES.map(compile);
const handlerCache = new Map<string, Promise<LambdaHandler>>();

/**
 * Imports a context's function, `functions/contexts/<context>.ts`, once: exactly the module the CDK
 * stack bundles, whose router then picks the route as in AWS.
 */
function loadContext(context: ContextId): Promise<LambdaHandler> {
  let loaded = handlerCache.get(context);
  if (!loaded) {
    loaded = import(new URL(`../../functions/contexts/${context}.ts`, import.meta.url).href).then(
      (module: { handler: LambdaHandler }) => module.handler,
    );
    handlerCache.set(context, loaded);
  }
  return loaded;
}

function lambdaContext(name: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${name}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/local-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

class PayloadTooLargeError extends Error {}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(text);
}

/** Titles of the gateway's own problems, by status, in both languages. */
const PROBLEM_TITLES: Readonly<Record<number, { zh: string; en: string }>> = {
  400: { zh: '请求无效', en: 'Bad request' },
  401: { zh: '未登录', en: 'Unauthorized' },
  404: { zh: '未找到', en: 'Not found' },
  405: { zh: '不支持的请求方法', en: 'Method not allowed' },
  413: { zh: '请求体过大', en: 'Payload too large' },
  500: { zh: '网关内部错误', en: 'Gateway error' },
};

/** Answers one of the gateway's own errors as problem+json, shaped as the handlers' problems. */
function problem(res: ServerResponse, status: number, zh: string, en: string): void {
  const title = PROBLEM_TITLES[status] ?? { zh: '请求无效', en: 'Bad request' };
  send(
    res,
    status,
    {
      type: `urn:ggzy-portal:problem:gateway-${status}`,
      title: `${title.zh} / ${title.en}`,
      status,
      detail: `${zh} / ${en}`,
      title_zh: title.zh,
      title_en: title.en,
      detail_zh: zh,
      detail_en: en,
    },
    { 'content-type': 'application/problem+json; charset=utf-8' },
  );
}

/** Decodes each path parameter, or returns null when one is not valid percent-encoded UTF-8. */
function decodePathParameters(names: string[], match: RegExpExecArray | null): Record<string, string> | null {
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match?.[i + 1] ?? '')]));
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

const TokenRequestSchema = z.object({
  role: z.enum(ROLES),
  orgId: z.string().trim().min(1).max(64),
  sub: z.string().trim().min(1).max(128).optional(),
  name: z.string().max(128).optional(),
});

const ClockRequestSchema = z.union([
  z.object({
    advanceMinutes: z
      .number()
      .min(0)
      .max(10 * 366 * 24 * 60),
  }),
  z.object({ advanceMs: z.number().int().min(0) }),
  z.object({ set: z.iso.datetime({ offset: true }), freeze: z.boolean().optional() }),
]);

/** The dev-only endpoints; they exist only in this gateway, never in the CDK stack. */
async function handleDev(
  options: GatewayOptions,
  method: string,
  path: string,
  url: URL,
  body: Buffer,
  res: ServerResponse,
): Promise<boolean> {
  if (path === '/api/dev/token' && (method === 'POST' || method === 'GET')) {
    const raw = method === 'GET' ? Object.fromEntries(url.searchParams) : JSON.parse(body.toString() || '{}');
    const parsed = TokenRequestSchema.safeParse(raw);
    if (!parsed.success) {
      problem(
        res,
        400,
        `需要 role（${ROLES.join('/')}）和 orgId`,
        `Give role (${ROLES.join('/')}) and orgId`,
      );
      return true;
    }
    send(res, 200, await options.auth.issue(parsed.data));
    return true;
  }
  if (path === '/api/dev/clock' && method === 'GET') {
    send(res, 200, {
      now: options.clock.now().toISOString(),
      offsetMs: options.clock.offsetMs(),
      frozen: options.clock.frozen(),
    });
    return true;
  }
  if (path === '/api/dev/clock' && method === 'POST') {
    const parsed = ClockRequestSchema.safeParse(JSON.parse(body.toString() || '{}'));
    if (!parsed.success) {
      problem(res, 400, '需要 advanceMinutes、advanceMs 或 set', 'Give advanceMinutes, advanceMs or set');
      return true;
    }
    try {
      const data = parsed.data;
      const now =
        'set' in data
          ? options.clock.set(new Date(data.set), { freeze: data.freeze === true })
          : options.clock.advance('advanceMs' in data ? data.advanceMs : data.advanceMinutes * 60_000);
      send(res, 200, {
        now: now.toISOString(),
        offsetMs: options.clock.offsetMs(),
        frozen: options.clock.frozen(),
      });
    } catch (error) {
      problem(res, 400, '开发时钟只能向前', (error as Error).message);
    }
    return true;
  }
  if (path === '/api/dev/tick' && method === 'POST') {
    send(res, 200, { now: options.clock.now().toISOString(), result: await options.tick() });
    return true;
  }
  return false;
}

/** Builds the API Gateway HTTP API (payload 2.0) event for a matched route. */
function buildEvent(
  req: IncomingMessage,
  route: CompiledRoute,
  params: Record<string, string>,
  url: URL,
  body: Buffer,
  claims: Record<string, unknown> | undefined,
  requestId: string,
  now: Date,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const routeKey = `${route.spec.method} ${route.spec.path}`;
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(route.names.length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.spec.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    isBase64Encoded: false,
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
  };
  return event;
}

/** The landing page: what this is and how to start. */
function landingPage(baseUrl: string): string {
  const rows = ROUTES.map(
    (r) =>
      `<tr><td>${r.method}</td><td><code>${r.path}</code></td><td>${r.auth === 'public' ? 'public' : r.auth.roles.join(', ')}</td><td>${r.summary}</td></tr>`,
  ).join('');
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>ggzy-portal 公共资源交易平台 (local)</title>
<body style="font-family:sans-serif;max-width:70rem;margin:2rem auto">
<h1>ggzy-portal 公共资源交易平台 — local stack</h1>
<p>API: <code>${baseUrl}/api/</code> · OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a> · Notices: <a href="/api/notices">/api/notices</a></p>
<p>Dev token: <code>curl -s -X POST ${baseUrl}/api/dev/token -H 'content-type: application/json' -d '{"role":"purchaser","orgId":"org-demo"}'</code></p>
<table border="1" cellpadding="4" style="border-collapse:collapse"><tr><th>method</th><th>path</th><th>roles</th><th>what</th></tr>${rows}</table>
</body></html>`;
}

/**
 * Answers a request outside `/api/`: `/config.json`, a file of the built client, or the client's
 * `index.html` for one of its routes; without a build, `/` is the developers' route list.
 */
function serveWeb(webDir: string | undefined, pathname: string, res: ServerResponse): void {
  if (pathname === '/config.json') {
    send(res, 200, LOCAL_WEB_CONFIG, { 'cache-control': 'no-cache' });
    return;
  }
  const file = webDir ? readStaticFile(webDir, pathname) : null;
  if (file) {
    res.writeHead(200, {
      'content-type': file.contentType,
      'cache-control': file.cacheControl,
      'x-content-type-options': 'nosniff',
    });
    res.end(file.body);
    return;
  }
  if (pathname === '/') {
    send(res, 200, landingPage(publicBaseUrl() ?? ''));
    return;
  }
  problem(res, 404, '没有这个页面', 'No such page');
}

/**
 * Starts the local HTTP gateway: routes `/api/*` to the handler modules of the route table with
 * HTTP API v2 events, checks bearer tokens as the JWT authorizer does, adds the dev endpoints, and
 * takes WebSocket upgrades at `/api/live` (the live channels, whose publisher it answers).
 */
export async function startGateway(
  options: GatewayOptions,
): Promise<{ server: Server; url: string; live: LocalLiveChannels }> {
  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      console.error('gateway error', error);
      if (!res.headersSent) problem(res, 500, '网关内部错误', 'Gateway error');
      else res.end();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('access-control-allow-origin', CORS.allowOrigins.join(', '));
    res.setHeader('access-control-allow-headers', CORS.allowHeaders.join(', '));
    res.setHeader('access-control-allow-methods', CORS.allowMethods.join(', '));
    res.setHeader('access-control-expose-headers', CORS.exposeHeaders.join(', '));
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-max-age': String(CORS.maxAgeSeconds) }).end();
      return;
    }
    if (!url.pathname.startsWith('/api/') && (method === 'GET' || method === 'HEAD')) {
      serveWeb(options.webDir, url.pathname, res);
      return;
    }
    if (url.pathname === '/api/' && method === 'GET') {
      // The configured base URL, never the Host header (it would be echoed into the page).
      send(res, 200, landingPage(publicBaseUrl() ?? ''));
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        return problem(res, 413, '请求体过大', 'Request body too large');
      throw error;
    }
    if (url.pathname.startsWith('/api/dev/')) {
      try {
        if (await handleDev(options, method, url.pathname, url, body, res)) return;
      } catch (error) {
        if (error instanceof SyntaxError)
          return problem(res, 400, '请求体不是有效的 JSON', 'Invalid JSON body');
        throw error;
      }
    }
    const candidates = compiled.filter((route) => route.pattern.test(url.pathname));
    const route = candidates.find((r) => r.spec.method === method);
    if (!route) {
      if (candidates.length > 0) return problem(res, 405, '不支持的请求方法', 'Method not allowed');
      return problem(res, 404, '没有这个接口', 'No such route');
    }
    const match = route.pattern.exec(url.pathname);
    const params = decodePathParameters(route.names, match);
    if (!params) {
      return problem(
        res,
        400,
        '路径参数不是有效的百分号编码（UTF-8）',
        'A path parameter is not valid percent-encoded UTF-8',
      );
    }
    let claims: Record<string, unknown> | undefined;
    if (route.spec.auth !== 'public') {
      // As the HTTP API JWT authorizer: no valid token, no invocation.
      const header = req.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
      if (!token) return problem(res, 401, '需要登录（Authorization: Bearer <token>）', 'Unauthorized');
      try {
        claims = await options.auth.verify(token);
      } catch {
        return problem(res, 401, '令牌无效或已过期', 'Invalid or expired token');
      }
    }
    const requestId = randomUUID();
    const event = buildEvent(req, route, params, url, body, claims, requestId, options.clock.now());
    const handler = await loadContext(route.spec.context);
    const result = await handler(event, lambdaContext(route.spec.context, requestId));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
    res.writeHead(result.statusCode ?? 200, headers);
    res.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''));
  }

  const live = attachLiveChannels(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? '127.0.0.1')}:${address.port}`,
    live,
  };
}
