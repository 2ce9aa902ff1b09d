import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getReport } from '../shared/usecases/evaluation';

/** GET /api/tenders/{tenderId}/evaluation/report — the evaluation report. */
export const handler = createHandler('getEvaluationReport', async (ctx) => ({
  body: await getReport({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
