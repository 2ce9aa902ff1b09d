import { createHandler, requireCaller } from '../shared/http/create-handler';
import { RIGHTS_OPERATIONS } from '../shared/schemas/operations/rights';
import { askEnquiry } from '../shared/usecases/enquiries';

/** POST /api/tenders/{tenderId}/enquiries — a supplier asks (询问); the asker is never named in public. */
export const handler = createHandler(RIGHTS_OPERATIONS, 'askEnquiry', async (ctx) => {
  const enquiry = await askEnquiry(
    { caller: requireCaller(ctx.caller), tenderId: ctx.params.tenderId, question: ctx.body.question },
    ctx.deps,
  );
  return {
    statusCode: 201,
    headers: { location: `/api/tenders/${ctx.params.tenderId}/enquiries#${enquiry.id}` },
    body: enquiry,
  };
});
