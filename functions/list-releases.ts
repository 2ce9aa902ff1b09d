import { createHandler } from '../shared/http/create-handler';
import { publicBaseUrl } from '../shared/http/public-url';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { recentReleases } from '../shared/usecases/open-data';

/** GET /api/ocds/releases — the newest releases as one package, with a cursor for the next page. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'listReleases', async (ctx) => {
  const result = await recentReleases({ page: ctx.query, baseUrl: publicBaseUrl() }, ctx.deps);
  const next = result.nextCursor
    ? `${publicBaseUrl() ?? ''}/api/ocds/releases?limit=${ctx.query.limit}&cursor=${encodeURIComponent(result.nextCursor)}`
    : undefined;
  return { body: { ...result.package, nextCursor: result.nextCursor, ...(next ? { links: { next } } : {}) } };
});
