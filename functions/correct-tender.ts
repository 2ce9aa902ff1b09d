import { createHandler, requireCaller } from '../shared/http/create-handler';
import { expectedVersionOf, tenderEtag } from '../shared/http/etag';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { correctTender } from '../shared/usecases/correct-tender';

/** POST /api/tenders/{tenderId}/corrections — the owner issues a correction notice (更正公告). */
export const handler = createHandler(TENDERS_OPERATIONS, 'correctTender', async (ctx) => {
  const tender = await correctTender(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      correction: ctx.body,
      expectedVersion: expectedVersionOf(ctx.headers['if-match']),
    },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
