import { createHandler } from '../shared/http/create-handler';
import { listNotices } from '../shared/usecases/read-tenders';

/** GET /api/notices — the public notice feed, newest first. */
export const handler = createHandler('listNotices', async (ctx) => {
  const { limit, cursor, type } = ctx.query;
  return { body: await listNotices({ type, page: { limit, cursor } }, ctx.deps) };
});
