import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { confirmOutliers } from '../shared/usecases/evaluation';

/** POST /api/tenders/{tenderId}/evaluation/outliers/confirm — a member confirms its outlier scores. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'confirmOutliers', async (ctx) => ({
  body: await confirmOutliers(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, note: ctx.body.note },
    ctx.deps,
  ),
}));
