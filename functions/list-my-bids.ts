import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { listMyBids } from '../shared/usecases/bids';

/** GET /api/tenders/{tenderId}/my-bids — the supplier's own bids in a tender. */
export const handler = createHandler(BIDS_OPERATIONS, 'listMyBids', async (ctx) => ({
  body: await listMyBids({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
