import { type OperationSchemas, ReportQuerySchema } from './common';

/** Schemas of the operations of the trade report as an Excel workbook (context `workbook` of the route table). */
export const WORKBOOK_OPERATIONS = {
  getTradeReportXlsx: { query: ReportQuerySchema, response: { status: 200 } },
} as const satisfies Record<string, OperationSchemas>;
