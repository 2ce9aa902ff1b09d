import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { placeQuote } from '../shared/usecases/transfers';

/** POST /api/tenders/{tenderId}/auction/quotes — a bidder with a confirmed deposit quotes (报价). */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'placeQuote', async (ctx) => ({
  statusCode: 201,
  body: await placeQuote(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      amountFen: ctx.body.amountFen,
      expectedPriceFen: ctx.body.expectedPriceFen,
    },
    ctx.deps,
  ),
}));
