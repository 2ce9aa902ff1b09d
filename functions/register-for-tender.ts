import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { registerForTender } from '../shared/usecases/suppliers';

/** POST /api/tenders/{tenderId}/registrations — a supplier registers (报名); idempotent per organisation. */
export const handler = createHandler(BIDS_OPERATIONS, 'registerForTender', async (ctx) => {
  const result = await registerForTender(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  );
  return { statusCode: result.created ? 201 : 200, body: result.registration };
});
