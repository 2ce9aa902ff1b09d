import { createHandler } from '../shared/http/create-handler';
import { TRANSFERS_OPERATIONS } from '../shared/schemas/operations/transfers';
import { getDepositLedger } from '../shared/usecases/transfers';

/** GET /api/tenders/{tenderId}/transfer/deposits — the centre's deposit ledger of a transfer. */
export const handler = createHandler(TRANSFERS_OPERATIONS, 'getDepositLedger', async (ctx) => ({
  body: await getDepositLedger({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
