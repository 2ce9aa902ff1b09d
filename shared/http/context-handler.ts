import middy from '@middy/core';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { AppError } from '../domain/errors';
import { problemResponses, type RouteLambdaContext } from './middlewares';
import { type ContextId, type RouteIdIn, routesOf } from './routes';

/** A route's own handler, as `functions/<handler>.ts` exports it (its whole middy chain). */
export type RouteHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Loads a route's own module (a dynamic `import()`, so the bundler splits it into its own chunk). */
export type RouteLoader = () => Promise<{ handler: RouteHandler }>;

/**
 * Wraps a route's loader: the module is imported at the route's first request and kept.
 *
 * Why lazy: a route's schemas, use cases and rules are built when its module is evaluated; a
 * cold function then pays for the one route it was called for, not for every route of its context.
 */
function loadOnce(load: RouteLoader): RouteHandler {
  let loaded: Promise<RouteHandler> | undefined;
  return async (event, context) => {
    loaded ??= load().then((module) => module.handler);
    return (await loaded)(event, context);
  };
}

/**
 * The Lambda handler of one bounded context: middy's HTTP router over the context's routes of the
 * route table, each dispatched to its own handler (which runs the house chain: headers, problems,
 * auth, validation), loaded at its first request.
 *
 * Why the table decides: `loaders` must name exactly the context's route ids (the compiler holds
 * it to `RouteIdIn<C>`, and the check below holds it at cold start), so a route added to the table
 * cannot be forgotten by its function, nor a route served by the wrong one.
 */
export function createContextHandler<C extends ContextId>(
  context: C,
  loaders: { readonly [K in RouteIdIn<C>]: RouteLoader },
) {
  const table = routesOf(context);
  const given = loaders as Readonly<Record<string, RouteLoader>>;
  const missing = table.filter((route) => !given[route.id]).map((route) => route.id);
  const extra = Object.keys(given).filter((id) => !table.some((route) => route.id === id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `Context ${context}: handlers do not match the route table (missing: ${missing.join(', ') || '-'}; not in this context: ${extra.join(', ') || '-'})`,
    );
  }
  const routes: Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>[] = table.map((route) => ({
    method: route.method,
    path: route.path,
    handler: loadOnce(given[route.id] as RouteLoader),
  }));
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, RouteLambdaContext>()
    .use(problemResponses())
    .handler(
      httpRouterHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>({
        routes,
        notFoundResponse: ({ method, path }) => {
          // API Gateway sends a function only its own routes; this answers a misrouted call.
          throw new AppError(
            404,
            'route-not-found',
            { zh: '未找到', en: 'Not found' },
            {
              zh: `本服务（${context}）没有路由 ${method} ${path}`,
              en: `This function (${context}) has no route ${method} ${path}`,
            },
          );
        },
      }),
    );
}
