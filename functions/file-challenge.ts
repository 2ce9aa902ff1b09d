import { createHandler, requireCaller } from '../shared/http/create-handler';
import { RIGHTS_OPERATIONS } from '../shared/schemas/operations/rights';
import { fileChallenge } from '../shared/usecases/challenges';

/** POST /api/tenders/{tenderId}/challenges — a participating supplier files a challenge (质疑函). */
export const handler = createHandler(RIGHTS_OPERATIONS, 'fileChallenge', async (ctx) => {
  const challenge = await fileChallenge(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, body: ctx.body },
    ctx.deps,
  );
  return {
    statusCode: 201,
    headers: { location: `/api/tenders/${ctx.params.tenderId}/challenges#${challenge.id}` },
    body: challenge,
  };
});
