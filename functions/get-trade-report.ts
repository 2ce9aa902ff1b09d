import { createHandler } from '../shared/http/create-handler';
import { AWARDS_OPERATIONS } from '../shared/schemas/operations/awards';
import { presentReport, scopeOfQuery, tradeReport } from '../shared/usecases/reports';

/** GET /api/reports/trade — totals and breakdowns in 分 and as 万元 strings, with the target. */
export const handler = createHandler(AWARDS_OPERATIONS, 'getTradeReport', async (ctx) => ({
  body: presentReport(await tradeReport({ year: ctx.query.year, scope: scopeOfQuery(ctx.query) }, ctx.deps)),
}));
