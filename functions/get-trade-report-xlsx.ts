import { toXlsx } from '../shared/adapters/exports/report-xlsx';
import { createHandler } from '../shared/http/create-handler';
import { WORKBOOK_OPERATIONS } from '../shared/schemas/operations/workbook';
import { scopeOfQuery, tradeReport } from '../shared/usecases/reports';

/** GET /api/reports/trade.xlsx — the report as an Excel workbook with Chinese headers. */
export const handler = createHandler(WORKBOOK_OPERATIONS, 'getTradeReportXlsx', async (ctx) => {
  const report = await tradeReport({ year: ctx.query.year, scope: scopeOfQuery(ctx.query) }, ctx.deps);
  return {
    raw: {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await toXlsx(report),
      fileName: `交易统计-${report.year}.xlsx`,
    },
  };
});
