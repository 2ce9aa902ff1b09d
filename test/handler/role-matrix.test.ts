/**
 * Every signed-in route of the route table, called by every role it does not allow and by nobody:
 * a 403 (or 401) before any read or write, whatever the route. New routes join this matrix by
 * being in the table, so "0 unauthorized answers" cannot be lost by a route that forgets its roles.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { ROLES, ROUTES, type Role, type RouteSpec } from '../../shared/http/routes';
import { apiEvent, claimsFor, expectProblem, lambdaContext, prepareHandlerEnv } from './fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Imports the handler module a route names, exactly as the gateway and the stack do. */
async function handlerOf(route: RouteSpec): Promise<Handler> {
  const module = (await import(`../../functions/${route.handler}.ts`)) as { handler: Handler };
  return module.handler;
}

/** A well-formed value for every path parameter, so only the role can decide the answer. */
function pathParametersOf(route: RouteSpec): Record<string, string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  return Object.fromEntries(
    names.map((name) => [name, name === 'year' ? '2027' : '01JNB8Z3Q4R5S6T7V8W9X0Y1Z4']),
  );
}

const SIGNED_IN = ROUTES.filter((route) => route.auth !== 'public');
const CASES = SIGNED_IN.flatMap((route) => {
  const allowed = route.auth === 'public' ? [] : route.auth.roles;
  return ROLES.filter((role) => !allowed.includes(role)).map((role) => [route.id, role, route] as const);
});

beforeEach(() => {
  ddb.reset();
  s3.reset();
  prepareHandlerEnv();
});

describe('the role matrix of the route table', () => {
  test('covers every signed-in route and role pair it refuses', () => {
    expect(SIGNED_IN.length).toBeGreaterThan(40);
    expect(CASES.length).toBeGreaterThan(100);
  });

  test.each(CASES)(
    '%s refuses a %s with 403 before touching the table or the bucket',
    async (_id, role, route) => {
      // Act
      const handler = await handlerOf(route);
      const result = await handler(
        apiEvent({
          method: route.method,
          route: route.path,
          pathParameters: pathParametersOf(route),
          claims: claimsFor(role as Role),
          ...(route.method === 'GET' ? {} : { body: {} }),
        }),
        lambdaContext(),
      );

      // Assess
      expectProblem(result, 403);
      expect(ddb.calls()).toHaveLength(0);
      expect(s3.calls()).toHaveLength(0);
    },
  );

  test.each(SIGNED_IN.map((route) => [route.id, route] as const))(
    '%s refuses a caller without a token with 401',
    async (_id, route) => {
      // Act
      const handler = await handlerOf(route);
      const result = await handler(
        apiEvent({ method: route.method, route: route.path, pathParameters: pathParametersOf(route) }),
        lambdaContext(),
      );

      // Assess
      expectProblem(result, 401);
      expect(ddb.calls()).toHaveLength(0);
    },
  );
});
