import { createHandler, requireCaller } from '../shared/http/create-handler';
import { AWARDS_OPERATIONS } from '../shared/schemas/operations/awards';
import { awardTender } from '../shared/usecases/awards';

/** POST /api/tenders/{tenderId}/award — the purchasing unit confirms the winner. */
export const handler = createHandler(AWARDS_OPERATIONS, 'awardTender', async (ctx) => ({
  statusCode: 201,
  body: await awardTender(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
