import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { assessExpert } from '../shared/usecases/experts';

/** POST /api/experts/{expertId}/assessments — 一项目一考核 and the penalty ladder (`?dryRun=true`: preview only). */
export const handler = createHandler(EVALUATION_OPERATIONS, 'assessExpert', async (ctx) => {
  const dryRun = ctx.query.dryRun === 'true';
  return {
    statusCode: dryRun ? 200 : 201,
    body: await assessExpert(
      {
        caller: requireCaller(ctx.caller),
        expertId: ctx.params.expertId,
        tenderId: ctx.body.tenderId,
        ratings: ctx.body.ratings as Parameters<typeof assessExpert>[0]['ratings'],
        violations: ctx.body.violations,
        note: ctx.body.note,
        dryRun,
      },
      ctx.deps,
    ),
  };
});
