import { createHandler } from '../shared/http/create-handler';
import { buildOpenApiDocument } from '../shared/http/openapi';
import { OPENAPI_OPERATIONS } from '../shared/schemas/operations/openapi';

let cached: Record<string, unknown> | undefined;

/** GET /api/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas once per container. */
export const handler = createHandler(OPENAPI_OPERATIONS, 'getOpenApi', async () => {
  cached ??= buildOpenApiDocument();
  return { headers: { 'cache-control': 'public, max-age=300' }, body: cached };
});
