import { createHandler, requireCaller } from '../shared/http/create-handler';
import { expectedVersionOf, tenderEtag } from '../shared/http/etag';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { publishTender } from '../shared/usecases/publish-tender';

/** POST /api/tenders/{tenderId}/publish — the owner publishes a draft and its procurement notice. */
export const handler = createHandler(TENDERS_OPERATIONS, 'publishTender', async (ctx) => {
  const tender = await publishTender(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      expectedVersion: expectedVersionOf(ctx.headers['if-match']),
    },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
