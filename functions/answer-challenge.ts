import { createHandler, requireCaller } from '../shared/http/create-handler';
import { RIGHTS_OPERATIONS } from '../shared/schemas/operations/rights';
import { answerChallenge } from '../shared/usecases/challenges';

/** POST /api/tenders/{tenderId}/challenges/{challengeId}/answer — the purchasing unit answers (质疑答复). */
export const handler = createHandler(RIGHTS_OPERATIONS, 'answerChallenge', async (ctx) => ({
  body: await answerChallenge({ caller: requireCaller(ctx.caller), ...ctx.params, body: ctx.body }, ctx.deps),
}));
