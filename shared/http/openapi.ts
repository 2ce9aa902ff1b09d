import * as z from 'zod';
import { ProblemSchema } from '../schemas/common';
import { OPERATIONS, type OperationSchemas } from '../schemas/operations';
import { ROUTES } from './routes';

type JsonSchema = Record<string, unknown>;

/** Error statuses every operation may answer, with what they mean. */
const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Invalid input (problem+json with field paths) / 请求参数无效',
  '401': 'No or invalid token / 未认证',
  '403': 'Role or organisation not allowed / 无权操作',
  '404': 'Not found / 未找到',
  '409': 'Conflict: illegal state or concurrent change / 冲突',
  '412': 'If-Match names an old version / 版本已变化',
  '422': 'Breaks a procurement rule or a document check / 不符合规则',
  '500': 'Internal error; nothing changed / 服务器内部错误',
};

/**
 * Collects schema definitions into `components.schemas` and points refs there.
 *
 * Why: zod emits `$defs` per schema, but refs in an OpenAPI document resolve against its root.
 */
class ComponentCollector {
  readonly schemas: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as JsonSchema;
    const { $schema: _ignored, $defs, ...rest } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const renames = new Map<string, string>();
    for (const [name, def] of Object.entries($defs ?? {})) {
      const existing = this.schemas[name];
      const target =
        existing && JSON.stringify(existing) !== JSON.stringify(def)
          ? `${name}${io === 'input' ? 'Input' : ''}`
          : name;
      renames.set(name, target);
    }
    const rewrite = (value: JsonSchema): JsonSchema =>
      JSON.parse(
        JSON.stringify(value).replace(
          /"#\/\$defs\/([^"]+)"/g,
          (_m, name: string) => `"#/components/schemas/${renames.get(name) ?? name}"`,
        ),
      ) as JsonSchema;
    for (const [name, def] of Object.entries($defs ?? {}))
      this.schemas[renames.get(name) ?? name] = rewrite(def);
    const id = (schema.meta() as { id?: string } | undefined)?.id;
    const body = rewrite(rest);
    if (id && rest['$ref'] === undefined) {
      const name =
        this.schemas[id] && JSON.stringify(this.schemas[id]) !== JSON.stringify(body)
          ? `${id}${io === 'input' ? 'Input' : ''}`
          : id;
      this.schemas[name] = body;
      return { $ref: `#/components/schemas/${name}` };
    }
    return body;
  }
}

/** Turns an object schema of path/query/header values into OpenAPI parameters. */
function parametersOf(
  collector: ComponentCollector,
  location: 'path' | 'query' | 'header',
  schema?: z.ZodType,
) {
  if (!schema) return [];
  const json = collector.convert(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name:
      location === 'header'
        ? name.replace(/(^|-)(\w)/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
        : name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

/**
 * Builds the OpenAPI 3.1 document from the route table and the zod schemas of each operation.
 *
 * Why generated: the document can never disagree with what the handlers validate.
 */
export function buildOpenApiDocument(serverUrl = '/'): Record<string, unknown> {
  const collector = new ComponentCollector();
  const problem = collector.convert(ProblemSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const op = (OPERATIONS as Record<string, OperationSchemas>)[route.id];
    if (!op) throw new Error(`No schemas for operation ${route.id}`);
    const pathItem = paths[route.path] ?? {};
    paths[route.path] = pathItem;
    pathItem[route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      security: route.auth === 'public' ? [] : [{ bearerAuth: [] }],
      ...(route.auth === 'public' ? {} : { 'x-roles': route.auth.roles }),
      parameters: [
        ...parametersOf(collector, 'path', op.params),
        ...parametersOf(collector, 'query', op.query),
        ...parametersOf(collector, 'header', op.headers),
      ],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: collector.convert(op.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(op.response.status)]: {
          description: 'Success',
          ...(op.response.schema
            ? { content: { 'application/json': { schema: collector.convert(op.response.schema, 'output') } } }
            : {}),
        },
        ...Object.fromEntries(
          Object.entries(ERROR_RESPONSES)
            .filter(([status]) => route.auth !== 'public' || (status !== '401' && status !== '403'))
            .map(([status, description]) => [
              status,
              { description, content: { 'application/problem+json': { schema: problem } } },
            ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ggzy-portal API',
      version: '0.1.0',
      description:
        '公共资源交易平台 API: tenders, notices, documents and audit. Money is integer 分 (fen). Errors are RFC 9457 problem+json in Chinese and English.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: collector.schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT (Cognito ID token; roles in cognito:groups)',
        },
      },
    },
  };
}
