import { toCsv } from '../shared/adapters/exports/report-export';
import { createHandler } from '../shared/http/create-handler';
import { AWARDS_OPERATIONS } from '../shared/schemas/operations/awards';
import { scopeOfQuery, tradeReport } from '../shared/usecases/reports';

/** GET /api/reports/trade.csv — the report as CSV, UTF-8 with BOM so Excel shows Chinese. */
export const handler = createHandler(AWARDS_OPERATIONS, 'getTradeReportCsv', async (ctx) => {
  const report = await tradeReport({ year: ctx.query.year, scope: scopeOfQuery(ctx.query) }, ctx.deps);
  return {
    raw: {
      contentType: 'text/csv; charset=utf-8',
      body: toCsv(report),
      fileName: `交易统计-${report.year}.csv`,
    },
  };
});
