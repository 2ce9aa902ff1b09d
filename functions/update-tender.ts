import { createHandler, requireCaller } from '../shared/http/create-handler';
import { tenderEtag } from '../shared/usecases/tender-change';
import { updateTender } from '../shared/usecases/update-tender';

/** PATCH /api/tenders/{tenderId} — the owner edits a draft. */
export const handler = createHandler('updateTender', async (ctx) => {
  const tender = await updateTender(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      patch: ctx.body,
      ifMatch: ctx.headers['if-match'],
    },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
