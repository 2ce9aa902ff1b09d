import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { getDeps } from '../adapters/deps';
import type { Deps } from '../ports/deps';
import type { OperationSchemas } from '../schemas/operations/common';
import type { Caller } from '../usecases/tender-change';
import {
  authorize,
  problemResponses,
  type RouteLambdaContext,
  type RouteSchemas,
  validateInput,
} from './middlewares';
import { ROUTES, type RouteSpec } from './routes';

/** The validated type of an optional schema. */
type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a route body receives: validated input, the caller, headers and the dependencies. */
export interface RouteContext<S extends RouteSchemas> {
  /** Validated path parameters. */
  params: Parsed<S['params']>;
  /** Validated query. */
  query: Parsed<S['query']>;
  /** Validated body. */
  body: Parsed<S['body']>;
  /** The caller; null only on public routes. */
  caller: Caller | null;
  /** Request headers (lower-cased names), validated when the route has a headers schema. */
  headers: S['headers'] extends z.ZodType ? z.output<S['headers']> : Record<string, string | undefined>;
  /** The dependencies of this process. */
  deps: Deps;
}

/** What a route body returns; `body` is serialised as JSON. */
export interface RouteResult {
  /** HTTP status, 200 by default. */
  statusCode?: number;
  /** JSON body. */
  body?: unknown;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** A non-JSON body (CSV text, a workbook's bytes), sent as it is. */
  raw?: { contentType: string; body: string | Buffer; fileName?: string };
}

/** Finds a route of the route table by its id, failing at import time if it is missing. */
export function findRoute(routeId: string): RouteSpec {
  const route = ROUTES.find((r) => r.id === routeId);
  if (!route) throw new Error(`Route ${routeId} is not in the route table`);
  return route;
}

/** The caller of a route that requires sign-in (the authorize middleware guarantees one). */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new Error('authorize middleware did not run');
  return caller;
}

/**
 * Makes a Lambda handler for one route: header normalisation, problem+json errors, auth, input
 * validation, then the route body, whose result is sent as JSON.
 *
 * Why one factory: every handler gets the same chain in the same order, so no route forgets one.
 * The schemas come from the route's context (`schemas/operations/<context>.ts`), so a context's
 * function bundles its own operations' schemas and no other's.
 */
export function createHandler<
  O extends Readonly<Record<string, OperationSchemas>>,
  K extends keyof O & string,
>(operations: O, routeId: K, body: (ctx: RouteContext<O[K]>) => Promise<RouteResult>) {
  type S = O[K];
  const route = findRoute(routeId);
  const schemas: RouteSchemas = operations[routeId] as OperationSchemas;
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, RouteLambdaContext>()
    .use(httpHeaderNormalizer())
    .use(problemResponses())
    .use(authorize(route))
    .use(validateInput(schemas))
    .handler(async function runRoute(event, context) {
      const input = context.input ?? {
        params: undefined,
        query: undefined,
        body: undefined,
        headers: undefined,
      };
      const result = await body({
        params: input.params as RouteContext<S>['params'],
        query: input.query as RouteContext<S>['query'],
        body: input.body as RouteContext<S>['body'],
        caller: context.caller ?? null,
        headers: (input.headers ?? event.headers ?? {}) as RouteContext<S>['headers'],
        deps: getDeps(),
      });
      if (result.raw) {
        const binary = Buffer.isBuffer(result.raw.body);
        return {
          statusCode: result.statusCode ?? 200,
          headers: {
            'content-type': result.raw.contentType,
            ...(result.raw.fileName
              ? {
                  'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(result.raw.fileName)}`,
                }
              : {}),
            ...result.headers,
          },
          body: binary ? (result.raw.body as Buffer).toString('base64') : (result.raw.body as string),
          isBase64Encoded: binary,
        };
      }
      const hasBody = result.body !== undefined;
      return {
        statusCode: result.statusCode ?? (hasBody ? 200 : 204),
        headers: {
          ...(hasBody ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          ...result.headers,
        },
        body: hasBody ? JSON.stringify(result.body) : '',
      };
    });
}
