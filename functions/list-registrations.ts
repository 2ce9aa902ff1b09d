import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { listRegistrations } from '../shared/usecases/suppliers';

/** GET /api/tenders/{tenderId}/registrations — after the deadline, to the purchasing unit and centre. */
export const handler = createHandler(BIDS_OPERATIONS, 'listRegistrations', async (ctx) => ({
  body: await listRegistrations(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  ),
}));
