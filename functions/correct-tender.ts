import { createHandler, requireCaller } from '../shared/http/create-handler';
import { correctTender } from '../shared/usecases/correct-tender';
import { tenderEtag } from '../shared/usecases/tender-change';

/** POST /api/tenders/{tenderId}/corrections — the owner issues a correction notice (更正公告). */
export const handler = createHandler('correctTender', async (ctx) => {
  const tender = await correctTender(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      correction: ctx.body,
      ifMatch: ctx.headers['if-match'],
    },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
