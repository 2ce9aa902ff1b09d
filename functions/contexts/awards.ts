import { provideS3DocumentStore } from '../../shared/adapters/s3/provide';
import { createContextHandler } from '../../shared/http/context-handler';

// This context touches the documents bucket: its bundle alone carries the S3 client (loaded at first use)
provideS3DocumentStore();

/** The function of awards, contracts, the trade report, targets and the calendar: a router over the context's routes of the route table, each loaded at its first request. */
export const handler = createContextHandler('awards', {
  awardTender: () => import('../award-tender'),
  declareContractDocument: () => import('../declare-contract-document'),
  recordContract: () => import('../record-contract'),
  getTradeReport: () => import('../get-trade-report'),
  getTradeReportCsv: () => import('../get-trade-report-csv'),
  putTarget: () => import('../put-target'),
  putCalendarYear: () => import('../put-calendar-year'),
});
