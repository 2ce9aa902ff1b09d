import { z } from 'zod';
import { AuditEventSchema, AuditLogSchema, RestrictedAuditLogSchema } from './audit';
import {
  AwardBodySchema,
  AwardSchema,
  ContractBodySchema,
  ContractSchema,
  TenderResultSchema,
} from './award';
import {
  BidReceiptSchema,
  BidSchema,
  CreateBidBodySchema,
  OpeningRecordSchema,
  OpeningResponseBodySchema,
  RegistrationSchema,
  RevealBodySchema,
} from './bid';
import {
  CalendarYearBodySchema,
  CalendarYearListSchema,
  CalendarYearNumberSchema,
  CalendarYearSchema,
} from './calendar';
import {
  DaySchema,
  FenSchema,
  IdSchema,
  InstantSchema,
  PageQuerySchema,
  pageOf,
  TenderPathSchema,
} from './common';
import {
  CommitteeSchema,
  DeclarationBodySchema,
  DrawCommitteeBodySchema,
  EvaluationReportSchema,
  OutlierConfirmationBodySchema,
  ScoreSheetBodySchema,
  ScoreSheetSchema,
} from './evaluation';
import {
  AssessmentBodySchema,
  CreateExpertBodySchema,
  ExpertSchema,
  ListExpertsQuerySchema,
  UpdateExpertBodySchema,
} from './expert';
import { ConditionalHeadersSchema, IdempotentHeadersSchema } from './headers';
import { ListNoticesQuerySchema, NoticeSchema } from './notice';
import { OcdsReleasePackageSchema } from './ocds';
import { SupplierProfileBodySchema, SupplierProfileSchema } from './supplier';
import {
  AddDocumentBodySchema,
  CancelBodySchema,
  CorrectionBodySchema,
  CreateTenderBodySchema,
  ListTendersQuerySchema,
  PublicTenderSchema,
  TenderDocumentSchema,
  TenderSchema,
  UpdateTenderBodySchema,
} from './tender';

/** The schemas of one operation: input to validate, and the success response to document. */
export interface OperationSchemas {
  /** Path parameters. */
  params?: z.ZodType;
  /** Query string. */
  query?: z.ZodType;
  /** JSON body. */
  body?: z.ZodType;
  /** Headers that matter (loose object). */
  headers?: z.ZodType;
  /** The success status and body. */
  response: { status: number; schema?: z.ZodType };
}

const DocumentPathSchema = TenderPathSchema.extend({ documentId: IdSchema });
const BidPathSchema = TenderPathSchema.extend({ bidId: IdSchema });
const ExpertPathSchema = z.object({ expertId: IdSchema });

/** Which report: a year, optionally narrowed to one month, unit, trade type, category or method. */
const ReportQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    month: z.coerce.number().int().min(1).max(12).optional(),
    unit: z.string().min(1).max(64).optional(),
    tradeType: z.string().min(1).max(40).optional(),
    category: z.string().min(1).max(40).optional(),
    method: z.string().min(1).max(40).optional(),
  })
  .refine(
    (q) => [q.month, q.unit, q.tradeType, q.category, q.method].filter((v) => v !== undefined).length <= 1,
    {
      error: '一次只能按一个维度筛选 / narrow by at most one of month, unit, tradeType, category, method',
    },
  );

const DocumentLinkSchema = z
  .object({
    documentId: IdSchema,
    fileName: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    url: z.string(),
    expiresAt: InstantSchema,
  })
  .strict();

/** The OpenAPI document: its top-level members (the paths and components are generated). */
const OpenApiDocumentSchema = z
  .object({
    openapi: z.literal('3.1.0'),
    info: z.object({ title: z.string(), version: z.string(), description: z.string() }).strict(),
    servers: z.array(z.object({ url: z.string() }).strict()),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z
      .object({
        schemas: z.record(z.string(), z.unknown()),
        securitySchemes: z.record(z.string(), z.unknown()),
      })
      .strict(),
  })
  .strict();

const PresignedUploadSchema = z.object({
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: InstantSchema,
});

/** The committee as the purchasing unit sees it: sizes, statuses and digests, no names or staff. */
const PartyCommitteeViewSchema = CommitteeSchema.omit({
  members: true,
  reserves: true,
  drawnMembers: true,
  drawnReserves: true,
  excluded: true,
  outlierReview: true,
  drawnBy: true,
})
  .extend({ members: z.array(z.object({ status: z.string(), fromReserve: z.boolean() }).strict()) })
  .strict();

/** Schemas of every operation of the route table, keyed by route id. */
export const OPERATIONS = {
  getOpenApi: { response: { status: 200, schema: OpenApiDocumentSchema } },
  listTenders: {
    query: PageQuerySchema.extend(ListTendersQuerySchema.shape),
    response: { status: 200, schema: pageOf(PublicTenderSchema).strict() },
  },
  createTender: {
    body: CreateTenderBodySchema,
    headers: IdempotentHeadersSchema,
    response: { status: 201, schema: TenderSchema },
  },
  getTender: { params: TenderPathSchema, response: { status: 200, schema: PublicTenderSchema } },
  updateTender: {
    params: TenderPathSchema,
    body: UpdateTenderBodySchema,
    headers: ConditionalHeadersSchema,
    response: { status: 200, schema: TenderSchema },
  },
  publishTender: {
    params: TenderPathSchema,
    headers: ConditionalHeadersSchema,
    response: { status: 200, schema: TenderSchema },
  },
  correctTender: {
    params: TenderPathSchema,
    body: CorrectionBodySchema,
    headers: ConditionalHeadersSchema,
    response: { status: 200, schema: TenderSchema },
  },
  cancelTender: {
    params: TenderPathSchema,
    body: CancelBodySchema,
    headers: ConditionalHeadersSchema,
    response: { status: 200, schema: TenderSchema },
  },
  addTenderDocument: {
    params: TenderPathSchema,
    body: AddDocumentBodySchema,
    response: {
      status: 201,
      schema: z.object({ document: TenderDocumentSchema, upload: PresignedUploadSchema }),
    },
  },
  getTenderDocument: {
    params: DocumentPathSchema,
    response: {
      status: 200,
      schema: DocumentLinkSchema,
    },
  },
  getTenderAudit: { params: TenderPathSchema, response: { status: 200, schema: AuditLogSchema } },
  getRestrictedTenderAudit: {
    params: TenderPathSchema,
    response: { status: 200, schema: RestrictedAuditLogSchema },
  },
  listNotices: {
    query: PageQuerySchema.extend(ListNoticesQuerySchema.shape),
    response: { status: 200, schema: pageOf(NoticeSchema).strict() },
  },
  listMyTenders: { query: PageQuerySchema, response: { status: 200, schema: pageOf(TenderSchema) } },
  getMyTender: { params: TenderPathSchema, response: { status: 200, schema: TenderSchema } },
  getMySupplierProfile: { response: { status: 200, schema: SupplierProfileSchema } },
  putMySupplierProfile: {
    body: SupplierProfileBodySchema,
    response: { status: 200, schema: SupplierProfileSchema },
  },
  registerForTender: { params: TenderPathSchema, response: { status: 201, schema: RegistrationSchema } },
  listRegistrations: {
    params: TenderPathSchema,
    response: { status: 200, schema: z.object({ items: z.array(RegistrationSchema) }) },
  },
  createBid: {
    params: TenderPathSchema,
    body: CreateBidBodySchema,
    headers: IdempotentHeadersSchema,
    response: {
      status: 201,
      schema: z.object({
        bid: BidSchema,
        uploads: z.array(PresignedUploadSchema.extend({ documentId: IdSchema, fileName: z.string() })),
      }),
    },
  },
  listBids: {
    params: TenderPathSchema,
    response: { status: 200, schema: z.object({ items: z.array(BidSchema) }) },
  },
  listMyBids: {
    params: TenderPathSchema,
    response: {
      status: 200,
      schema: z.object({
        items: z.array(BidSchema.extend({ needsReconfirmation: z.boolean(), current: z.boolean() })),
      }),
    },
  },
  submitBid: { params: BidPathSchema, response: { status: 200, schema: BidReceiptSchema } },
  withdrawBid: { params: BidPathSchema, response: { status: 200, schema: BidSchema } },
  reconfirmBid: { params: BidPathSchema, response: { status: 200, schema: BidSchema } },
  revealBid: {
    params: BidPathSchema,
    body: RevealBodySchema,
    response: {
      status: 200,
      schema: z.object({
        priceMatches: z.boolean(),
        keyMatches: z.boolean(),
        documentsDecrypt: z.boolean(),
        status: z.enum(['valid', 'invalid']),
        documentsIntact: z.boolean().optional(),
        reason: z.string().nullable().optional(),
        attempt: z.number().int().min(1).optional(),
      }),
    },
  },
  getBidAudit: {
    params: BidPathSchema,
    response: { status: 200, schema: z.object({ bidId: IdSchema, events: z.array(AuditEventSchema) }) },
  },
  getBidDocument: {
    params: BidPathSchema.extend({ documentId: IdSchema }),
    response: { status: 200, schema: DocumentLinkSchema },
  },
  getOpeningRecord: { params: TenderPathSchema, response: { status: 200, schema: OpeningRecordSchema } },
  respondToOpening: {
    params: TenderPathSchema,
    body: OpeningResponseBodySchema,
    response: { status: 200, schema: OpeningRecordSchema },
  },
  createExpert: { body: CreateExpertBodySchema, response: { status: 201, schema: ExpertSchema } },
  listExperts: {
    query: PageQuerySchema.extend(ListExpertsQuerySchema.shape),
    response: { status: 200, schema: pageOf(ExpertSchema) },
  },
  getExpert: {
    params: ExpertPathSchema,
    response: {
      status: 200,
      schema: ExpertSchema.extend({ assessments: z.array(z.record(z.string(), z.unknown())) }),
    },
  },
  updateExpert: {
    params: ExpertPathSchema,
    body: UpdateExpertBodySchema,
    response: { status: 200, schema: ExpertSchema },
  },
  assessExpert: {
    params: ExpertPathSchema,
    body: AssessmentBodySchema,
    response: {
      status: 201,
      schema: z.object({ assessment: z.record(z.string(), z.unknown()), expert: ExpertSchema }),
    },
  },
  drawCommittee: {
    params: TenderPathSchema,
    body: DrawCommitteeBodySchema,
    response: { status: 201, schema: CommitteeSchema },
  },
  getCommittee: {
    params: TenderPathSchema,
    response: { status: 200, schema: z.union([PartyCommitteeViewSchema, CommitteeSchema]) },
  },
  verifyCommittee: {
    params: TenderPathSchema,
    response: {
      status: 200,
      schema: z.object({
        valid: z.boolean(),
        reason: z.string().nullable(),
        seed: z.string(),
        snapshotDigest: z.string(),
        eligibleCount: z.number().int(),
      }),
    },
  },
  listMyAssignments: {
    response: { status: 200, schema: z.object({ items: z.array(z.object({ tenderId: IdSchema })) }) },
  },
  getEvaluationSession: {
    params: TenderPathSchema,
    response: { status: 200, schema: z.record(z.string(), z.unknown()) },
  },
  declareConflict: {
    params: TenderPathSchema,
    body: DeclarationBodySchema,
    response: { status: 200, schema: z.object({ status: z.string(), replacedBy: z.string().nullable() }) },
  },
  saveScoreSheet: {
    params: TenderPathSchema,
    body: ScoreSheetBodySchema,
    response: { status: 200, schema: ScoreSheetSchema },
  },
  submitScoreSheet: { params: TenderPathSchema, response: { status: 200, schema: ScoreSheetSchema } },
  confirmOutliers: {
    params: TenderPathSchema,
    body: OutlierConfirmationBodySchema,
    response: { status: 200, schema: z.object({ confirmed: z.number().int(), reportReady: z.boolean() }) },
  },
  getEvaluationReport: {
    params: TenderPathSchema,
    response: { status: 200, schema: EvaluationReportSchema },
  },
  getMyResult: {
    params: TenderPathSchema,
    response: { status: 200, schema: z.record(z.string(), z.unknown()) },
  },
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
  getTenderResult: { params: TenderPathSchema, response: { status: 200, schema: TenderResultSchema } },
  getTradeReport: {
    query: ReportQuerySchema,
    response: { status: 200, schema: z.record(z.string(), z.unknown()) },
  },
  getTradeReportCsv: { query: ReportQuerySchema, response: { status: 200 } },
  getTradeReportXlsx: { query: ReportQuerySchema, response: { status: 200 } },
  putTarget: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: z.object({ projects: z.number().int().min(1).max(1_000_000) }).strict(),
    response: {
      status: 200,
      schema: z.object({ year: z.number(), projects: z.number(), setBy: z.string(), setAt: z.string() }),
    },
  },
  getTenderReleases: {
    params: TenderPathSchema,
    response: { status: 200, schema: OcdsReleasePackageSchema },
  },
  listReleases: {
    query: PageQuerySchema,
    response: {
      status: 200,
      schema: OcdsReleasePackageSchema.extend({
        nextCursor: z.string().nullable(),
        links: z.object({ next: z.string() }).strict().optional(),
      }).strict(),
    },
  },
  listCalendarYears: {
    response: { status: 200, schema: CalendarYearListSchema },
  },
  putCalendarYear: {
    params: z.object({ year: CalendarYearNumberSchema }),
    body: CalendarYearBodySchema,
    response: { status: 200, schema: CalendarYearSchema },
  },
} as const satisfies Record<string, OperationSchemas>;

/** The id of an operation. */
export type OperationId = keyof typeof OPERATIONS;
