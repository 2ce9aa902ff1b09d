import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getMyResult } from '../shared/usecases/evaluation';

/** GET /api/tenders/{tenderId}/my-result — a bidder's own score and rank. */
export const handler = createHandler('getMyResult', async (ctx) => ({
  body: await getMyResult({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
