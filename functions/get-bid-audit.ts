import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getBidAudit } from '../shared/usecases/opening';

/** GET /api/tenders/{tenderId}/bids/{bidId}/audit — a bid's own hash-chained log. */
export const handler = createHandler('getBidAudit', async (ctx) => ({
  body: await getBidAudit({ caller: requireCaller(ctx.caller), ...ctx.params }, ctx.deps),
}));
