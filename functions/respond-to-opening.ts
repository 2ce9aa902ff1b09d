import { createHandler, requireCaller } from '../shared/http/create-handler';
import { respondToOpening } from '../shared/usecases/opening';

/** POST /api/tenders/{tenderId}/opening/responses — a bidder confirms the record or objects. */
export const handler = createHandler('respondToOpening', async (ctx) => ({
  body: await respondToOpening(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
