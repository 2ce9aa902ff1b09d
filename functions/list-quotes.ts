import { createHandler } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { listQuotes } from '../shared/usecases/transfers';

/** GET /api/tenders/{tenderId}/auction/quotes — the accepted quotes in order, by 竞买号 (public). */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'listQuotes', async (ctx) => ({
  body: await listQuotes(
    { tenderId: ctx.params.tenderId, afterSeq: ctx.query.afterSeq, limit: ctx.query.limit },
    ctx.deps,
  ),
}));
