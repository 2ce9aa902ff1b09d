import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { reconfirmBid } from '../shared/usecases/bids';

/** POST /api/tenders/{tenderId}/bids/{bidId}/reconfirm — re-confirms a bid after a correction. */
export const handler = createHandler(BIDS_OPERATIONS, 'reconfirmBid', async (ctx) => ({
  body: await reconfirmBid({ caller: requireCaller(ctx.caller), ...ctx.params }, ctx.deps),
}));
