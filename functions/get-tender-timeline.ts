import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { getTenderTimeline } from '../shared/usecases/read-tenders';

/** GET /api/tenders/{tenderId}/timeline — a published tender's steps, with days left by the server's clock. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'getTenderTimeline', async (ctx) => ({
  body: await getTenderTimeline({ tenderId: ctx.params.tenderId }, ctx.deps),
}));
