import { createHandler, requireCaller } from '../shared/http/create-handler';
import { expectedVersionOf, tenderEtag } from '../shared/http/etag';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { updateTender } from '../shared/usecases/update-tender';

/** PATCH /api/tenders/{tenderId} — the owner edits a draft. */
export const handler = createHandler(TENDERS_OPERATIONS, 'updateTender', async (ctx) => {
  const tender = await updateTender(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      patch: ctx.body,
      expectedVersion: expectedVersionOf(ctx.headers['if-match']),
    },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
