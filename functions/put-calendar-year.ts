import { createHandler, requireCaller } from '../shared/http/create-handler';
import { AWARDS_OPERATIONS } from '../shared/schemas/operations/awards';
import { putCalendarYear } from '../shared/usecases/calendar';

/** PUT /api/calendar/years/{year} — load a year's official holiday schedule (centre staff). */
export const handler = createHandler(AWARDS_OPERATIONS, 'putCalendarYear', async (ctx) => ({
  body: await putCalendarYear(
    { caller: requireCaller(ctx.caller), year: ctx.params.year, body: ctx.body },
    ctx.deps,
  ),
}));
