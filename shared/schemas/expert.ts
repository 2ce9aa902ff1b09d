import * as z from 'zod';
import { DaySchema, IdSchema, InstantSchema } from './common';

/** A relation that forces recusal (实施条例第9条). */
export const ExpertRelationSchema = z
  .object({
    orgId: z.string().trim().min(1).max(64),
    kind: z.enum(['employment', 'directorship', 'control', 'kin']),
    until: DaySchema.optional().meta({ description: 'When it ended (YYYY-MM-DD); absent = ongoing' }),
  })
  .strict();

/** The status of an expert in the pool. */
export const ExpertStatusSchema = z.enum(['active', 'suspended', 'removed']);

/** A status change of an expert, kept forever. */
export const ExpertHistoryEntrySchema = z.object({
  at: InstantSchema,
  from: ExpertStatusSchema,
  to: ExpertStatusSchema,
  suspendedUntil: InstantSchema.optional(),
  reason: z.string(),
  rule: z.object({ id: z.string(), citation: z.string() }).optional(),
  assessmentTenderId: z.string().optional(),
  actor: z.string(),
});

/** Body of the create-expert request. */
export const CreateExpertBodySchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    userSub: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .meta({ description: 'The sign-in subject of the expert (token sub)' }),
    specialties: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
    region: z.string().trim().min(2).max(50),
    employerOrgId: z.string().trim().min(1).max(64),
    relations: z.array(ExpertRelationSchema).max(50).default([]),
  })
  .strict()
  .meta({ id: 'CreateExpert' });

/** Body of the update-expert request. */
export const UpdateExpertBodySchema = z
  .object({
    specialties: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
    region: z.string().trim().min(2).max(50),
    employerOrgId: z.string().trim().min(1).max(64),
    relations: z.array(ExpertRelationSchema).max(50),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateExpert' });

/** An expert of the pool (评审专家库). */
export const ExpertSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    userSub: z.string(),
    specialties: z.array(z.string()),
    region: z.string(),
    employerOrgId: z.string(),
    relations: z.array(ExpertRelationSchema),
    status: ExpertStatusSchema,
    suspendedUntil: InstantSchema.optional(),
    history: z.array(ExpertHistoryEntrySchema).default([]),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
    version: z.number().int().min(1),
  })
  .meta({ id: 'Expert' });

/** Filters of the pool list. */
export const ListExpertsQuerySchema = z.object({
  specialty: z.string().max(50).optional(),
  region: z.string().max(50).optional(),
  status: ExpertStatusSchema.optional(),
});

/** Body of a per-project assessment (一项目一考核). */
export const AssessmentBodySchema = z
  .object({
    tenderId: IdSchema,
    ratings: z
      .object({
        punctuality: z.number().int().min(1).max(5),
        professionalism: z.number().int().min(1).max(5),
        fairness: z.number().int().min(1).max(5),
      })
      .strict(),
    violations: z.array(z.string()).max(10).default([]),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'Assessment' });

/** Query of the assessment route: `dryRun=true` answers what the ladder would decide, writing nothing. */
export const AssessmentQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: decide and answer the would-be result without recording it (200)' }),
});

/** What the penalty ladder decided for one assessment, and where it leaves the expert. */
export const PenaltyOutcomeSchema = z
  .object({
    decision: z.enum(['none', 'warning', 'suspended', 'removed']),
    status: ExpertStatusSchema.meta({ description: 'The expert’s status after the assessment' }),
    suspendedUntil: InstantSchema.optional(),
    warningsIn12Months: z
      .number()
      .int()
      .min(0)
      .meta({ description: 'Warning-level assessments in the 12 months up to and including this one' }),
    rule: z
      .object({ id: z.string(), citation: z.string(), title: z.object({ zh: z.string(), en: z.string() }) })
      .optional()
      .meta({ description: 'The ladder row that decided, with what it says' }),
  })
  .meta({ id: 'PenaltyOutcome' });

/** An expert. */
export type Expert = z.infer<typeof ExpertSchema>;
/** A status change. */
export type ExpertHistoryEntry = z.infer<typeof ExpertHistoryEntrySchema>;
/** What the penalty ladder decided. */
export type PenaltyOutcome = z.infer<typeof PenaltyOutcomeSchema>;
