/**
 * The bounded contexts: one function per context, a router over exactly its routes of the route
 * table, each route's schemas in its context's operations file, through the whole middy chain.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RouteHandler } from '../../shared/http/context-handler';
import { CONTEXTS, type ContextId, ROUTES, type RouteSpec, routesOf } from '../../shared/http/routes';
import { OPERATIONS } from '../../shared/schemas/operations';
import type { OperationSchemas } from '../../shared/schemas/operations/common';
import { apiEvent, lambdaContext, prepareHandlerEnv, TENDER_ID } from './fixtures';

const CONTEXT_IDS = Object.keys(CONTEXTS) as ContextId[];

/** The id of every path parameter: a well-formed ULID, so validation passes and auth decides. */
const PATH_VALUES = {
  tenderId: TENDER_ID,
  documentId: TENDER_ID,
  bidId: TENDER_ID,
  expertId: TENDER_ID,
  enquiryId: TENDER_ID,
  challengeId: TENDER_ID,
  supplierOrgId: 'org-supplier-1',
  signId: '0123456789abcdef',
};

/** An anonymous request to a route, with well-formed path parameters. */
function anonymousEvent(route: RouteSpec) {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  const pathParameters = Object.fromEntries(
    names.map((name) => [name, name === 'year' ? '2026' : PATH_VALUES[name as keyof typeof PATH_VALUES]]),
  );
  return apiEvent({ method: route.method, route: route.path, pathParameters });
}

/** Imports a context's function, as the stack bundles it and the local gateway calls it. */
async function loadContext(context: ContextId): Promise<RouteHandler> {
  const module = (await import(`../../functions/contexts/${context}.ts`)) as { handler: RouteHandler };
  return module.handler;
}

/** The problem type of an answer, if it is a problem. */
function problemType(result: APIGatewayProxyStructuredResultV2): string | undefined {
  return (JSON.parse(result.body ?? '{}') as { type?: string }).type;
}

const dynamo = mockClient(DynamoDBDocumentClient);

beforeAll(() => {
  prepareHandlerEnv();
  // Public routes that reach the table find nothing: an empty store
  dynamo.onAnyCommand().resolves({ Items: [], Count: 0 });
});

afterAll(() => {
  dynamo.restore();
});

describe('functions per bounded context', () => {
  test('every route belongs to one context, and every context serves at least one route', () => {
    // Act
    const served = CONTEXT_IDS.flatMap((context) => routesOf(context).map((route) => route.id));

    // Assess
    expect([...served].sort()).toEqual(ROUTES.map((route) => route.id).sort());
    for (const context of CONTEXT_IDS) expect(routesOf(context).length, context).toBeGreaterThan(0);
  });

  test("each context's operations file holds exactly its routes' schemas, and together they are OPERATIONS", async () => {
    // Prepare
    const union: Record<string, OperationSchemas> = {};

    for (const context of CONTEXT_IDS) {
      // Act
      const module = (await import(`../../shared/schemas/operations/${context}.ts`)) as Record<
        string,
        Record<string, OperationSchemas>
      >;
      const operations = Object.values(module).find((value) => typeof value === 'object') ?? {};

      // Assess
      expect(Object.keys(operations).sort(), context).toEqual(
        routesOf(context)
          .map((route) => route.id)
          .sort(),
      );
      for (const [id, schemas] of Object.entries(operations)) {
        expect(union[id], `${id} is in two contexts`).toBeUndefined();
        union[id] = schemas;
      }
    }
    expect(Object.keys(union).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  test.each(CONTEXT_IDS)(
    'the %s function routes each of its routes to that route’s own chain',
    async (context) => {
      // Prepare
      const handler = await loadContext(context);

      for (const route of routesOf(context)) {
        // Act
        const result = await handler(anonymousEvent(route), lambdaContext());

        // Assess: the route's own chain answered (an anonymous caller is refused before any read)
        expect(problemType(result), route.id).not.toBe('urn:ggzy-portal:problem:route-not-found');
        if (route.auth !== 'public') expect(result.statusCode, route.id).toBe(401);
        else expect(result.statusCode, route.id).not.toBe(401);
      }
    },
  );

  test('a route of another context is not served: 404 with the reason in Chinese and English', async () => {
    // Prepare
    const handler = await loadContext('evaluation');
    const foreign = routesOf('bids').find((route) => route.auth !== 'public');
    expect(foreign).toBeDefined();

    // Act
    const result = await handler(anonymousEvent(foreign as RouteSpec), lambdaContext());
    const problem = JSON.parse(result.body ?? '{}') as { detail_zh?: string; detail_en?: string };

    // Assess
    expect(result.statusCode).toBe(404);
    expect(problemType(result)).toBe('urn:ggzy-portal:problem:route-not-found');
    expect(problem.detail_zh).toContain('本服务（evaluation）没有路由');
    expect(problem.detail_en).toContain('This function (evaluation) has no route');
  });
});
