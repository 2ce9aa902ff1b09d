import { createContextHandler } from '../../shared/http/context-handler';

/** The function of the OpenAPI document: generated from every operation's schema, so alone in its bundle. */
export const handler = createContextHandler('openapi', { getOpenApi: () => import('../get-openapi') });
