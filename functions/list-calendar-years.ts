import { createHandler } from '../shared/http/create-handler';
import { OPEN_DATA_OPERATIONS } from '../shared/schemas/operations/open-data';
import { listCalendarYears } from '../shared/usecases/calendar';

/** GET /api/calendar/years — the years the working-day calendar covers and where each comes from. */
export const handler = createHandler(OPEN_DATA_OPERATIONS, 'listCalendarYears', async (ctx) => ({
  body: await listCalendarYears(ctx.deps),
}));
