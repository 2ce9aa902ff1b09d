import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { createBid } from '../shared/usecases/bids';

/** POST /api/tenders/{tenderId}/bids — a sealed bid draft from commitments; answers upload URLs. */
export const handler = createHandler(BIDS_OPERATIONS, 'createBid', async (ctx) => {
  const result = await createBid(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      body: ctx.body,
      idempotencyKey: ctx.headers['idempotency-key'],
    },
    ctx.deps,
  );
  return {
    statusCode: result.replayed ? 200 : 201,
    headers: result.replayed ? { 'idempotent-replayed': 'true' } : ({} as Record<string, string>),
    body: { bid: result.bid, uploads: result.uploads },
  };
});
