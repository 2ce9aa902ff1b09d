import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { saveSheet } from '../shared/usecases/evaluation';

/** PUT /api/tenders/{tenderId}/evaluation/sheet — save the member's draft sheet. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'saveScoreSheet', async (ctx) => ({
  body: await saveSheet(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
