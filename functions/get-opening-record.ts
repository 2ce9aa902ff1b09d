import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getOpeningRecord } from '../shared/usecases/opening';

/** GET /api/tenders/{tenderId}/opening — the opening record (开标记录) for the parties. */
export const handler = createHandler('getOpeningRecord', async (ctx) => ({
  body: await getOpeningRecord(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  ),
}));
