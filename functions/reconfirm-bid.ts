import { createHandler, requireCaller } from '../shared/http/create-handler';
import { reconfirmBid } from '../shared/usecases/bids';

/** POST /api/tenders/{tenderId}/bids/{bidId}/reconfirm — re-confirms a bid after a correction. */
export const handler = createHandler('reconfirmBid', async (ctx) => ({
  body: await reconfirmBid({ caller: requireCaller(ctx.caller), ...ctx.params }, ctx.deps),
}));
