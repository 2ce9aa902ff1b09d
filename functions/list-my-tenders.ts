import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { listOwnTenders } from '../shared/usecases/read-tenders';

/** GET /api/manage/tenders — the purchasing unit's own tenders in every state. */
export const handler = createHandler(TENDERS_OPERATIONS, 'listMyTenders', async (ctx) => ({
  body: await listOwnTenders({ caller: requireCaller(ctx.caller), page: ctx.query }, ctx.deps),
}));
