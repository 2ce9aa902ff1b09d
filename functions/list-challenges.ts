import { createHandler, requireCaller } from '../shared/http/create-handler';
import { RIGHTS_OPERATIONS } from '../shared/schemas/operations/rights';
import { listChallenges } from '../shared/usecases/challenges';

/** GET /api/tenders/{tenderId}/challenges — the challenges of a tender its caller may read. */
export const handler = createHandler(RIGHTS_OPERATIONS, 'listChallenges', async (ctx) => ({
  body: await listChallenges({ caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId }, ctx.deps),
}));
