import { createHandler } from '../shared/http/create-handler';
import { RIGHTS_OPERATIONS } from '../shared/schemas/operations/rights';
import { listAnswerClocks } from '../shared/usecases/answer-clocks';

/** GET /api/rights/clocks — the centre's board of answers still due, earliest first. */
export const handler = createHandler(RIGHTS_OPERATIONS, 'listAnswerClocks', async (ctx) => ({
  body: await listAnswerClocks({ page: ctx.query }, ctx.deps),
}));
