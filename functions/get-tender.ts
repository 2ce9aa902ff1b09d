import { createHandler } from '../shared/http/create-handler';
import { getPublicTender } from '../shared/usecases/read-tenders';

/** GET /api/tenders/{tenderId} — the public view of a published tender. */
export const handler = createHandler('getTender', async (ctx) => ({
  body: await getPublicTender({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
