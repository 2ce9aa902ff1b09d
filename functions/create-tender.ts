import { createHandler, requireCaller } from '../shared/http/create-handler';
import { tenderEtag } from '../shared/http/etag';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { createTender } from '../shared/usecases/create-tender';

/** POST /api/tenders — a purchasing unit creates a draft tender; Idempotency-Key makes retries safe. */
export const handler = createHandler(TENDERS_OPERATIONS, 'createTender', async (ctx) => {
  const result = await createTender(
    { caller: requireCaller(ctx.caller), content: ctx.body, idempotencyKey: ctx.headers['idempotency-key'] },
    ctx.deps,
  );
  return {
    statusCode: result.replayed ? 200 : 201,
    headers: {
      location: `/api/manage/tenders/${result.tender.id}`,
      etag: tenderEtag(result.tender),
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
    body: result.tender,
  };
});
