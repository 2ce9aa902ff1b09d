import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { verifyCommitteeDraw } from '../shared/usecases/committee';

/** GET /api/tenders/{tenderId}/committee/verification — re-run the recorded draw. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'verifyCommittee', async (ctx) => ({
  body: await verifyCommitteeDraw(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  ),
}));
