import * as z from 'zod';
import { CollusionFindingSchema } from './collusion';
import { FenSchema, hundredthsUpTo100, IdSchema, InstantSchema } from './common';
import { SupplierScaleSchema } from './supplier';
import { EvaluationMethodSchema, StatusSchema } from './tender';

const Hex64 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: '须为 64 位小写十六进制 / must be 64 lowercase hex digits' });

/** Body of the committee draw. */
export const DrawCommitteeBodySchema = z
  .object({
    size: z.number().int().min(3).max(21),
    reserveSize: z.number().int().min(0).max(10).default(2),
    specialties: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
    regions: z.array(z.string().trim().min(2).max(50)).max(50).optional(),
  })
  .strict()
  .meta({ id: 'DrawCommittee' });

/**
 * The committee a tender's method, category and budget require (87号令第47条, 74号令第7条), as the
 * committee GET's 404 body carries it before the draw.
 *
 * Why there: centre staff must see the required size before they draw, and the rules table lives on
 * the server; the 404 is the read they make anyway to learn that no committee exists yet.
 */
export const CommitteeRequirementSchema = z
  .object({
    minSize: z.number().int().min(1).meta({ description: 'Fewest members' }),
    odd: z.boolean().meta({ description: 'Whether the number of members must be odd (单数)' }),
    minExperts: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'Fewest experts a committee of minSize members needs (two thirds, rounded up)' }),
    rule: z.object({ id: z.string(), citation: z.string() }),
    title: z.object({ zh: z.string(), en: z.string() }).meta({ description: 'What the rule says' }),
  })
  .strict()
  .meta({ id: 'CommitteeRequirement' });

/** A member's place in the committee. */
export const MEMBER_STATUSES = ['drawn', 'declared', 'recused', 'submitted'] as const;

/** A member's score far from the others' on a criterion (more than 30% of its points from the median). */
export const OutlierSchema = z.object({
  memberId: z.string(),
  bidId: z.string(),
  criterionId: z.string(),
  points: z.string(),
  median: z.string(),
});

/** A committee member. */
export const CommitteeMemberSchema = z.object({
  expertId: IdSchema,
  userSub: z.string(),
  name: z.string(),
  region: z.string(),
  status: z.enum(MEMBER_STATUSES),
  fromReserve: z.boolean(),
  declaredAt: InstantSchema.optional(),
  recusedAt: InstantSchema.optional(),
  recusalReason: z.string().optional(),
  replacedBy: IdSchema.optional(),
  submittedAt: InstantSchema.optional(),
});

/** The evaluation committee (评标委员会) of a tender, with the recorded draw. */
export const CommitteeSchema = z
  .object({
    tenderId: IdSchema,
    seed: Hex64,
    snapshot: z.object({ eligibleIds: z.array(IdSchema), digest: Hex64 }),
    criteria: z.object({ specialties: z.array(z.string()), regions: z.array(z.string()).optional() }),
    size: z.number().int(),
    reserveSize: z.number().int(),
    drawnMembers: z.array(IdSchema),
    drawnReserves: z.array(IdSchema),
    members: z.array(CommitteeMemberSchema),
    reserves: z.array(IdSchema),
    excluded: z.array(z.object({ expertId: IdSchema, reason: z.string() })),
    rule: z.object({ id: z.string(), citation: z.string() }),
    drawnAt: InstantSchema,
    drawnBy: z.string(),
    outlierReview: z
      .object({
        flagged: z.array(OutlierSchema),
        confirmations: z.array(z.object({ expertId: IdSchema, at: InstantSchema, note: z.string() })),
      })
      .optional()
      .meta({ description: 'Outlier scores the members who gave them must confirm before the report' }),
    collusionFindings: z.array(CollusionFindingSchema).optional().meta({
      description:
        'Each member’s finding on each collusion sign (87号令第三十七条); a majority of the seats decides (第六十一条)',
    }),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Committee' });

/** Body of the conflict-of-interest declaration (回避声明). */
export const DeclarationBodySchema = z
  .object({ conflict: z.boolean(), detail: z.string().trim().min(2).max(2000).optional() })
  .strict()
  .refine((value) => !value.conflict || value.detail !== undefined, {
    path: ['detail'],
    error: '声明需回避时须说明情况 / a declared conflict needs a detail',
  })
  .meta({ id: 'Declaration' });

/**
 * Points on one criterion: 0–100 in exact hundredths (38.55 yes, 38.555 no).
 *
 * Why here: a value with more decimals is malformed input, a 400 at its own path; whether it exceeds
 * the criterion's points depends on the tender and is the use case's 422.
 */
const PointsSchema = hundredthsUpTo100({ zh: '分值', en: 'points' });

/** Points per bid per criterion id (`c1`, `c2`, … in the order of the tender's criteria). */
const ScoresSchema = z.record(IdSchema, z.record(z.string().regex(/^c\d{1,2}$/), PointsSchema));

/** Body of an outlier confirmation. */
export const OutlierConfirmationBodySchema = z
  .object({ note: z.string().trim().min(2).max(2000) })
  .strict()
  .meta({ id: 'OutlierConfirmation' });

/** Body of a score-sheet save. */
export const ScoreSheetBodySchema = z
  .object({
    scores: ScoresSchema,
    disqualify: z
      .record(IdSchema, z.string().trim().min(2).max(500))
      .default({})
      .meta({ description: 'Bids the member finds not qualified (资格性/符合性审查), with the reason' }),
  })
  .strict()
  .meta({ id: 'ScoreSheetInput' });

/** A member's score sheet. */
export const ScoreSheetSchema = z
  .object({
    tenderId: IdSchema,
    expertId: IdSchema,
    scores: ScoresSchema,
    disqualify: z.record(IdSchema, z.string()),
    status: z.enum(['draft', 'submitted']),
    savedAt: InstantSchema,
    submittedAt: InstantSchema.optional(),
    digest: Hex64.optional(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'ScoreSheet' });

/**
 * A member's remote session (远程异地评审): the tender, its valid bids (prices, revealed keys and
 * sealed documents only once the member has declared no conflict), the criteria, the member's own
 * sheet and the member's own flagged outliers — never another member's sheet.
 */
export const EvaluationSessionSchema = z
  .object({
    tenderId: IdSchema,
    title: z.string(),
    status: StatusSchema,
    method: EvaluationMethodSchema,
    priceWeightPercent: z.number(),
    criteria: z.array(z.object({ id: z.string(), name: z.string(), maxPoints: z.number().int() })),
    smallMicroDeductionPercent: z.number(),
    seat: z.object({ expertId: IdSchema, status: z.enum(MEMBER_STATUSES) }),
    bids: z.array(
      z.object({
        bidId: IdSchema,
        supplierName: z.string(),
        supplierOrgId: z.string(),
        supplierScale: SupplierScaleSchema,
        priceFen: FenSchema.nullable().optional(),
        keyHex: Hex64.nullable().optional(),
        documents: z
          .array(z.object({ id: IdSchema, fileName: z.string(), sha256: Hex64, size: z.number().int() }))
          .optional(),
      }),
    ),
    sheet: ScoreSheetSchema.nullable(),
    outliers: z
      .array(OutlierSchema.omit({ memberId: true }))
      .meta({ description: 'The member’s own scores flagged as outliers, once every sheet is locked' }),
    outliersConfirmedAt: InstantSchema.nullable(),
  })
  .meta({ id: 'EvaluationSession' });

/** One bid's line of the scoring result. */
export const ScoredBidSchema = z.object({
  bidId: IdSchema,
  supplierName: z.string(),
  priceFen: FenSchema,
  dealPriceFen: FenSchema,
  evaluatedPriceFen: z.string(),
  deductionApplied: z.boolean(),
  priceScore: z.string().nullable(),
  criteriaScores: z.record(z.string(), z.string()),
  total: z.string().nullable(),
  rank: z.number().int(),
  tied: z.boolean(),
});

/** The evaluation report (评标报告, 87号令第58条). */
export const EvaluationReportSchema = z
  .object({
    tenderId: IdSchema,
    method: z.string(),
    createdAt: InstantSchema,
    members: z.array(z.object({ expertId: IdSchema, name: z.string(), status: z.string() })),
    sheets: z.array(ScoreSheetSchema),
    invalidBids: z.array(z.object({ bidId: IdSchema, supplierName: z.string(), reason: z.string() })),
    base: z.string().nullable(),
    ranking: z.array(ScoredBidSchema.extend({ supplierOrgId: z.string(), supplierScale: z.string() })),
    candidates: z.array(IdSchema),
    outliers: z.array(
      OutlierSchema.extend({ confirmedAt: InstantSchema.optional(), note: z.string().optional() }),
    ),
    failed: z.boolean(),
    failureReason: z.string().nullable(),
  })
  .meta({ id: 'EvaluationReport' });

/** The committee a tender requires. */
export type CommitteeRequirement = z.infer<typeof CommitteeRequirementSchema>;
/** A committee. */
export type Committee = z.infer<typeof CommitteeSchema>;
/** A committee member. */
export type CommitteeMember = z.infer<typeof CommitteeMemberSchema>;
/** A member's remote session. */
export type EvaluationSession = z.infer<typeof EvaluationSessionSchema>;
/** A score sheet. */
export type ScoreSheet = z.infer<typeof ScoreSheetSchema>;
/** The evaluation report. */
export type EvaluationReport = z.infer<typeof EvaluationReportSchema>;
