import * as z from 'zod';
import { BidSchema } from './bid';
import { InstantSchema } from './common';
import { PublicTenderSchema } from './tender';

/** What a supplier may still have to do in a tender it registered for, in the order it comes. */
export const SUPPLIER_TODO_CODES = ['submit-bid', 'reconfirm', 'reveal', 'respond-opening', 'none'] as const;

/** A to-do code of a supplier in a tender. */
export type SupplierTodoCode = (typeof SUPPLIER_TODO_CODES)[number];

/** Chinese labels of the to-do codes, as the supplier's project list shows them. */
export const SUPPLIER_TODO_LABELS: Record<SupplierTodoCode, string> = {
  'submit-bid': '递交投标文件',
  reconfirm: '重新确认投标',
  reveal: '解密投标',
  'respond-opening': '确认开标记录',
  none: '暂无待办事项',
};

/** One thing a supplier still has to do, and by when (`until`, exclusive; null for `none`). */
export const SupplierTodoSchema = z
  .object({
    code: z.enum(SUPPLIER_TODO_CODES),
    label: z.string(),
    until: InstantSchema.nullable().meta({
      description: 'The instant the step closes (the action is refused from then on); null for none',
    }),
  })
  .strict()
  .meta({ id: 'SupplierTodo' });

/** The supplier's current (submitted) bid in a tender, in short. */
export const MyBidSummarySchema = BidSchema.pick({ id: true, status: true, submittedAt: true })
  .extend({
    needsReconfirmation: z.boolean(),
    revealedAt: InstantSchema.nullable().meta({
      description: 'When a reveal matched both commitments; null before (or without) one',
    }),
  })
  .strict()
  .meta({ id: 'MyBidSummary' });

/**
 * One tender of the supplier's own project list (我的项目): the tender's public view (the same shape
 * as `GET /api/tenders/{tenderId}`), when the supplier registered, its current bid and its to-dos.
 */
export const MySupplierTenderSchema = PublicTenderSchema.extend({
  registeredAt: InstantSchema,
  myBid: MyBidSummarySchema.nullable().meta({ description: 'The current submitted bid; null when none' }),
  todo: z.array(SupplierTodoSchema).min(1).meta({
    description: 'What is still to do, in order; exactly [{code: "none"}] when nothing is',
  }),
})
  .strict()
  .meta({ id: 'MySupplierTender' });

/** A to-do of a supplier. */
export type SupplierTodo = z.infer<typeof SupplierTodoSchema>;
/** A supplier's current bid, in short. */
export type MyBidSummary = z.infer<typeof MyBidSummarySchema>;
/** One tender of the supplier's project list. */
export type MySupplierTender = z.infer<typeof MySupplierTenderSchema>;
