import * as z from 'zod';
import { TENDER_STATUSES } from '../domain/lifecycle';
import {
  CATEGORIES,
  CORRECTION_IMMUTABLE_FIELDS,
  CORRECTION_IMMUTABLE_RULE,
  EVALUATION_METHODS,
  PROCUREMENT_METHODS,
  TRADE_TYPES,
} from '../domain/vocabulary';
import { FenSchema, IdSchema, InstantSchema, PercentSchema, TitleSearchSchema } from './common';
import { AuctionStateSchema, TransferTermsSchema } from './transfer';

/** How a tender is traded: government procurement, or a land / mining rights transfer. */
export const TradeTypeSchema = z.enum(TRADE_TYPES).meta({ description: 'Trade type' });
/** Procurement category. */
export const CategorySchema = z
  .enum(CATEGORIES)
  .meta({ description: 'goods 货物 / works 工程 / services 服务' });
/** Procurement method. */
export const MethodSchema = z.enum(PROCUREMENT_METHODS).meta({ description: 'Procurement method' });
/** Evaluation method. */
export const EvaluationMethodSchema = z.enum(EVALUATION_METHODS);
/** Lifecycle status (DESIGN.md section 2). */
export const StatusSchema = z.enum(TENDER_STATUSES);

/** A named scoring criterion of 综合评分法 with its maximum points. */
export const CriterionSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  maxPoints: z.number().int().min(1).max(100),
});

/** How bids are evaluated. */
export const EvaluationSchema = z.strictObject({
  method: EvaluationMethodSchema,
  priceWeightPercent: PercentSchema.int().optional(),
  criteria: z.array(CriterionSchema).max(30).default([]),
});

/** SME policy: reserved for SMEs, or a price deduction for small/micro firms. */
export const SmePolicySchema = z.strictObject({
  reservedForSme: z.boolean(),
  priceDeductionPercent: PercentSchema.optional(),
  consortiumDeductionPercent: PercentSchema.optional(),
  notReservedReason: z.string().trim().max(500).optional(),
});

/** The tender's timeline; the bid deadline is also the opening time (87号令第39条). */
export const TimelineSchema = z.strictObject({
  documentsFrom: InstantSchema,
  documentsUntil: InstantSchema,
  bidDeadline: InstantSchema,
  decryptionWindowMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30)
    .meta({ description: 'Minutes after the deadline in which bidders decrypt (reveal) their bids' }),
  confirmationWindowMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(60)
    .meta({ description: 'Minutes after the opening record in which bidders confirm it or object' }),
});

/** The editable content of a tender: what a purchasing unit writes in a draft. */
export const TenderContentSchema = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    description: z.string().max(5000).default(''),
    purchasingUnitName: z.string().trim().min(2).max(200),
    tradeType: TradeTypeSchema,
    category: CategorySchema,
    method: MethodSchema,
    budgetFen: FenSchema.optional(),
    reservePriceFen: FenSchema.optional(),
    bidDepositFen: FenSchema.optional().meta({
      description:
        'The bid deposit (投标保证金) the documents require, in 分, at most 2% of the budget, in a non-cash form (实施条例第三十三条); absent when none is required',
    }),
    qualifications: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
    sme: SmePolicySchema,
    evaluation: EvaluationSchema,
    timeline: TimelineSchema,
    transfer: TransferTermsSchema.optional().meta({
      description:
        'Listing or auction terms (出让公告); the timeline reads: documentsFrom = listing start, documentsUntil = application deadline, bidDeadline = listing end (挂牌截止) or the auction start',
    }),
  })
  .superRefine(function requireAmount(value, ctx) {
    if (value.tradeType === 'governmentProcurement' && value.budgetFen === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['budgetFen'],
        message: '政府采购项目须填写预算金额 / a government procurement tender needs budgetFen',
      });
    }
    const live =
      value.tradeType !== 'governmentProcurement' || value.method === 'listing' || value.method === 'auction';
    if (live && value.transfer === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['transfer'],
        message:
          '挂牌、拍卖出让须填写出让条件（宗地或矿区、起始价、加价幅度、保证金） / a listing or auction needs its transfer terms',
      });
    }
    if (!live && value.transfer !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['transfer'],
        message: '政府采购项目没有出让条件 / a government procurement has no transfer terms',
      });
    }
    if (value.reservePriceFen !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reservePriceFen'],
        message:
          '底价不明文提交：只提交其承诺 transfer.reserveCommitment，竞价结束后再公开（福建网上交易规则第三十二条） / the reserve is never sent in clear: send its commitment (transfer.reserveCommitment) and reveal it after bidding ends',
      });
    }
  });

/** Body of the create-draft request. */
export const CreateTenderBodySchema = TenderContentSchema.meta({ id: 'TenderContent' });

/** Body of the update-draft request: any top-level field of the content, replaced whole. */
export const UpdateTenderBodySchema = z
  .object({
    title: z.string().trim().min(2).max(200),
    description: z.string().max(5000),
    purchasingUnitName: z.string().trim().min(2).max(200),
    tradeType: TradeTypeSchema,
    category: CategorySchema,
    method: MethodSchema,
    budgetFen: FenSchema,
    reservePriceFen: FenSchema,
    bidDepositFen: FenSchema.nullable().meta({
      description: 'The bid deposit in 分; null: none is required',
    }),
    qualifications: z.array(z.string().trim().min(1).max(500)).max(50),
    sme: SmePolicySchema,
    evaluation: EvaluationSchema,
    timeline: TimelineSchema,
    transfer: TransferTermsSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'TenderUpdate' });

/** A tender document (招标文件) declared by hash and uploaded to S3. */
export const TenderDocumentSchema = z
  .object({
    id: IdSchema,
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    status: z.enum(['pending', 'verified']),
    declaredAt: InstantSchema,
    verifiedAt: InstantSchema.optional(),
    /** The S3 object version pinned when the document was verified (only in a versioned bucket). */
    versionId: z.string().optional(),
    /** Whether the document is part of the tender (pending additions join on publish or correction). */
    active: z.boolean(),
  })
  .meta({ id: 'TenderDocument' });

/** Body of the declare-document request. */
export const AddDocumentBodySchema = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((name) => !/[/\\]/.test(name) && ![...name].some((c) => c.charCodeAt(0) < 0x20), {
        error: '文件名不能含路径或控制字符 / no paths or control characters',
      }),
    contentType: z.string().trim().min(3).max(100).default('application/octet-stream'),
    size: z
      .number()
      .int()
      .min(1)
      .max(200 * 1024 * 1024, { error: '文件不能超过 200 MiB / documents are at most 200 MiB' }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, {
      error: 'sha256 须为 64 位小写十六进制 / sha256 must be 64 lowercase hex digits',
    }),
  })
  .strict()
  .meta({ id: 'AddDocument' });

/** The fields a correction may carry (87号令第27条: documents, criteria, timeline; never the subject). */
const CorrectionFieldsSchema = z.object({
  summary: z.string().trim().min(2).max(2000),
  bidDeadline: InstantSchema.optional(),
  documentsUntil: InstantSchema.optional(),
  evaluation: EvaluationSchema.optional(),
  description: z.string().max(5000).optional(),
  addDocumentIds: z.array(IdSchema).max(20).default([]),
  removeDocumentIds: z.array(IdSchema).max(20).default([]),
  affectsBidPreparation: z
    .boolean()
    .optional()
    .meta({ description: 'Defaults to true when documents or criteria change (87号令第27条)' }),
});

/**
 * A correction notice request (更正公告): a strict object; naming a subject or qualification field
 * is refused with its rule (87号令第27条), any other unknown field as unknown.
 *
 * Why a preprocess step: the strict object alone would call `title` merely unknown; the step reads
 * the body's own keys (so a JSON `"__proto__"` is seen too) before the strict parse.
 */
export const CorrectionBodySchema = z
  .preprocess(function refuseOtherFields(value, ctx) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const allowed = new Set(Object.keys(CorrectionFieldsSchema.shape));
    for (const key of Object.keys(value)) {
      if (allowed.has(key)) continue;
      const immutable = (CORRECTION_IMMUTABLE_FIELDS as readonly string[]).includes(key);
      ctx.addIssue({
        code: 'custom',
        path: [key],
        input: value,
        message: immutable
          ? `更正不得改变采购标的和资格条件（${CORRECTION_IMMUTABLE_RULE.citation}） / A correction may not change the subject or qualification conditions (${CORRECTION_IMMUTABLE_RULE.citation})`
          : `未知字段 / Unknown field`,
      });
    }
    return value;
  }, CorrectionFieldsSchema.strict())
  .meta({ id: 'Correction' });

/** Body of the cancel request. */
export const CancelBodySchema = z
  .object({ reason: z.string().trim().min(2).max(2000) })
  .strict()
  .meta({ id: 'Cancel' });

/** A tender as stored and as its owner sees it. */
export const TenderSchema = z
  .object({
    id: IdSchema,
    orgId: z.string(),
    createdBy: z.string(),
    status: StatusSchema,
    version: z.number().int().min(1),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
    publishedAt: InstantSchema.optional(),
    cancelledAt: InstantSchema.optional(),
    cancelReason: z.string().optional(),
    correctionCount: z.number().int().default(0),
    noticeCount: z.number().int().default(0),
    lastEventHash: z.string(),
    reportedAt: InstantSchema.optional().meta({ description: 'When the evaluation report was made' }),
    awardedAt: InstantSchema.optional(),
    completedAt: InstantSchema.optional(),
    lastAffectingCorrectionAt: InstantSchema.optional().meta({
      description:
        'Last correction that may affect bid preparation; bids confirmed before it must be re-confirmed',
    }),
    opening: z
      .object({
        decryptionEndsAt: InstantSchema,
        confirmationEndsAt: InstantSchema.optional(),
        recordPublishedAt: InstantSchema.optional(),
        validBidCount: z.number().int().optional(),
      })
      .optional(),
    documents: z.array(TenderDocumentSchema).default([]),
    auction: AuctionStateSchema.optional().meta({
      description: 'The quoting of a live listing or auction, from its publication (no bidder names)',
    }),
    content: TenderContentSchema,
  })
  .meta({ id: 'Tender' });

/** A tender's public view: published content and active, verified documents only. */
export const PublicTenderSchema = TenderSchema.omit({ createdBy: true, lastEventHash: true }).strict().meta({
  id: 'PublicTender',
});

/** Filters of the public tender list; all given filters must hold (`q`: a substring of the title). */
export const ListTendersQuerySchema = z.object({
  status: StatusSchema.exclude(['draft']).optional(),
  method: MethodSchema.optional(),
  category: CategorySchema.optional(),
  tradeType: TradeTypeSchema.optional(),
  q: TitleSearchSchema.optional(),
});

/** A stored tender. */
export type Tender = z.infer<typeof TenderSchema>;
/** The content of a tender. */
export type TenderContent = z.infer<typeof TenderContentSchema>;
/** A tender document. */
export type TenderDocument = z.infer<typeof TenderDocumentSchema>;
/** A draft update. */
export type TenderUpdate = z.infer<typeof UpdateTenderBodySchema>;
/** A correction request. */
export type Correction = z.infer<typeof CorrectionBodySchema>;
/** A lifecycle status. */
export type TenderStatusValue = z.infer<typeof StatusSchema>;
/** Public list filters. */
export type TenderFilters = z.infer<typeof ListTendersQuerySchema>;
