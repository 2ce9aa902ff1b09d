import { createHandler, requireCaller } from '../shared/http/create-handler';
import { EVALUATION_OPERATIONS } from '../shared/schemas/operations/evaluation';
import { getCollusionSigns } from '../shared/usecases/collusion';

/** GET /api/tenders/{tenderId}/collusion-signs — the collusion signs of 87号令第三十七条. */
export const handler = createHandler(EVALUATION_OPERATIONS, 'getCollusionSigns', async (ctx) => ({
  body: await getCollusionSigns(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId },
    ctx.deps,
  ),
}));
