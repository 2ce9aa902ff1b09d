/**
 * The tender state machine of DESIGN.md section 2, as one declared transition table.
 *
 * Every state change goes through {@link nextStatus}, so a handler can never move a tender along an
 * edge the table does not list, and the table doubles as documentation for the API.
 */

import type { BilingualText } from './errors';
import { IllegalTransitionError } from './errors';

/** Every lifecycle status, in the order a tender normally passes through them. */
export const TENDER_STATUSES = [
  'draft',
  'tendering',
  'opening',
  'evaluating',
  'awarding',
  'awarded',
  'complete',
  'failed',
  'cancelled',
] as const;

/** A lifecycle status. */
export type TenderStatus = (typeof TENDER_STATUSES)[number];

/** Status labels in both languages, as shown on notices and lists. */
export const TENDER_STATUS_LABELS: Readonly<Record<TenderStatus, BilingualText>> = {
  draft: { zh: '草稿', en: 'Draft' },
  tendering: { zh: '招标中', en: 'Tendering' },
  opening: { zh: '开标中', en: 'Opening' },
  evaluating: { zh: '评审中', en: 'Evaluating' },
  awarding: { zh: '定标中', en: 'Awarding' },
  awarded: { zh: '已中标', en: 'Awarded' },
  complete: { zh: '已完成', en: 'Complete' },
  failed: { zh: '废标', en: 'Failed' },
  cancelled: { zh: '已终止', en: 'Cancelled' },
};

/** Every action that may change (or keep) a tender's status. */
export const LIFECYCLE_ACTIONS = [
  'update',
  'attachDocument',
  'publish',
  'correct',
  'cancel',
  'open',
  'publishOpeningRecord',
  'closeOpening',
  'failOpening',
  'recordEvaluationStep',
  'report',
  'failEvaluation',
  'award',
  'recordContract',
  'quote',
  'closeBidding',
  'concludeTransfer',
  'failTransfer',
  'supplierRight',
] as const;

/** A lifecycle action. */
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** Action labels in both languages, for audit logs and error messages. */
export const LIFECYCLE_ACTION_LABELS: Readonly<Record<LifecycleAction, BilingualText>> = {
  update: { zh: '修改草稿', en: 'Update draft' },
  attachDocument: { zh: '上传采购文件', en: 'Attach document' },
  publish: { zh: '发布采购公告', en: 'Publish' },
  correct: { zh: '发布更正公告', en: 'Correct' },
  cancel: { zh: '终止项目', en: 'Cancel' },
  open: { zh: '开标（投标截止）', en: 'Open (deadline reached)' },
  publishOpeningRecord: { zh: '公布开标记录', en: 'Publish the opening record' },
  closeOpening: { zh: '开标结束', en: 'Close opening' },
  failOpening: { zh: '开标废标', en: 'Fail at opening' },
  recordEvaluationStep: { zh: '记录评审环节', en: 'Record an evaluation step' },
  report: { zh: '提交评审报告', en: 'Submit evaluation report' },
  failEvaluation: { zh: '评审废标', en: 'Fail at evaluation' },
  award: { zh: '确定中标人', en: 'Award' },
  recordContract: { zh: '登记合同', en: 'Record contract' },
  quote: { zh: '报价', en: 'Quote' },
  closeBidding: { zh: '竞价结束（待公开底价）', en: 'Close bidding (reserve to be revealed)' },
  concludeTransfer: { zh: '确定竞得人', en: 'Conclude the transfer' },
  failTransfer: { zh: '流拍', en: 'Not sold' },
  supplierRight: { zh: '询问、质疑及其答复', en: 'Record an enquiry, a challenge or its answer' },
};

/**
 * The transition table: for each status, the actions allowed and the status each leads to.
 *
 * `failEvaluation` is allowed from `evaluating` (fewer than 3 qualified bids, 87号令第44条) and from
 * `awarding` (no qualified candidate left); `correct` keeps the tender in `tendering`. A live transfer
 * (DESIGN.md section 9) quotes in `tendering`, and ends there (no reserve: sold or not sold) or in
 * `awarding` while its sealed reserve waits to be revealed; which edges a tender may take is its
 * procedure's business (`procedures.ts`), checked by the use cases. `supplierRight` (a supplier's
 * enquiry or challenge, or its answer: 政府采购法第五十一、五十二条) keeps every published status: a supplier may ask about any
 * step, the result and a termination included.
 */
export const TENDER_TRANSITIONS: Readonly<
  Record<TenderStatus, Readonly<Partial<Record<LifecycleAction, TenderStatus>>>>
> = {
  draft: { update: 'draft', attachDocument: 'draft', publish: 'tendering', cancel: 'cancelled' },
  tendering: {
    attachDocument: 'tendering',
    correct: 'tendering',
    cancel: 'cancelled',
    open: 'opening',
    quote: 'tendering',
    closeBidding: 'awarding',
    concludeTransfer: 'awarded',
    failTransfer: 'failed',
    supplierRight: 'tendering',
  },
  opening: {
    publishOpeningRecord: 'opening',
    closeOpening: 'evaluating',
    failOpening: 'failed',
    supplierRight: 'opening',
  },
  evaluating: {
    recordEvaluationStep: 'evaluating',
    report: 'awarding',
    failEvaluation: 'failed',
    supplierRight: 'evaluating',
  },
  awarding: {
    award: 'awarded',
    failEvaluation: 'failed',
    concludeTransfer: 'awarded',
    failTransfer: 'failed',
    supplierRight: 'awarding',
  },
  awarded: { recordContract: 'complete', supplierRight: 'awarded' },
  complete: { supplierRight: 'complete' },
  failed: { supplierRight: 'failed' },
  cancelled: { supplierRight: 'cancelled' },
};

/**
 * The status a tender moves to when `action` is taken, or an {@link IllegalTransitionError} (409).
 *
 * Use cases call this before writing anything, so an illegal request changes nothing.
 */
export function nextStatus(status: TenderStatus, action: LifecycleAction): TenderStatus {
  // Own-property checks keep inherited names such as "constructor" from passing as states or actions.
  const row = Object.hasOwn(TENDER_TRANSITIONS, status) ? TENDER_TRANSITIONS[status] : undefined;
  const next = row && Object.hasOwn(row, action) ? row[action] : undefined;
  if (next === undefined) throw new IllegalTransitionError(status, action);
  return next;
}

/**
 * The actions allowed in a status, in table order.
 *
 * The UI shows only these buttons, and the API lists them next to the tender.
 */
export function allowedActions(status: TenderStatus): LifecycleAction[] {
  const row = Object.hasOwn(TENDER_TRANSITIONS, status) ? TENDER_TRANSITIONS[status] : {};
  return LIFECYCLE_ACTIONS.filter((action) => Object.hasOwn(row, action));
}

/**
 * Whether a status by itself implies the tender was published: every status but `draft` and `cancelled`.
 *
 * A cancelled tender may have been a never-published draft; use {@link isPubliclyVisible} for it.
 */
export function isPublic(status: TenderStatus): boolean {
  return status !== 'draft' && status !== 'cancelled';
}

/**
 * Whether the public may see the tender: published states, and cancelled tenders that were published.
 *
 * A draft cancelled before publication was never public and must stay invisible to other organisations.
 */
export function isPubliclyVisible(status: TenderStatus, publishedAt?: string): boolean {
  if (status === 'cancelled') return typeof publishedAt === 'string' && publishedAt.length > 0;
  return isPublic(status);
}
