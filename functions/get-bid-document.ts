import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { getBidDocumentLink } from '../shared/usecases/opening';

/** GET /api/tenders/{tenderId}/bids/{bidId}/documents/{documentId} — a sealed document's link. */
export const handler = createHandler(BIDS_OPERATIONS, 'getBidDocument', async (ctx) => ({
  body: await getBidDocumentLink({ caller: requireCaller(ctx.caller), ...ctx.params }, ctx.deps),
}));
