import * as z from 'zod';
import { DaySchema, IdSchema, InstantSchema, TenderPathSchema } from './common';

/** Text a party writes: trimmed, no control characters but line breaks and tabs. */
export function writtenText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, { error: `至少 ${min} 个字 / at least ${min} characters` })
    .max(max, { error: `至多 ${max} 个字 / at most ${max} characters` })
    .refine((text) => ![...text].some((c) => c.charCodeAt(0) < 0x20 && c !== '\n' && c !== '\t'), {
      error: '不能含控制字符 / no control characters',
    });
}

/** Body of a supplier's enquiry (询问, 政府采购法第五十一条). */
export const AskEnquiryBodySchema = z
  .object({
    question: writtenText(5, 2000).meta({ description: 'The question, 5–2,000 characters' }),
  })
  .strict()
  .meta({ id: 'AskEnquiry' });

/** Body of the purchasing unit's answer (答复, 实施条例第五十二条). */
export const AnswerEnquiryBodySchema = z
  .object({
    answer: writtenText(2, 5000).meta({ description: 'The answer, 2–5,000 characters' }),
    correctionNoticeId: IdSchema.optional().meta({
      description:
        'When the answer changes the tender documents: the id of the correction notice (更正公告) already issued for it (87号令第二十七条)',
    }),
  })
  .strict()
  .meta({ id: 'AnswerEnquiry' });

/** The path of one enquiry. */
export const EnquiryPathSchema = TenderPathSchema.extend({ enquiryId: IdSchema });

/** An answer as recorded. */
export const EnquiryAnswerSchema = z.object({
  text: z.string(),
  answeredAt: InstantSchema,
  /** The correction notice that carries a change of the documents, if the answer made one. */
  correctionNoticeId: IdSchema.nullable(),
  /** Whether it came after the answer period (实施条例第五十二条). */
  late: z.boolean(),
});

/** An enquiry as stored: the asker is kept for the centre alone. */
export const EnquirySchema = z.object({
  id: IdSchema,
  tenderId: IdSchema,
  question: z.string(),
  askedAt: InstantSchema,
  /** The last China-local day of the answer period. */
  answerDueOn: DaySchema,
  /** The end of that day, as an instant. */
  answerDueAt: InstantSchema,
  askerOrgId: z.string(),
  askerName: z.string(),
  answer: EnquiryAnswerSchema.nullable(),
  version: z.number().int().min(1),
});

/** What anyone sees of an enquiry: the question and its answer, never who asked (DESIGN.md §10). */
export const PublicEnquirySchema = z
  .object({
    id: IdSchema,
    question: z.string(),
    askedAt: InstantSchema,
    answerDueOn: DaySchema,
    answerDueAt: InstantSchema,
    status: z.enum(['pending', 'answered']),
    /** Unanswered after its period, or answered late, by the server's clock. */
    overdue: z.boolean(),
    answer: EnquiryAnswerSchema.nullable(),
  })
  .strict()
  .meta({ id: 'PublicEnquiry' });

/** The centre's view: the asker named (the centre alone may know it). */
export const RestrictedEnquirySchema = PublicEnquirySchema.extend({
  asker: z.object({ orgId: z.string(), name: z.string() }),
})
  .strict()
  .meta({ id: 'RestrictedEnquiry' });

/** Every enquiry of one tender, oldest first, with how many still wait for their answer. */
export function enquiryListOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Questions still waiting for their answer. */
    pending: z.number().int().min(0),
    /** Of those, past their answer period. */
    overdue: z.number().int().min(0),
  });
}

/** A stored enquiry. */
export type Enquiry = z.infer<typeof EnquirySchema>;
/** An enquiry as anyone sees it. */
export type PublicEnquiry = z.infer<typeof PublicEnquirySchema>;
/** An enquiry as the centre sees it. */
export type RestrictedEnquiry = z.infer<typeof RestrictedEnquirySchema>;
