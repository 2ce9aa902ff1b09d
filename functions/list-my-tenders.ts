import { createHandler, requireCaller } from '../shared/http/create-handler';
import { listOwnTenders } from '../shared/usecases/read-tenders';

/** GET /api/manage/tenders — the purchasing unit's own tenders in every state. */
export const handler = createHandler('listMyTenders', async (ctx) => ({
  body: await listOwnTenders({ caller: requireCaller(ctx.caller), page: ctx.query }, ctx.deps),
}));
