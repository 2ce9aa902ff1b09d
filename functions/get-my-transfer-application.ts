import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { getMyApplication } from '../shared/usecases/transfers';

/** GET /api/tenders/{tenderId}/transfer/application — the bidder's own application and 竞买号. */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'getMyTransferApplication', async (ctx) => ({
  body: await getMyApplication(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  ),
}));
