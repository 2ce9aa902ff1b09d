import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { getTenderAudit } from '../shared/usecases/read-tenders';

/** GET /api/tenders/{tenderId}/audit — the hash-chained audit log, verified on every read. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'getTenderAudit', async (ctx) => ({
  body: await getTenderAudit({ tenderId: ctx.params.tenderId, page: ctx.query }, ctx.deps),
}));
