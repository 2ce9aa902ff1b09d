import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../adapters/logger';
import {
  AppError,
  type FieldIssue,
  ForbiddenError,
  UnauthorizedError,
  ValidationError,
} from '../domain/errors';
import { splitBilingual } from '../schemas/zod-config';
import type { Caller } from '../usecases/tender-change';
import { ROLES, type Role, type RouteSpec } from './routes';

/** The Lambda context as the middlewares leave it for the handler body. */
export interface RouteLambdaContext extends Context {
  /** The signed-in caller, or null on a public route. */
  caller?: Caller | null;
  /** Validated path parameters, query and body. */
  input?: { params: unknown; query: unknown; body: unknown; headers: unknown };
}

/** A middleware of the route chain. */
type RouteMiddleware = MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  RouteLambdaContext
>;

/** The zod schemas a route validates its input with. */
export interface RouteSchemas {
  /** Path parameters. */
  params?: z.ZodType;
  /** Query string. */
  query?: z.ZodType;
  /** JSON body. */
  body?: z.ZodType;
  /** Headers (lower-cased names); use a loose object so other headers pass. */
  headers?: z.ZodType;
  /** The documented success response (not validated at run time). */
  response?: unknown;
}

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Renders an AppError as an RFC 9457 problem document. */
export function toProblem(error: AppError, instance?: string): Record<string, unknown> {
  return {
    type: `urn:ggzy-portal:problem:${error.type}`,
    title: `${error.title.zh} / ${error.title.en}`,
    status: error.status,
    detail: `${error.detail.zh} / ${error.detail.en}`,
    title_zh: error.title.zh,
    title_en: error.title.en,
    detail_zh: error.detail.zh,
    detail_en: error.detail.en,
    ...(instance ? { instance } : {}),
    ...error.extensions,
    ...(error.errors.length > 0
      ? {
          errors: error.errors.map((issue) => ({
            path: issue.path,
            message: `${issue.message.zh} / ${issue.message.en}`,
            message_zh: issue.message.zh,
            message_en: issue.message.en,
            ...(issue.rule ? { rule: issue.rule } : {}),
            ...(issue.citation ? { citation: issue.citation } : {}),
          })),
        }
      : {}),
  };
}

/**
 * Maps every error to problem+json: AppErrors as they say, anything else as a bare 500.
 *
 * Why bare: an internal error's message may carry table names, keys or stack frames; the client
 * gets only a request id to quote, and the log gets the rest.
 */
export function problemResponses(): RouteMiddleware {
  return {
    name: 'problemResponses',
    onError: function renderProblem(request) {
      const error = request.error;
      const requestId = request.context?.awsRequestId ?? request.event.requestContext?.requestId;
      const known = error instanceof AppError ? error : null;
      if (!known) logger.error('Unhandled error', { error: error as Error, requestId });
      else if (known.status >= 500) logger.error('Server error', { error: known, requestId });
      const body = known
        ? toProblem(known, request.event.rawPath)
        : {
            type: 'urn:ggzy-portal:problem:internal',
            title: '服务器内部错误 / Internal server error',
            status: 500,
            detail:
              '请求未能完成，未作任何更改；请稍后重试 / The request failed and changed nothing; try again later',
            title_zh: '服务器内部错误',
            title_en: 'Internal server error',
            detail_zh: '请求未能完成，未作任何更改；请稍后重试',
            detail_en: 'The request failed and changed nothing; try again later',
            requestId,
          };
      const status = known?.status ?? 500;
      request.response = {
        statusCode: status,
        headers: {
          'content-type': PROBLEM_CONTENT_TYPE,
          ...(status === 401 ? { 'www-authenticate': 'Bearer realm="ggzy-portal"' } : {}),
        },
        body: JSON.stringify(body),
      };
    },
  };
}

/** Reads `cognito:groups` as API Gateway passes it: an array, or a string like "[purchaser centre]". */
export function parseGroups(claim: unknown): Role[] {
  const raw = Array.isArray(claim)
    ? claim.map(String)
    : typeof claim === 'string'
      ? claim.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return raw.filter((group): group is Role => (ROLES as readonly string[]).includes(group));
}

/** The JWT claims the HTTP API authorizer (or the local gateway) attached to the event. */
function claimsOf(event: APIGatewayProxyEventV2): Record<string, unknown> | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  return context.authorizer?.jwt?.claims;
}

/**
 * The network address the request came from, as API Gateway (or the local gateway) saw it; an
 * IPv4 address on a dual-stack socket (`::ffff:127.0.0.2`) is written as plain IPv4.
 */
export function sourceIpOf(event: APIGatewayProxyEventV2): string | undefined {
  const raw = event.requestContext?.http?.sourceIp;
  if (typeof raw !== 'string' || raw.length === 0) return undefined;
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(raw) ? raw.slice(7) : raw;
}

/**
 * Resolves the caller from the verified JWT claims and the request's network address, and
 * enforces the route's roles.
 *
 * Why in the handler too: the authorizer proves who the caller is; only the route knows which
 * roles may call it, and a missing organisation claim must never become "any organisation".
 */
export function authorize(route: RouteSpec): RouteMiddleware {
  return {
    name: 'authorize',
    before: function resolveCaller(request) {
      request.context.caller = null;
      if (route.auth === 'public') return;
      const claims = claimsOf(request.event);
      const sub = claims?.['sub'];
      if (!claims || typeof sub !== 'string' || sub.length === 0) throw new UnauthorizedError();
      const allowed = route.auth.roles;
      const role = parseGroups(claims['cognito:groups']).find((group) => allowed.includes(group));
      if (!role) {
        throw new ForbiddenError({
          zh: `此操作仅限角色：${allowed.join('、')}`,
          en: `Only these roles may do this: ${allowed.join(', ')}`,
        });
      }
      const orgId = claims['custom:orgId'];
      if (typeof orgId !== 'string' || orgId.length === 0) {
        throw new ForbiddenError({
          zh: '令牌缺少所属单位（custom:orgId）',
          en: 'The token names no organisation (custom:orgId)',
        });
      }
      const sourceIp = sourceIpOf(request.event);
      request.context.caller = { sub, orgId, role, ...(sourceIp ? { sourceIp } : {}) };
    },
  };
}

/** Converts zod issues under a location ('body', 'query', 'params', 'headers') into field issues. */
function toFieldIssues(location: string, error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [location, ...issue.path.map(String)];
    // One issue per unknown key, at the key's own path, so clients can point at the field.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...base, key].join('.'),
        message: { zh: `未知字段“${key}”`, en: `Unknown field '${key}'` },
      }));
    }
    return [{ path: base.join('.'), message: splitBilingual(issue.message) }];
  });
}

/** The JSON body, or the field issue that says why it cannot be read. */
type BodyResult = { ok: true; value: unknown } | { ok: false; issue: FieldIssue };

/** Reads the raw body as JSON; a wrong content type or malformed JSON is an issue, not a throw. */
function readJsonBody(event: APIGatewayProxyEventV2): BodyResult {
  if (event.body === undefined || event.body === null || event.body === '')
    return { ok: true, value: undefined };
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const type = event.headers?.['content-type'] ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    return {
      ok: false,
      issue: {
        path: 'headers.content-type',
        message: {
          zh: '请求体须为 JSON（Content-Type: application/json）',
          en: 'The body must be JSON (Content-Type: application/json)',
        },
      },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      issue: { path: 'body', message: { zh: '请求体不是有效的 JSON', en: 'The body is not valid JSON' } },
    };
  }
}

/**
 * Validates path parameters, query and body against the route's zod schemas, all at once.
 *
 * Why all at once: the client sees every problem in one answer, each with its field path.
 */
export function validateInput(schemas: RouteSchemas): RouteMiddleware {
  return {
    name: 'validateInput',
    before: function parseInput(request) {
      const { event } = request;
      const issues: FieldIssue[] = [];
      const check = (location: string, schema: z.ZodType | undefined, value: unknown): unknown => {
        if (!schema) return value;
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        issues.push(...toFieldIssues(location, result.error));
        return undefined;
      };
      const headers = check('headers', schemas.headers, event.headers ?? {});
      const params = check('params', schemas.params, event.pathParameters ?? {});
      const query = check('query', schemas.query, event.queryStringParameters ?? {});
      let body: unknown;
      if (schemas.body) {
        const raw = readJsonBody(event);
        // Only an absent body reads as {}: a JSON `null` is a value, checked (and refused) as one.
        if (raw.ok) body = check('body', schemas.body, raw.value === undefined ? {} : raw.value);
        else issues.push(raw.issue);
      }
      if (issues.length > 0) {
        throw new ValidationError(
          { zh: '请求参数无效，未作任何更改', en: 'Invalid request; nothing was changed' },
          issues,
        );
      }
      request.context.input = { params, query, body, headers };
    },
  };
}
