import { createHandler, requireCaller } from '../shared/http/create-handler';
import { cancelTender } from '../shared/usecases/cancel-tender';
import { tenderEtag } from '../shared/usecases/tender-change';

/** POST /api/tenders/{tenderId}/cancel — the owner cancels a draft or a tendering tender. */
export const handler = createHandler('cancelTender', async (ctx) => {
  const tender = await cancelTender(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      reason: ctx.body.reason,
      ifMatch: ctx.headers['if-match'],
    },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
