import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getSession } from '../shared/usecases/evaluation';

/** GET /api/tenders/{tenderId}/evaluation — a member's remote evaluation session. */
export const handler = createHandler('getEvaluationSession', async (ctx) => ({
  body: await getSession({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
