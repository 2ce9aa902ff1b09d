import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { withdrawBid } from '../shared/usecases/bids';

/** POST /api/tenders/{tenderId}/bids/{bidId}/withdraw — withdraws the current bid before the deadline. */
export const handler = createHandler(BIDS_OPERATIONS, 'withdrawBid', async (ctx) => ({
  body: await withdrawBid({ caller: requireCaller(ctx.caller), ...ctx.params }, ctx.deps),
}));
