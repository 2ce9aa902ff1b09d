import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { recordRefund } from '../shared/usecases/transfers';

/** POST …/transfer/deposits/{supplierOrgId}/refund — the centre records a refund that was due. */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'recordDepositRefund', async (ctx) => ({
  body: await recordRefund(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      supplierOrgId: ctx.params.supplierOrgId,
      reference: ctx.body.reference,
    },
    ctx.deps,
  ),
}));
