import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { listNotices } from '../shared/usecases/read-tenders';

/** GET /api/notices — the public notice feed, newest first, filtered by type, facets and title. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'listNotices', async (ctx) => {
  const { limit, cursor, ...filters } = ctx.query;
  return { body: await listNotices({ filters, page: { limit, cursor } }, ctx.deps) };
});
