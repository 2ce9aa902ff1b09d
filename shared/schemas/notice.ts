import * as z from 'zod';
import { IdSchema, InstantSchema, TitleSearchSchema } from './common';
import { CategorySchema, MethodSchema, TradeTypeSchema } from './tender';

/** Kinds of public notice; later issues add result, failure and contract notices. */
export const NOTICE_TYPES = [
  'procurement',
  'correction',
  'termination',
  'result',
  'failure',
  'contract',
] as const;

/** Chinese names of the notice kinds, as the feed shows them. */
export const NOTICE_TYPE_LABELS: Record<(typeof NOTICE_TYPES)[number], string> = {
  procurement: '采购公告',
  correction: '更正公告',
  termination: '终止公告',
  result: '中标（成交）结果公告',
  failure: '废标公告',
  contract: '合同公告',
};

/** A kind of notice. */
export const NoticeTypeSchema = z.enum(NOTICE_TYPES);

/** A public notice (公告) of a tender. */
export const NoticeSchema = z
  .object({
    id: IdSchema,
    tenderId: IdSchema,
    seq: z.number().int().min(1),
    type: NoticeTypeSchema,
    typeLabel: z.string(),
    title: z.string(),
    publishedAt: InstantSchema,
    purchasingUnitName: z.string(),
    tradeType: TradeTypeSchema,
    category: CategorySchema,
    method: MethodSchema,
    body: z.record(z.string(), z.unknown()).meta({ description: 'What the notice announces, by kind' }),
  })
  .strict()
  .meta({ id: 'Notice' });

/**
 * Filters of the notice feed; all given filters must hold.
 *
 * Why no `status`: a notice records what was announced, not where its tender stands now, and
 * joining every feed item to its tender would cost a read per item. A board of tenders by status
 * reads `GET /api/tenders?status=…`, which has its own index.
 */
export const ListNoticesQuerySchema = z.object({
  type: NoticeTypeSchema.optional(),
  method: MethodSchema.optional(),
  category: CategorySchema.optional(),
  tradeType: TradeTypeSchema.optional(),
  q: TitleSearchSchema.optional(),
});

/** A public notice. */
export type Notice = z.infer<typeof NoticeSchema>;
/** A kind of notice. */
export type NoticeType = z.infer<typeof NoticeTypeSchema>;
/** Notice feed filters. */
export type NoticeFilters = z.infer<typeof ListNoticesQuerySchema>;
