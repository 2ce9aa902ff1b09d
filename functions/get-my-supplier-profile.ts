import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { getMyProfile } from '../shared/usecases/suppliers';

/** GET /api/suppliers/me — the supplier organisation's profile. */
export const handler = createHandler(BIDS_OPERATIONS, 'getMySupplierProfile', async (ctx) => ({
  body: await getMyProfile({ caller: requireCaller(ctx.caller) }, ctx.deps),
}));
