import { createHandler, requireCaller } from '../shared/http/create-handler';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { checkTenderDraft } from '../shared/usecases/publication-checks';

/** POST /api/tenders/checks — the purchaser's dry run of publication on a draft; writes nothing. */
export const handler = createHandler(TENDERS_OPERATIONS, 'checkTenderDraft', async (ctx) => ({
  body: await checkTenderDraft({ caller: requireCaller(ctx.caller), body: ctx.body }, ctx.deps),
}));
