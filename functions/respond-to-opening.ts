import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { respondToOpening } from '../shared/usecases/opening';

/** POST /api/tenders/{tenderId}/opening/responses — a bidder confirms the record or objects. */
export const handler = createHandler(BIDS_OPERATIONS, 'respondToOpening', async (ctx) => ({
  body: await respondToOpening(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
