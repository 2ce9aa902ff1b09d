import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { listMyAssignments } from '../shared/usecases/experts';

/** GET /api/evaluations — the signed-in expert's committees. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'listMyAssignments', async (ctx) => ({
  body: await listMyAssignments({ caller: requireCaller(ctx.caller) }, ctx.deps),
}));
