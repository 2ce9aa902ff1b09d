import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { drawCommittee } from '../shared/usecases/committee';

/** POST /api/tenders/{tenderId}/committee — draw the committee at random, with reserves. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'drawCommittee', async (ctx) => ({
  statusCode: 201,
  body: await drawCommittee(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, request: ctx.body },
    ctx.deps,
  ),
}));
