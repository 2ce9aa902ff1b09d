import * as z from 'zod';
import { DaySchema, IdSchema, InstantSchema, TenderPathSchema } from './common';
import { writtenText } from './enquiry';

/** What a challenge is about (94号令第十条). */
export const ChallengeSubjectSchema = z.enum(['documents', 'process', 'result']);

/** The step of the procedure a process challenge is about (实施条例第五十三条第二项). */
export const ChallengeStepSchema = z.enum(['opening', 'evaluation']);

/** How the purchasing unit decided (94号令第十六条). */
export const ChallengeOutcomeSchema = z.enum(['rejected', 'upheldNoEffect', 'upheld']);

/** What an upheld challenge that affects the result leads to (94号令第十六条第一、二项). */
export const ChallengeRemedySchema = z.enum(['amendDocuments', 'reEvaluate', 'reprocure']);

/** The challenger's contact details a challenge letter gives (94号令第十二条第一项). */
export const ChallengeContactSchema = z
  .object({
    name: writtenText(2, 50),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{7,20}$/, { error: '电话号码格式不正确 / not a phone number' }),
    address: writtenText(5, 200),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { error: '邮编须为 6 位数字 / a postcode is 6 digits' }),
  })
  .strict();

/** Body of a challenge letter (质疑函, 94号令第十二条); the project and the date are the platform's. */
export const FileChallengeBodySchema = z
  .object({
    subject: ChallengeSubjectSchema,
    step: ChallengeStepSchema.optional().meta({ description: 'Required when the subject is the process' }),
    matters: writtenText(10, 5000).meta({ description: '具体、明确的质疑事项和与质疑事项相关的请求' }),
    facts: writtenText(10, 5000).meta({ description: '事实依据' }),
    legalBasis: writtenText(2, 2000).meta({ description: '必要的法律依据' }),
    contact: ChallengeContactSchema,
  })
  .strict()
  .refine((body) => body.subject !== 'process' || body.step !== undefined, {
    path: ['step'],
    error: '对采购过程的质疑须说明所质疑的程序环节 / a process challenge names its step',
  })
  .meta({ id: 'FileChallenge' });

/** Body of the answer to a challenge (质疑答复, 94号令第十五条). */
export const AnswerChallengeBodySchema = z
  .object({
    outcome: ChallengeOutcomeSchema,
    reply: writtenText(10, 10_000).meta({ description: '质疑答复的具体内容、事实依据和法律依据' }),
    remedy: ChallengeRemedySchema.optional().meta({
      description: 'Required when the challenge is upheld and affects the result (94号令第十六条)',
    }),
    committeeAssisted: z
      .boolean()
      .default(false)
      .meta({ description: '原评标委员会协助答复 (94号令第十四条)' }),
  })
  .strict()
  .refine((body) => body.outcome !== 'upheld' || body.remedy !== undefined, {
    path: ['remedy'],
    error: '质疑成立且影响结果的，须说明处理方式（94号令第十六条） / an upheld challenge names its remedy',
  })
  .refine((body) => body.outcome === 'upheld' || body.remedy === undefined, {
    path: ['remedy'],
    error: '只有质疑成立且影响结果时才有处理方式 / only an upheld challenge has a remedy',
  })
  .meta({ id: 'AnswerChallenge' });

/** The path of one challenge. */
export const ChallengePathSchema = TenderPathSchema.extend({ challengeId: IdSchema });

/** The answer as recorded. */
export const ChallengeAnswerSchema = z.object({
  outcome: ChallengeOutcomeSchema,
  reply: z.string(),
  remedy: ChallengeRemedySchema.nullable(),
  committeeAssisted: z.boolean(),
  answeredAt: InstantSchema,
  /** 质疑答复人名称 (94号令第十五条第五项). */
  answeredBy: z.string(),
  /** Whether it came after the answer period (94号令第十三条). */
  late: z.boolean(),
});

/** A challenge as stored and as its parties read it. */
export const ChallengeSchema = z
  .object({
    id: IdSchema,
    tenderId: IdSchema,
    /** 质疑项目的名称 (the number is `tenderId`), 94号令第十二条第二项. */
    tenderTitle: z.string(),
    supplierOrgId: z.string(),
    supplierName: z.string(),
    subject: ChallengeSubjectSchema,
    step: ChallengeStepSchema.nullable(),
    matters: z.string(),
    facts: z.string(),
    legalBasis: z.string(),
    contact: ChallengeContactSchema,
    filedAt: InstantSchema,
    /** The last day the challenge could be filed, and what it was counted from (null: not running yet). */
    window: z.object({ startDay: DaySchema, basis: z.string(), lastDay: DaySchema }).nullable(),
    /** The last China-local day of the answer period, and its end as an instant. */
    answerDueOn: DaySchema,
    answerDueAt: InstantSchema,
    answer: ChallengeAnswerSchema.nullable(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Challenge' });

/** A challenge in a list, with whether it is past its answer period by the server's clock. */
export const ChallengeViewSchema = ChallengeSchema.extend({
  status: z.enum(['pending', 'answered']),
  overdue: z.boolean(),
  /** Whether it may still affect the result: unanswered, or upheld (实施条例第五十四条). */
  blocksContract: z.boolean(),
})
  .strict()
  .meta({ id: 'ChallengeView' });

/** The challenges of a tender the caller may read. */
export const ChallengeListSchema = z
  .object({
    items: z.array(ChallengeViewSchema),
    pending: z.number().int().min(0),
    overdue: z.number().int().min(0),
  })
  .strict();

/** A stored challenge. */
export type Challenge = z.infer<typeof ChallengeSchema>;
/** A challenge as its readers see it. */
export type ChallengeView = z.infer<typeof ChallengeViewSchema>;

/** One answer clock on the centre's board: an enquiry or a challenge still waiting for its answer. */
export const AnswerClockSchema = z
  .object({
    kind: z.enum(['enquiry', 'challenge']),
    id: IdSchema,
    tenderId: IdSchema,
    tenderTitle: z.string(),
    purchasingUnitName: z.string(),
    /** Who is waiting (the centre may know the asker). */
    supplierName: z.string(),
    /** The question, or the challenge's matters, cut to 120 characters. */
    summary: z.string(),
    receivedAt: InstantSchema,
    answerDueOn: DaySchema,
    answerDueAt: InstantSchema,
    overdue: z.boolean(),
    /** The article that sets the answer period. */
    citation: z.string(),
  })
  .strict()
  .meta({ id: 'AnswerClock' });

/** A page of the centre's answer clocks, earliest due first, with the overdue count across all. */
export const AnswerClockPageSchema = z
  .object({
    items: z.array(AnswerClockSchema),
    overdue: z.number().int().min(0),
    nextCursor: z.string().nullable(),
  })
  .strict();

/** An answer clock. */
export type AnswerClock = z.infer<typeof AnswerClockSchema>;
