import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { listOpenedBids } from '../shared/usecases/opening';

/** GET /api/tenders/{tenderId}/bids — decrypted bids, for the parties, once in evaluation. */
export const handler = createHandler(BIDS_OPERATIONS, 'listBids', async (ctx) => ({
  body: await listOpenedBids({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
