import { createHandler } from '../shared/http/create-handler';
import { presentReport, scopeOfQuery, tradeReport } from '../shared/usecases/reports';

/** GET /api/reports/trade — totals and breakdowns in 分 and as 万元 strings, with the target. */
export const handler = createHandler('getTradeReport', async (ctx) => ({
  body: presentReport(await tradeReport({ year: ctx.query.year, scope: scopeOfQuery(ctx.query) }, ctx.deps)),
}));
