import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { decideDeposit } from '../shared/usecases/transfers';

/** POST …/transfer/deposits/{supplierOrgId}/decision — the centre confirms a deposit (竞买号) or refuses. */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'decideDeposit', async (ctx) => ({
  body: await decideDeposit(
    {
      caller: requireCaller(ctx.caller),
      tenderId: ctx.params.tenderId,
      supplierOrgId: ctx.params.supplierOrgId,
      decision: ctx.body.decision,
      reason: ctx.body.reason,
    },
    ctx.deps,
  ),
}));
