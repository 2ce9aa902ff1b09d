import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { getReport } from '../shared/usecases/evaluation';

/** GET /api/tenders/{tenderId}/evaluation/report — the evaluation report. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'getEvaluationReport', async (ctx) => ({
  body: await getReport({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
