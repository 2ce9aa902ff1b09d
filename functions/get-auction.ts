import { createHandler } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { getAuctionView } from '../shared/usecases/transfers';

/** GET /api/tenders/{tenderId}/auction — the live state of a listing or auction (public, no names). */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'getAuction', async (ctx) => ({
  headers: { 'cache-control': 'no-store' },
  body: await getAuctionView({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
