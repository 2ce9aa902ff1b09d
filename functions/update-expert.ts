import { createHandler } from '../shared/http/create-handler';
import { updateExpert } from '../shared/usecases/experts';

/** PATCH /api/experts/{expertId} — update specialties, region, employer or relations. */
export const handler = createHandler('updateExpert', async (ctx) => ({
  body: await updateExpert({ expertId: ctx.params.expertId, patch: ctx.body }, ctx.deps),
}));
