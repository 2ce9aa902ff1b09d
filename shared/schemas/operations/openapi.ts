import * as z from 'zod';
import type { OperationSchemas } from './common';

/** The OpenAPI document: its top-level members (the paths and components are generated). */
const OpenApiDocumentSchema = z
  .object({
    openapi: z.literal('3.1.0'),
    info: z.object({ title: z.string(), version: z.string(), description: z.string() }).strict(),
    servers: z.array(z.object({ url: z.string() }).strict()),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z
      .object({
        schemas: z.record(z.string(), z.unknown()),
        securitySchemes: z.record(z.string(), z.unknown()),
      })
      .strict(),
  })
  .strict();

/** Schemas of the OpenAPI document's own route (context `openapi`: it alone carries every schema). */
export const OPENAPI_OPERATIONS = {
  getOpenApi: { response: { status: 200, schema: OpenApiDocumentSchema } },
} as const satisfies Record<string, OperationSchemas>;
