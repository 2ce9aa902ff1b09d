import { createHandler, requireCaller } from '../shared/http/create-handler';
import { tenderEtag } from '../shared/http/etag';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { getOwnTender } from '../shared/usecases/read-tenders';

/** GET /api/manage/tenders/{tenderId} — the owner's full view, drafts included. */
export const handler = createHandler(TENDERS_OPERATIONS, 'getMyTender', async (ctx) => {
  const tender = await getOwnTender(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
