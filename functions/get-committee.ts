import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { getCommittee } from '../shared/usecases/committee';

/** GET /api/tenders/{tenderId}/committee — names for centre staff only. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'getCommittee', async (ctx) => ({
  body: await getCommittee({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
