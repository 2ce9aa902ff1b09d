import { createHandler, requireCaller } from '../shared/http/create-handler';
import { assessExpert } from '../shared/usecases/experts';

/** POST /api/experts/{expertId}/assessments — 一项目一考核 and the penalty ladder. */
export const handler = createHandler('assessExpert', async (ctx) => ({
  statusCode: 201,
  body: await assessExpert(
    {
      caller: requireCaller(ctx.caller),
      expertId: ctx.params.expertId,
      tenderId: ctx.body.tenderId,
      ratings: ctx.body.ratings as Parameters<typeof assessExpert>[0]['ratings'],
      violations: ctx.body.violations,
      note: ctx.body.note,
    },
    ctx.deps,
  ),
}));
