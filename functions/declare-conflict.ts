import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { declareConflict } from '../shared/usecases/committee';

/** POST /api/tenders/{tenderId}/evaluation/declaration — 回避声明. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'declareConflict', async (ctx) => ({
  body: await declareConflict(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
