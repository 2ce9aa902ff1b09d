import { createHandler, requireCaller } from '../shared/http/create-handler';
import { AWARDS_OPERATIONS } from '../shared/schemas/operations/awards';
import { recordContract } from '../shared/usecases/awards';

/** POST /api/tenders/{tenderId}/contract — record the contract; the tender is complete. */
export const handler = createHandler(AWARDS_OPERATIONS, 'recordContract', async (ctx) => ({
  statusCode: 201,
  body: await recordContract(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
