import { createHandler, requireCaller } from '../shared/http/create-handler';
import { getRestrictedTenderAudit } from '../shared/usecases/read-tenders';

/** GET /api/tenders/{tenderId}/audit/restricted — the audit chains with restricted records, for centre staff. */
export const handler = createHandler('getRestrictedTenderAudit', async (ctx) => ({
  body: await getRestrictedTenderAudit({ caller: requireCaller(ctx.caller), ...ctx.params }, ctx.deps),
}));
