import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { getMyResult } from '../shared/usecases/evaluation';

/** GET /api/tenders/{tenderId}/my-result — a bidder's own score and rank. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'getMyResult', async (ctx) => ({
  body: await getMyResult({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
