import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { getBidAudit } from '../shared/usecases/opening';

/** GET /api/tenders/{tenderId}/bids/{bidId}/audit — a bid's own hash-chained log. */
export const handler = createHandler(BIDS_OPERATIONS, 'getBidAudit', async (ctx) => ({
  body: await getBidAudit({ caller: requireCaller(ctx.caller), ...ctx.params, page: ctx.query }, ctx.deps),
}));
