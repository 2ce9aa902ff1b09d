import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getCommittee } from '../shared/usecases/committee';

/** GET /api/tenders/{tenderId}/committee — names for centre staff only. */
export const handler = createHandler('getCommittee', async (ctx) => ({
  body: await getCommittee({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
