import { createHandler } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { updateExpert } from '../shared/usecases/experts';

/** PATCH /api/experts/{expertId} — update specialties, region, employer or relations. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'updateExpert', async (ctx) => ({
  body: await updateExpert({ expertId: ctx.params.expertId, patch: ctx.body }, ctx.deps),
}));
