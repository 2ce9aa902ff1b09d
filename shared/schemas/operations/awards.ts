import * as z from 'zod';
import { AwardBodySchema, AwardSchema, ContractBodySchema, ContractSchema } from '../award';
import { CalendarYearBodySchema, CalendarYearNumberSchema, CalendarYearSchema } from '../calendar';
import { DaySchema, FenSchema, IdSchema, TenderPathSchema } from '../common';
import { TradeReportSchema } from '../report';

import { type OperationSchemas, PresignedUploadSchema, ReportQuerySchema } from './common';

/** Schemas of the operations of awards, contracts, the trade report and the calendar (context `awards` of the route table). */
export const AWARDS_OPERATIONS = {
  awardTender: {
    params: TenderPathSchema,
    body: AwardBodySchema,
    response: { status: 201, schema: AwardSchema },
  },
  declareContractDocument: {
    params: TenderPathSchema,
    body: ContractBodySchema.shape.document,
    response: {
      status: 201,
      schema: z.object({ documentId: IdSchema, upload: PresignedUploadSchema }).loose(),
    },
  },
  recordContract: {
    params: TenderPathSchema,
    body: z
      .object({
        amountFen: FenSchema,
        signedOn: DaySchema,
        document: ContractBodySchema.shape.document.extend({ id: IdSchema }),
      })
      .strict(),
    response: { status: 201, schema: ContractSchema },
  },
  getTradeReport: {
    query: ReportQuerySchema,
    response: { status: 200, schema: TradeReportSchema },
  },
  getTradeReportCsv: { query: ReportQuerySchema, response: { status: 200 } },
  putTarget: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: z.object({ projects: z.number().int().min(1).max(1_000_000) }).strict(),
    response: {
      status: 200,
      schema: z.object({ year: z.number(), projects: z.number(), setBy: z.string(), setAt: z.string() }),
    },
  },
  putCalendarYear: {
    params: z.object({ year: CalendarYearNumberSchema }),
    body: CalendarYearBodySchema,
    response: { status: 200, schema: CalendarYearSchema },
  },
} as const satisfies Record<string, OperationSchemas>;
