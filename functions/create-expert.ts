import { createHandler, requireCaller } from '../shared/http/create-handler';
import { createExpert } from '../shared/usecases/experts';

/** POST /api/experts — centre staff add an expert to the pool. */
export const handler = createHandler('createExpert', async (ctx) => ({
  statusCode: 201,
  body: await createExpert({ caller: requireCaller(ctx.caller), body: ctx.body }, ctx.deps),
}));
