import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { getPublicTender } from '../shared/usecases/read-tenders';

/** GET /api/tenders/{tenderId} — the public view of a published tender. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'getTender', async (ctx) => ({
  body: await getPublicTender({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
