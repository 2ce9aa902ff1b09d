import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { listRestrictedEnquiries } from '../shared/usecases/enquiries';

/** GET /api/tenders/{tenderId}/enquiries/restricted — every enquiry with its asker, for centre staff. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'listRestrictedEnquiries', async (ctx) => ({
  body: await listRestrictedEnquiries({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
