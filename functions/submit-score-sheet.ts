import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { submitSheet } from '../shared/usecases/evaluation';

/** POST /api/tenders/{tenderId}/evaluation/sheet/submit — lock the sheet. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'submitScoreSheet', async (ctx) => ({
  body: await submitSheet({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
