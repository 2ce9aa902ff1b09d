import { createHandler, requireCaller } from '../shared/http/create-handler';
import { putCalendarYear } from '../shared/usecases/calendar';

/** PUT /api/calendar/years/{year} — load a year's official holiday schedule (centre staff). */
export const handler = createHandler('putCalendarYear', async (ctx) => ({
  body: await putCalendarYear(
    { caller: requireCaller(ctx.caller), year: ctx.params.year, body: ctx.body },
    ctx.deps,
  ),
}));
