import { createHandler, requireCaller } from '../shared/http/create-handler';
import { expectedVersionOf, tenderEtag } from '../shared/http/etag';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { cancelTender } from '../shared/usecases/cancel-tender';

/** POST /api/tenders/{tenderId}/cancel — the owner cancels a draft or a tendering tender. */
export const handler = createHandler(TENDERS_OPERATIONS, 'cancelTender', async (ctx) => {
  const tender = await cancelTender(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      reason: ctx.body.reason,
      expectedVersion: expectedVersionOf(ctx.headers['if-match']),
    },
    ctx.deps,
  );
  return { headers: { etag: tenderEtag(tender) }, body: tender };
});
