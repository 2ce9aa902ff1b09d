import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { recordCollusionFinding } from '../shared/usecases/collusion';

/** POST /api/tenders/{tenderId}/collusion-signs/{signId}/finding — a member's finding on a sign. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'recordCollusionFinding', async (ctx) => ({
  body: await recordCollusionFinding(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      signId: ctx.params.signId,
      collusive: ctx.body.collusive,
      reason: ctx.body.reason,
    },
    ctx.deps,
  ),
}));
