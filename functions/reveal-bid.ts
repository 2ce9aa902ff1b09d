import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { revealBid } from '../shared/usecases/bids';

/** POST /api/tenders/{tenderId}/bids/{bidId}/reveal — the bidder decrypts its bid at the opening. */
export const handler = createHandler(BIDS_OPERATIONS, 'revealBid', async (ctx) => ({
  body: await revealBid({ caller: requireCaller(ctx.caller), ...ctx.params, ...ctx.body }, ctx.deps),
}));
