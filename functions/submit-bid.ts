import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { submitBid } from '../shared/usecases/bids';

/** POST /api/tenders/{tenderId}/bids/{bidId}/submit — checks every ciphertext and answers the receipt. */
export const handler = createHandler(BIDS_OPERATIONS, 'submitBid', async (ctx) => ({
  body: await submitBid({ caller: requireCaller(ctx.caller), ...ctx.params }, ctx.deps),
}));
