import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { getOpeningRecord } from '../shared/usecases/opening';

/** GET /api/tenders/{tenderId}/opening — the opening record (开标记录) for the parties. */
export const handler = createHandler(BIDS_OPERATIONS, 'getOpeningRecord', async (ctx) => ({
  body: await getOpeningRecord(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  ),
}));
