import { createHandler, requireCaller } from '../shared/http/create-handler';
import { publishTender } from '../shared/usecases/publish-tender';
import { tenderEtag } from '../shared/usecases/tender-change';

/** POST /api/tenders/{tenderId}/publish — the owner publishes a draft and its procurement notice. */
export const handler = createHandler('publishTender', async (ctx) => {
  const tender = await publishTender(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ifMatch: ctx.headers['if-match'] },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
