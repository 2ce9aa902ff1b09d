import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { listEnquiries } from '../shared/usecases/enquiries';

/** GET /api/tenders/{tenderId}/enquiries — the public questions and answers of a tender, askers unnamed. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'listEnquiries', async (ctx) => ({
  body: await listEnquiries({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
