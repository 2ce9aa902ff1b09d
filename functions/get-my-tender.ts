import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getOwnTender } from '../shared/usecases/read-tenders';
import { tenderEtag } from '../shared/usecases/tender-change';

/** GET /api/manage/tenders/{tenderId} — the owner's full view, drafts included. */
export const handler = createHandler('getMyTender', async (ctx) => {
  const tender = await getOwnTender(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
