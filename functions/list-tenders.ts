import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { listPublicTenders } from '../shared/usecases/read-tenders';

/** GET /api/tenders — published tenders, newest first, filtered, cursor-paged. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'listTenders', async (ctx) => {
  const { limit, cursor, ...filters } = ctx.query;
  return { body: await listPublicTenders({ filters, page: { limit, cursor } }, ctx.deps) };
});
