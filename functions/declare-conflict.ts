import { createHandler, requireCaller } from '../shared/http/create-handler';
import { declareConflict } from '../shared/usecases/committee';

/** POST /api/tenders/{tenderId}/evaluation/declaration — 回避声明. */
export const handler = createHandler('declareConflict', async (ctx) => ({
  body: await declareConflict(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
