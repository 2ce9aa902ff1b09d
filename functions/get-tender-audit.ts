import { createHandler } from '../shared/http/create-handler';
import { getTenderAudit } from '../shared/usecases/read-tenders';

/** GET /api/tenders/{tenderId}/audit — the hash-chained audit log, verified on every read. */
export const handler = createHandler('getTenderAudit', async (ctx) => ({
  body: await getTenderAudit({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
