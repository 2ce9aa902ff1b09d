import * as z from 'zod';
import { DaySchema, IdSchema, InstantSchema } from './common';
import { EvaluationSchema, SmePolicySchema, TenderContentSchema, TimelineSchema } from './tender';
import { TimelineStepSchema } from './timeline';
import { TransferTermsSchema } from './transfer';

const content = TenderContentSchema.shape;

/**
 * A draft's content as a form holds it while it is typed: every field of {@link TenderContentSchema},
 * each optional (the SME policy, the evaluation and the timeline field by field), each value checked by
 * the very field schema the draft is saved with, and no field the content does not have.
 *
 * Why strict and per field: the dry run judges what is there, so a half-filled form can be checked, but
 * a value the draft could never hold (a 300-character title, a date without an offset) is still a 400.
 */
export const TenderDraftSchema = z
  .strictObject({
    title: content.title.optional(),
    description: z.string().max(5000).optional(),
    purchasingUnitName: content.purchasingUnitName.optional(),
    tradeType: content.tradeType.optional(),
    category: content.category.optional(),
    method: content.method.optional(),
    budgetFen: content.budgetFen,
    reservePriceFen: content.reservePriceFen,
    bidDepositFen: content.bidDepositFen,
    qualifications: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
    sme: SmePolicySchema.partial().optional(),
    evaluation: EvaluationSchema.partial().optional(),
    timeline: TimelineSchema.partial().optional(),
    transfer: TransferTermsSchema.optional(),
  })
  .meta({ id: 'TenderDraft' });

/**
 * Body of the dry run: a draft's content as typed, the id of one's own stored draft, or both (the
 * content then replaces the stored one, and the stored draft's documents are checked too).
 */
export const CheckTenderDraftBodySchema = z
  .strictObject({
    tenderId: IdSchema.optional().meta({
      description: "One's own draft: its stored content (unless `content` is given) and its documents",
    }),
    content: TenderDraftSchema.optional(),
  })
  .refine((body) => body.tenderId !== undefined || body.content !== undefined, {
    error: '须给出 tenderId 或 content / give tenderId, content or both',
  })
  .meta({ id: 'TenderDraftCheckRequest' });

/** The points of a timeline the rules bound, and the publication they may count from. */
const BoundPointSchema = z.enum(['documentsFrom', 'documentsUntil', 'bidDeadline']);

/** A rule of the rules table the draft breaks if published now, in both languages, with its citation. */
export const DraftViolationSchema = z
  .strictObject({
    rule: z.string().meta({ description: 'The rule id of the rules table, e.g. tender.min-bid-period' }),
    message_zh: z.string(),
    message_en: z.string(),
    citation: z.string().meta({ description: 'The legal citation, e.g. 政府采购法第三十五条' }),
    field: z
      .string()
      .optional()
      .meta({ description: 'Dotted path into the content, e.g. timeline.bidDeadline' }),
  })
  .meta({ id: 'DraftViolation' });

/** Something the draft does not say yet (or says invalidly as a whole) that a tender must. */
export const DraftMissingSchema = z
  .strictObject({
    field: z.string().meta({ description: 'Dotted path into the content, e.g. sme.reservedForSme' }),
    message_zh: z.string(),
    message_en: z.string(),
  })
  .meta({ id: 'DraftMissing' });

/** The earliest (or latest) legal day of one timeline point under one rule, counted on the server. */
export const TimelineBoundSchema = z
  .strictObject({
    key: BoundPointSchema,
    label: z.string().meta({ description: 'The point’s Chinese name, as the timeline shows it' }),
    date: DaySchema.meta({
      description:
        'Beijing date: the point may fall on it at any time, not before (earliest) or after (latest)',
    }),
    rule: z.string(),
    title_zh: z.string().meta({ description: 'What the rule says' }),
    title_en: z.string(),
    citation: z.string(),
    from: z
      .strictObject({
        key: z.enum(['publication', 'documentsFrom', 'documentsUntil', 'bidDeadline']),
        label: z.string(),
        date: DaySchema,
        planned: z.boolean().meta({
          description: 'Whether the start is the draft’s own date (or the publication), not its earliest day',
        }),
      })
      .meta({ description: 'Where the period is counted from (that day not counted, 87号令第八十五条)' }),
    count: z.number().int().min(0),
    unit: z.enum(['days', 'workingDays']),
    binding: z
      .boolean()
      .meta({ description: 'Whether this bound decides the point (the strictest of its rules)' }),
  })
  .meta({ id: 'TimelineBound' });

/** What publication would say of a draft now: broken rules, the legal dates, what is still missing. */
export const TenderDraftCheckSchema = z
  .strictObject({
    tenderId: IdSchema.nullable(),
    checkedAt: InstantSchema.meta({
      description: 'The server’s instant, taken as the publication instant of every check',
    }),
    today: DaySchema.meta({ description: 'The Beijing date of `checkedAt`' }),
    publishable: z.boolean().meta({
      description:
        'Complete, breaking no rule and (with tenderId) with a document: publishing now would pass these checks ' +
        '(publication also re-checks every uploaded document against its SHA-256)',
    }),
    missing: z.array(DraftMissingSchema),
    violations: z.array(DraftViolationSchema),
    earliest: z.array(TimelineBoundSchema),
    latest: z.array(TimelineBoundSchema),
    planned: z.array(TimelineStepSchema).meta({
      description: 'The draft’s own dates in order, with calendar and working days left from `checkedAt`',
    }),
  })
  .meta({ id: 'TenderDraftCheck' });

/** A draft's content as a form holds it. */
export type TenderDraft = z.infer<typeof TenderDraftSchema>;
/** The dry run's request. */
export type CheckTenderDraftBody = z.infer<typeof CheckTenderDraftBodySchema>;
/** The dry run's answer. */
export type TenderDraftCheck = z.infer<typeof TenderDraftCheckSchema>;
/** A rule a draft breaks. */
export type DraftViolation = z.infer<typeof DraftViolationSchema>;
/** A legal bound of a timeline point. */
export type TimelineBoundView = z.infer<typeof TimelineBoundSchema>;
