import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { addTenderDocument } from '../shared/usecases/add-tender-document';

/** POST /api/tenders/{tenderId}/documents — declare a document by hash; answers a presigned PUT URL. */
export const handler = createHandler(TENDERS_OPERATIONS, 'addTenderDocument', async (ctx) => {
  const result = await addTenderDocument(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, declared: ctx.body },
    ctx.deps,
  );
  return { statusCode: 201, body: result };
});
