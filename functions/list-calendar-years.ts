import { createHandler } from '../shared/http/create-handler';
import { listCalendarYears } from '../shared/usecases/calendar';

/** GET /api/calendar/years — the years the working-day calendar covers and where each comes from. */
export const handler = createHandler('listCalendarYears', async (ctx) => ({
  body: await listCalendarYears(ctx.deps),
}));
