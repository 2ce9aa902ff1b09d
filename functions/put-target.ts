import { createHandler, requireCaller } from '../shared/http/create-handler';
import { AWARDS_OPERATIONS } from '../shared/schemas/operations/awards';
import { setTarget } from '../shared/usecases/reports';

/** PUT /api/reports/targets/{year} — the year's target number of projects. */
export const handler = createHandler(AWARDS_OPERATIONS, 'putTarget', async (ctx) => ({
  body: await setTarget(
    { caller: requireCaller(ctx.caller), year: ctx.params.year, projects: ctx.body.projects },
    ctx.deps,
  ),
}));
