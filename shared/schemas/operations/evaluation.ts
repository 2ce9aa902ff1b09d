import * as z from 'zod';
import {
  CollusionFindingBodySchema,
  CollusionSignsSchema,
  CollusionSignViewSchema,
  SignPathSchema,
} from '../collusion';
import { IdSchema, PageQuerySchema, pageOf, TenderPathSchema } from '../common';
import {
  CommitteeSchema,
  DeclarationBodySchema,
  DrawCommitteeBodySchema,
  EvaluationReportSchema,
  EvaluationSessionSchema,
  OutlierConfirmationBodySchema,
  ScoreSheetBodySchema,
  ScoreSheetSchema,
} from '../evaluation';
import {
  AssessmentBodySchema,
  AssessmentQuerySchema,
  CreateExpertBodySchema,
  ExpertSchema,
  ListExpertsQuerySchema,
  PenaltyOutcomeSchema,
  UpdateExpertBodySchema,
} from '../expert';

import type { OperationSchemas } from './common';

/** The path of one expert of the pool. */
const ExpertPathSchema = z.object({ expertId: IdSchema });

/** The committee as the purchasing unit sees it: sizes, statuses and digests, no names or staff. */
const PartyCommitteeViewSchema = CommitteeSchema.omit({
  members: true,
  reserves: true,
  drawnMembers: true,
  drawnReserves: true,
  excluded: true,
  outlierReview: true,
  collusionFindings: true,
  drawnBy: true,
})
  .extend({ members: z.array(z.object({ status: z.string(), fromReserve: z.boolean() }).strict()) })
  .strict();

/** Schemas of the operations of the expert pool, committees and the evaluation (context `evaluation` of the route table). */
export const EVALUATION_OPERATIONS = {
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
    query: AssessmentQuerySchema,
    body: AssessmentBodySchema,
    response: {
      status: 201,
      schema: z.object({
        assessment: z.record(z.string(), z.unknown()),
        expert: ExpertSchema,
        outcome: PenaltyOutcomeSchema,
        dryRun: z.boolean().meta({ description: 'true: nothing was recorded (200); false: recorded (201)' }),
      }),
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
    response: { status: 200, schema: EvaluationSessionSchema },
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
  getCollusionSigns: {
    params: TenderPathSchema,
    response: { status: 200, schema: CollusionSignsSchema },
  },
  recordCollusionFinding: {
    params: SignPathSchema,
    body: CollusionFindingBodySchema,
    response: { status: 200, schema: CollusionSignViewSchema },
  },
  getMyResult: {
    params: TenderPathSchema,
    response: { status: 200, schema: z.record(z.string(), z.unknown()) },
  },
} as const satisfies Record<string, OperationSchemas>;
