import { createHandler, requireCaller } from '../shared/http/create-handler';
import { RIGHTS_OPERATIONS } from '../shared/schemas/operations/rights';
import { answerEnquiry } from '../shared/usecases/enquiries';

/** POST /api/tenders/{tenderId}/enquiries/{enquiryId}/answer — the purchasing unit answers (答复). */
export const handler = createHandler(RIGHTS_OPERATIONS, 'answerEnquiry', async (ctx) => ({
  body: await answerEnquiry({ caller: requireCaller(ctx.caller), ...ctx.params, ...ctx.body }, ctx.deps),
}));
