import { buildOpenApiDocument } from '../../shared/http/openapi';

/** `npm run openapi`: prints the OpenAPI 3.1 document the API serves at /api/openapi.json. */
process.stdout.write(`${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
