import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { getSession } from '../shared/usecases/evaluation';

/** GET /api/tenders/{tenderId}/evaluation — a member's remote evaluation session. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'getEvaluationSession', async (ctx) => ({
  body: await getSession({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
