import { createContextHandler } from '../../shared/http/context-handler';

/** The function of the trade report as an Excel workbook: a router over the context's routes of the route table, each loaded at its first request. */
export const handler = createContextHandler('workbook', {
  getTradeReportXlsx: () => import('../get-trade-report-xlsx'),
});
