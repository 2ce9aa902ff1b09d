import { createHandler, requireCaller } from '../shared/http/create-handler';
import { BIDS_OPERATIONS } from '../shared/schemas/operations/bids';
import { listMySupplierTenders } from '../shared/usecases/suppliers';

/** GET /api/suppliers/me/tenders — the supplier's own projects (我的项目), newest registration first. */
export const handler = createHandler(BIDS_OPERATIONS, 'listMySupplierTenders', async (ctx) => {
  const { limit, cursor } = ctx.query;
  return {
    body: await listMySupplierTenders(
      { caller: requireCaller(ctx.caller), page: { limit, cursor } },
      ctx.deps,
    ),
  };
});
