import { createHandler, requireCaller } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { getRestrictedTenderAudit } from '../shared/usecases/read-tenders';

/** GET /api/tenders/{tenderId}/audit/restricted — the audit chains with restricted records, for centre staff. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'getRestrictedTenderAudit', async (ctx) => ({
  body: await getRestrictedTenderAudit(
    { caller: requireCaller(ctx.caller), ...ctx.params, page: ctx.query },
    ctx.deps,
  ),
}));
