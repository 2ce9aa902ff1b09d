import * as z from 'zod';
import { DaySchema, IdSchema, InstantSchema } from './common';
import { StatusSchema } from './tender';

/** The steps a tender's timeline may show, in the order they normally come. */
export const TIMELINE_STEP_KEYS = [
  'published',
  'documentsFrom',
  'documentsUntil',
  'bidDeadline',
  'decryptionEnds',
  'openingRecordPublished',
  'confirmationEnds',
  'evaluationReported',
  'deemedAward',
  'awarded',
  'contractRecorded',
  'failed',
  'cancelled',
] as const;

/** A step of a tender's timeline. */
export type TimelineStepKey = (typeof TIMELINE_STEP_KEYS)[number];

/** Chinese labels of the timeline steps, as the tender page shows them. */
export const TIMELINE_STEP_LABELS: Record<TimelineStepKey, string> = {
  published: '发布采购公告',
  documentsFrom: '开始获取采购文件',
  documentsUntil: '采购文件获取截止',
  bidDeadline: '投标截止（开标）',
  decryptionEnds: '投标解密截止',
  openingRecordPublished: '公布开标记录',
  confirmationEnds: '开标记录确认截止',
  evaluationReported: '评审结束（评审报告）',
  deemedAward: '确认中标人期限（逾期视为确定第一候选人）',
  awarded: '确定中标（成交）人并公告结果',
  contractRecorded: '合同登记（合同公告）',
  failed: '废标',
  cancelled: '项目终止（终止公告）',
};

/** The steps a live listing or auction (DESIGN.md section 9) calls otherwise; it has no opening or evaluation. */
export const TRANSFER_TIMELINE_STEP_LABELS: Partial<Record<TimelineStepKey, string>> = {
  published: '发布出让公告',
  documentsFrom: '挂牌起始（开始接受报价）',
  documentsUntil: '竞买申请截止',
  bidDeadline: '挂牌截止（如转入限时竞价，以倒计时结束为准）',
  awarded: '成交（成交公告）',
  contractRecorded: '出让合同登记',
  failed: '流拍',
};

/** The steps an auction (拍卖) calls otherwise again: it counts down from its start. */
export const AUCTION_TIMELINE_STEP_LABELS: Partial<Record<TimelineStepKey, string>> = {
  documentsFrom: '出让文件公布',
  bidDeadline: '拍卖开始（限时竞价倒计时）',
};

/** Steps of the sealed-bid procedure a live transfer does not have. */
export const SEALED_ONLY_STEPS: readonly TimelineStepKey[] = [
  'decryptionEnds',
  'openingRecordPublished',
  'confirmationEnds',
  'evaluationReported',
  'deemedAward',
];

/** Why a step's working days could not be counted: a year without the official holiday schedule. */
export const WorkingDaysUnavailableSchema = z
  .object({
    rule: z.literal('calendar.official-schedule'),
    year: z.number().int(),
    message_zh: z.string(),
    message_en: z.string(),
  })
  .strict()
  .meta({ id: 'WorkingDaysUnavailable' });

/** One step of a tender's timeline, with the days left by the server's clock. */
export const TimelineStepSchema = z
  .object({
    key: z.enum(TIMELINE_STEP_KEYS),
    label: z.string(),
    at: InstantSchema,
    beijingDate: DaySchema.meta({ description: 'The date of `at` in Beijing (Asia/Shanghai)' }),
    passed: z.boolean().meta({ description: 'Whether `now` is at or after `at`' }),
    calendarDaysLeft: z.number().int().min(0).meta({
      description: 'Beijing dates from today (exclusive) to the step’s date (inclusive); 0 on or after it',
    }),
    workingDaysLeft: z
      .number()
      .int()
      .min(0)
      .nullable()
      .meta({
        description:
          'Working days strictly after today up to and including the step’s date, on the rules’ calendar; ' +
          '0 on or after it; null when a year in between has no official schedule (see workingDaysUnavailable)',
      }),
    workingDaysUnavailable: WorkingDaysUnavailableSchema.nullable(),
  })
  .strict()
  .meta({ id: 'TimelineStep' });

/** A published tender's timeline and the server's instant it was counted at. */
export const TenderTimelineSchema = z
  .object({
    tenderId: IdSchema,
    status: StatusSchema,
    now: InstantSchema.meta({
      description: 'The server’s instant: run countdowns against this, not the browser clock',
    }),
    today: DaySchema.meta({ description: 'The Beijing date of `now`' }),
    steps: z.array(TimelineStepSchema),
  })
  .strict()
  .meta({ id: 'TenderTimeline' });

/** A timeline step. */
export type TimelineStep = z.infer<typeof TimelineStepSchema>;
/** A tender's timeline. */
export type TenderTimeline = z.infer<typeof TenderTimelineSchema>;
