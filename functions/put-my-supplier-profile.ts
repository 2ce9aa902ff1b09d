import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { saveMyProfile } from '../shared/usecases/suppliers';

/** PUT /api/suppliers/me — create or replace the supplier profile. */
export const handler = createHandler(BIDS_OPERATIONS, 'putMySupplierProfile', async (ctx) => {
  const result = await saveMyProfile({ caller: requireCaller(ctx.caller), body: ctx.body }, ctx.deps);
  return { statusCode: result.created ? 201 : 200, body: result.profile };
});
