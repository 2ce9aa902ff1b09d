import { createHandler } from '../shared/http/create-handler';
import { getExpert } from '../shared/usecases/experts';

/** GET /api/experts/{expertId} — an expert with history and assessments. */
export const handler = createHandler('getExpert', async (ctx) => ({
  body: await getExpert(ctx.params, ctx.deps),
}));
