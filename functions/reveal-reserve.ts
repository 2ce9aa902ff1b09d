import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { revealReserve } from '../shared/usecases/transfers';

/** POST /api/tenders/{tenderId}/auction/reserve — the transferor opens its sealed reserve after the end. */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'revealReserve', async (ctx) => ({
  body: await revealReserve(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      reservePriceFen: ctx.body.reservePriceFen,
      nonce: ctx.body.nonce,
    },
    ctx.deps,
  ),
}));
