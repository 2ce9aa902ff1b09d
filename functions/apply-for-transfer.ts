import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { applyForTransfer } from '../shared/usecases/transfers';

/** POST /api/tenders/{tenderId}/transfer/applications — a bidder applies (竞买申请) with its deposit. */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'applyForTransfer', async (ctx) => {
  const line = await applyForTransfer(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, deposit: ctx.body.deposit },
    ctx.deps,
  );
  const { decidedBy: _decidedBy, ...mine } = line;
  return { statusCode: 201, body: mine };
});
