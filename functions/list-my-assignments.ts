import { createHandler, requireCaller } from '../shared/http/create-handler';
import { listMyAssignments } from '../shared/usecases/experts';

/** GET /api/evaluations — the signed-in expert's committees. */
export const handler = createHandler('listMyAssignments', async (ctx) => ({
  body: await listMyAssignments({ caller: requireCaller(ctx.caller) }, ctx.deps),
}));
