import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getMyProfile } from '../shared/usecases/suppliers';

/** GET /api/suppliers/me — the supplier organisation's profile. */
export const handler = createHandler('getMySupplierProfile', async (ctx) => ({
  body: await getMyProfile({ caller: requireCaller(ctx.caller) }, ctx.deps),
}));
