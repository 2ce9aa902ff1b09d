import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { createExpert } from '../shared/usecases/experts';

/** POST /api/experts — centre staff add an expert to the pool. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'createExpert', async (ctx) => ({
  statusCode: 201,
  body: await createExpert({ caller: requireCaller(ctx.caller), body: ctx.body }, ctx.deps),
}));
