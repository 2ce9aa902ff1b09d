import { createHandler } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { listExperts } from '../shared/usecases/experts';

/** GET /api/experts — the pool, filtered and paged. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'listExperts', async (ctx) => {
  const { limit, cursor, ...filters } = ctx.query;
  return { body: await listExperts({ filters, page: { limit, cursor } }, ctx.deps) };
});
