import { createHandler, requireCaller } from '../shared/http/create-handler';
import { AWARDS_OPERATIONS } from '../shared/schemas/operations/awards';
import { declareContractDocument } from '../shared/usecases/awards';

/** POST /api/tenders/{tenderId}/contract/document — where to upload the signed contract. */
export const handler = createHandler(AWARDS_OPERATIONS, 'declareContractDocument', async (ctx) => ({
  statusCode: 201,
  body: await declareContractDocument(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, ...ctx.body },
    ctx.deps,
  ),
}));
