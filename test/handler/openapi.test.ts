import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, test } from 'vitest';
import { handler as getOpenApi } from '../../functions/get-openapi';
import { ROUTES } from '../../shared/http/routes';
import { apiEvent, expectJson, lambdaContext, prepareHandlerEnv } from './fixtures';

const ddb = mockClient(DynamoDBDocumentClient);

interface Operation {
  operationId: string;
  security: Record<string, string[]>[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  'x-roles'?: string[];
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, { type: string; scheme: string }>;
  };
}

/** Every `$ref` in a JSON value, with where it was found. */
function collectRefs(value: unknown, at = '#', found: { ref: string; at: string }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collectRefs(item, `${at}/${i}`, found);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push({ ref: child, at });
      else collectRefs(child, `${at}/${key}`, found);
    }
  }
  return found;
}

let doc: OpenApiDocument;
let headers: Record<string, unknown>;

beforeAll(async () => {
  ddb.reset();
  prepareHandlerEnv();
  const result = await getOpenApi(apiEvent({ method: 'GET', route: '/api/openapi.json' }), lambdaContext());
  doc = expectJson<OpenApiDocument>(result, 200);
  headers = result.headers ?? {};
});

describe('GET /api/openapi.json', () => {
  test('is an OpenAPI 3.1.0 document, cacheable, read without touching the table', () => {
    // Prepare: the document was fetched once in beforeAll.

    // Act
    const version = doc.openapi;

    // Assess
    expect(version).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(headers['cache-control']).toMatch(/max-age=\d+/);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('lists exactly the operations of the route table', () => {
    // Prepare
    const expected = ROUTES.map((route) => `${route.method} ${route.path} ${route.id}`).sort();

    // Act
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );

    // Assess
    expect(documented.sort()).toEqual(expected);
  });

  test.each(ROUTES.map((route) => [route.id, route] as const))(
    '%s: security matches the route table',
    (_id, route) => {
      // Prepare
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];

      // Act
      const security = op?.security;

      // Assess
      expect(op).toBeDefined();
      if (route.auth === 'public') {
        expect(security).toEqual([]);
        expect(op?.responses).not.toHaveProperty('401');
        expect(op?.responses).not.toHaveProperty('403');
      } else {
        expect(security).toEqual([{ bearerAuth: [] }]);
        expect(op?.['x-roles']).toEqual([...route.auth.roles]);
        expect(op?.responses).toHaveProperty('401');
        expect(op?.responses).toHaveProperty('403');
      }
      for (const name of route.path.match(/\{(\w+)\}/g) ?? []) {
        const param = op?.parameters.find((p) => p.in === 'path' && `{${p.name}}` === name);
        expect(param, `${route.id} documents ${name}`).toMatchObject({ required: true });
      }
      expect(op?.responses).toHaveProperty('500');
    },
  );

  test('the bearer scheme the secured operations name is defined', () => {
    // Prepare
    const schemes = new Set(
      Object.values(doc.paths).flatMap((item) =>
        Object.values(item).flatMap((op) => op.security.flatMap((req) => Object.keys(req))),
      ),
    );

    // Act
    const defined = Object.keys(doc.components.securitySchemes);

    // Assess
    expect([...schemes]).toEqual(['bearerAuth']);
    expect(defined).toContain('bearerAuth');
    expect(doc.components.securitySchemes['bearerAuth']).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  test('every $ref resolves to an entry of components.schemas', () => {
    // Prepare
    const refs = collectRefs(doc);

    // Act
    const dangling = refs.filter(({ ref }) => {
      const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
      return !match || !(decodeURIComponent(match[1]!) in doc.components.schemas);
    });

    // Assess
    expect(refs.length).toBeGreaterThan(0);
    expect(dangling).toEqual([]);
  });

  test('bodies and problems are described by named schemas', () => {
    // Prepare
    const create = doc.paths['/api/tenders']?.['post'];

    // Act
    const refs = collectRefs(create).map((r) => r.ref);

    // Assess
    expect(refs).toContain('#/components/schemas/Problem');
    expect(refs.some((ref) => /TenderContent/.test(ref))).toBe(true);
    expect(create?.parameters.map((p) => `${p.in}:${p.name}`)).toContain('header:Idempotency-Key');
  });
});
