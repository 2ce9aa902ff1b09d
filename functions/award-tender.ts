import { createHandler, requireCaller } from '../shared/http/create-handler';
import { awardTender } from '../shared/usecases/awards';

/** POST /api/tenders/{tenderId}/award — the purchasing unit confirms the winner. */
export const handler = createHandler('awardTender', async (ctx) => ({
  statusCode: 201,
  body: await awardTender(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
