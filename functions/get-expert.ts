import { createHandler } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { getExpert } from '../shared/usecases/experts';

/** GET /api/experts/{expertId} — an expert with history and assessments. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'getExpert', async (ctx) => ({
  body: await getExpert(ctx.params, ctx.deps),
}));
