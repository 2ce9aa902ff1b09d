import { createHandler } from '../shared/http/create-handler';
import { publicBaseUrl } from '../shared/http/public-url';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { tenderReleasePackage } from '../shared/usecases/open-data';

/** GET /api/ocds/tenders/{tenderId} — the tender's OCDS release package. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'getTenderReleases', async (ctx) => ({
  headers: { 'cache-control': 'public, max-age=60' },
  body: await tenderReleasePackage({ tenderId: ctx.params.tenderId, baseUrl: publicBaseUrl() }, ctx.deps),
}));
