import { createHandler, requireCaller } from '../shared/http/create-handler';
import { RIGHTS_OPERATIONS } from '../shared/schemas/operations/rights';
import { listMyEnquiries } from '../shared/usecases/enquiries';

/** GET /api/tenders/{tenderId}/my-enquiries — the supplier's own enquiries about a tender. */
export const handler = createHandler(RIGHTS_OPERATIONS, 'listMyEnquiries', async (ctx) => ({
  body: await listMyEnquiries({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
