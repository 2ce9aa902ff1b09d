import dayjs, { type Dayjs } from 'dayjs';
import type * as z from 'zod';
import {
  type CategorySchema,
  CreateTenderBodySchema,
  type EvaluationMethodSchema,
  EvaluationSchema,
  type MethodSchema,
  SmePolicySchema,
  type TenderContent,
  TimelineSchema,
  type TradeTypeSchema,
} from '../../../../schemas/tender';
import { type TenderDraft, TenderDraftSchema } from '../../../../schemas/tender-checks';
import { type TransferTerms, TransferTermsSchema } from '../../../../schemas/transfer';
import { readYuan, showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';

/** A trade type, category, method or evaluation method, from the server's schemas. */
type TradeType = z.infer<typeof TradeTypeSchema>;
type Category = z.infer<typeof CategorySchema>;
type Method = z.infer<typeof MethodSchema>;
type EvaluationMethod = z.infer<typeof EvaluationMethodSchema>;

/** One scoring criterion as the form holds it while it is typed. */
export interface CriterionRow {
  name?: string;
  maxPoints?: number | null;
}

/**
 * The terms of a listing or auction as the form holds them: amounts as typed 元, the mining block's
 * corner points one "x, y" per line; the reserve's commitment only (sealed on the draft's page).
 */
export interface TransferFormValues {
  parcelNo?: string;
  location?: string;
  areaSquareMetres?: number | null;
  use?: string;
  termYears?: number | null;
  planning?: string;
  blockName?: string;
  mineral?: string;
  coordinates?: string;
  areaSquareKilometres?: number | null;
  startPriceYuan?: string;
  incrementYuan?: string;
  depositYuan?: string;
  reserveCommitment?: string;
}

/**
 * The draft form's values: the content's fields as the inputs hold them (amounts as typed 元 text,
 * instants as pickers' dates on Beijing wall-clock time).
 */
export interface TenderFormValues {
  title?: string;
  purchasingUnitName?: string;
  description?: string;
  tradeType?: TradeType;
  category?: Category;
  method?: Method;
  budgetYuan?: string;
  /** The bid deposit the documents require, in 元 as typed; empty: none. */
  bidDepositYuan?: string;
  qualifications?: (string | undefined)[];
  reservedForSme?: boolean;
  priceDeductionPercent?: number | null;
  consortiumDeductionPercent?: number | null;
  notReservedReason?: string;
  evaluationMethod?: EvaluationMethod;
  priceWeightPercent?: number | null;
  criteria?: (CriterionRow | undefined)[];
  documentsFrom?: Dayjs | null;
  documentsUntil?: Dayjs | null;
  bidDeadline?: Dayjs | null;
  decryptionWindowMinutes?: number | null;
  confirmationWindowMinutes?: number | null;
  transfer?: TransferFormValues;
}

/** The form of a new draft: government procurement by open tender, comprehensive scoring. */
export const NEW_TENDER_VALUES: TenderFormValues = {
  tradeType: 'governmentProcurement',
  method: 'openTender',
  qualifications: ['具有独立承担民事责任的能力', '参加政府采购活动前三年内，在经营活动中没有重大违法记录'],
  evaluationMethod: 'comprehensive',
  criteria: [{ name: '技术方案', maxPoints: undefined }],
  decryptionWindowMinutes: 30,
  confirmationWindowMinutes: 60,
};

/** An instant as a picker's date: the Beijing wall-clock time, whatever the browser's zone. */
export function toPickerDate(iso: string): Dayjs {
  return dayjs(showBeijing(iso), 'YYYY-MM-DD HH:mm');
}

/** A picker's date (Beijing wall-clock time) as an ISO instant with the +08:00 offset. */
export function fromPickerDate(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** 09:30 Beijing time on a Beijing date, as a picker's date. */
export function morningOf(day: string): Dayjs {
  return dayjs(`${day} 09:30`, 'YYYY-MM-DD HH:mm');
}

/** Keeps a value only if the schema accepts it. */
function accepted<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Sets `key` on `target` when the value is defined. */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** A typed amount in 元 as exact 分, or undefined when it is empty or unreadable. */
export function fenOf(text: string | undefined): number | undefined {
  if (!text?.trim()) return undefined;
  const reading = readYuan(text);
  return reading.ok ? reading.fen : undefined;
}

/** "x, y" per line as corner points; lines that are not two numbers are left out. */
export function readCoordinates(text: string | undefined): { x: number; y: number }[] {
  return (text ?? '').split('\n').flatMap((line) => {
    const parts = line
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number);
    return parts.length === 2 && parts.every(Number.isFinite)
      ? [{ x: parts[0] as number, y: parts[1] as number }]
      : [];
  });
}

/** The transfer terms the form holds, when they make whole terms for the trade type (else undefined). */
export function toTransferTerms(
  tradeType: TradeType | undefined,
  values: TransferFormValues | undefined,
): TransferTerms | undefined {
  if (!values || (tradeType !== 'landUseRights' && tradeType !== 'miningRights')) return undefined;
  const subject =
    tradeType === 'landUseRights'
      ? {
          kind: 'land' as const,
          parcelNo: values.parcelNo,
          location: values.location,
          areaSquareMetres: values.areaSquareMetres,
          use: values.use,
          termYears: values.termYears,
          planning: values.planning ?? '',
        }
      : {
          kind: 'mining' as const,
          blockName: values.blockName,
          mineral: values.mineral,
          coordinates: readCoordinates(values.coordinates),
          areaSquareKilometres: values.areaSquareKilometres,
          termYears: values.termYears,
        };
  return accepted(TransferTermsSchema, {
    subject,
    startPriceFen: fenOf(values.startPriceYuan),
    incrementFen: fenOf(values.incrementYuan),
    depositFen: fenOf(values.depositYuan),
    ...(values.reserveCommitment ? { reserveCommitment: values.reserveCommitment } : {}),
    bidding: {},
  });
}

/** The form's values of stored transfer terms. */
function toTransferValues(terms: TransferTerms): TransferFormValues {
  const yuan = (fen: number) => showYuan(fen).replace(/[ 元,]/g, '');
  const subject = terms.subject;
  return {
    ...(subject.kind === 'land'
      ? {
          parcelNo: subject.parcelNo,
          location: subject.location,
          areaSquareMetres: subject.areaSquareMetres,
          use: subject.use,
          termYears: subject.termYears,
          planning: subject.planning,
        }
      : {
          blockName: subject.blockName,
          mineral: subject.mineral,
          coordinates: subject.coordinates.map((p) => `${p.x}, ${p.y}`).join('\n'),
          areaSquareKilometres: subject.areaSquareKilometres,
          termYears: subject.termYears,
        }),
    startPriceYuan: yuan(terms.startPriceFen),
    incrementYuan: yuan(terms.incrementFen),
    depositYuan: yuan(terms.depositFen),
    ...(terms.reserveCommitment ? { reserveCommitment: terms.reserveCommitment } : {}),
  };
}

/**
 * The draft as the dry run reads it: every field the form holds that its own schema accepts, nothing
 * else — so a half-typed form is checked on what it already says and the request is never refused.
 */
export function toDraft(values: TenderFormValues): TenderDraft {
  const shape = TenderDraftSchema.shape;
  const draft: TenderDraft = {};
  put(draft, 'title', accepted(shape.title, values.title));
  put(draft, 'purchasingUnitName', accepted(shape.purchasingUnitName, values.purchasingUnitName));
  put(draft, 'description', accepted(shape.description, values.description));
  put(draft, 'tradeType', accepted(shape.tradeType, values.tradeType));
  put(draft, 'category', accepted(shape.category, values.category));
  put(draft, 'method', accepted(shape.method, values.method));
  if (values.tradeType === 'governmentProcurement') {
    put(draft, 'budgetFen', fenOf(values.budgetYuan));
    if (values.bidDepositYuan?.trim()) put(draft, 'bidDepositFen', fenOf(values.bidDepositYuan));
  }
  put(draft, 'transfer', toTransferTerms(values.tradeType, values.transfer));
  const qualifications = (values.qualifications ?? []).filter((q): q is string => Boolean(q?.trim()));
  put(draft, 'qualifications', accepted(shape.qualifications, qualifications));

  const smeShape = SmePolicySchema.shape;
  const sme: NonNullable<TenderDraft['sme']> = {};
  put(sme, 'reservedForSme', accepted(smeShape.reservedForSme, values.reservedForSme));
  if (values.reservedForSme === false) {
    put(sme, 'priceDeductionPercent', accepted(smeShape.priceDeductionPercent, values.priceDeductionPercent));
    put(
      sme,
      'consortiumDeductionPercent',
      accepted(smeShape.consortiumDeductionPercent, values.consortiumDeductionPercent),
    );
    put(sme, 'notReservedReason', accepted(smeShape.notReservedReason, values.notReservedReason));
  }
  if (Object.keys(sme).length > 0) draft.sme = sme;

  const evaluationShape = EvaluationSchema.shape;
  const evaluation: NonNullable<TenderDraft['evaluation']> = {};
  put(evaluation, 'method', accepted(evaluationShape.method, values.evaluationMethod));
  if (values.evaluationMethod === 'comprehensive') {
    put(
      evaluation,
      'priceWeightPercent',
      accepted(evaluationShape.priceWeightPercent, values.priceWeightPercent),
    );
    const rows = (values.criteria ?? []).flatMap((row) =>
      row?.name?.trim() && typeof row.maxPoints === 'number'
        ? [{ name: row.name, maxPoints: row.maxPoints }]
        : [],
    );
    put(evaluation, 'criteria', accepted(evaluationShape.criteria, rows));
  } else if (evaluation.method) {
    evaluation.criteria = [];
  }
  if (Object.keys(evaluation).length > 0) draft.evaluation = evaluation;

  const timelineShape = TimelineSchema.shape;
  const timeline: NonNullable<TenderDraft['timeline']> = {};
  for (const key of ['documentsFrom', 'documentsUntil', 'bidDeadline'] as const) {
    const value = values[key];
    if (value?.isValid()) put(timeline, key, accepted(timelineShape[key], fromPickerDate(value)));
  }
  put(
    timeline,
    'decryptionWindowMinutes',
    accepted(timelineShape.decryptionWindowMinutes, values.decryptionWindowMinutes),
  );
  put(
    timeline,
    'confirmationWindowMinutes',
    accepted(timelineShape.confirmationWindowMinutes, values.confirmationWindowMinutes),
  );
  draft.timeline = timeline;
  // The whole must pass as well (each part did); should it not, the dry run is sent the parts that do.
  const whole = TenderDraftSchema.safeParse(draft);
  return whole.success ? whole.data : {};
}

/** The draft as a tender's content, or the Chinese reasons it is not one yet. */
export function toContent(
  values: TenderFormValues,
): { ok: true; content: TenderContent } | { ok: false; problems: string[] } {
  const parsed = CreateTenderBodySchema.safeParse(toDraft(values));
  if (parsed.success) return { ok: true, content: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.');
      return `${FIELD_NAMES[field] ?? field}：${issue.message.split(' / ')[0]}`;
    }),
  };
}

/** The form's values of a stored draft. */
export function toFormValues(content: TenderContent): TenderFormValues {
  return {
    title: content.title,
    purchasingUnitName: content.purchasingUnitName,
    description: content.description,
    tradeType: content.tradeType,
    category: content.category,
    method: content.method,
    budgetYuan:
      content.budgetFen === undefined ? undefined : showYuan(content.budgetFen).replace(/[ 元,]/g, ''),
    bidDepositYuan:
      content.bidDepositFen === undefined
        ? undefined
        : showYuan(content.bidDepositFen).replace(/[ 元,]/g, ''),
    qualifications: content.qualifications,
    reservedForSme: content.sme.reservedForSme,
    priceDeductionPercent: content.sme.priceDeductionPercent ?? null,
    consortiumDeductionPercent: content.sme.consortiumDeductionPercent ?? null,
    notReservedReason: content.sme.notReservedReason,
    evaluationMethod: content.evaluation.method,
    priceWeightPercent: content.evaluation.priceWeightPercent ?? null,
    criteria: content.evaluation.criteria,
    documentsFrom: toPickerDate(content.timeline.documentsFrom),
    documentsUntil: toPickerDate(content.timeline.documentsUntil),
    bidDeadline: toPickerDate(content.timeline.bidDeadline),
    decryptionWindowMinutes: content.timeline.decryptionWindowMinutes,
    confirmationWindowMinutes: content.timeline.confirmationWindowMinutes,
    ...(content.transfer ? { transfer: toTransferValues(content.transfer) } : {}),
  };
}

/** The Chinese names of the content's fields, for messages. */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  title: '项目名称',
  purchasingUnitName: '采购单位',
  description: '项目概况',
  tradeType: '交易类型',
  category: '品目类别',
  method: '采购方式',
  budgetFen: '预算金额',
  bidDepositFen: '投标保证金',
  transfer: '出让条件',
  qualifications: '资格条件',
  sme: '中小企业政策',
  'sme.reservedForSme': '是否专门面向中小企业',
  'sme.priceDeductionPercent': '小微企业价格扣除',
  'sme.consortiumDeductionPercent': '联合体或分包价格扣除',
  'sme.notReservedReason': '不预留的理由',
  evaluation: '评审办法',
  'evaluation.method': '评审方法',
  'evaluation.priceWeightPercent': '价格分值比重',
  'evaluation.criteria': '评审因素',
  timeline: '时间安排',
  'timeline.documentsFrom': '采购文件获取开始时间',
  'timeline.documentsUntil': '采购文件获取截止时间',
  'timeline.bidDeadline': '投标截止（开标）时间',
  documents: '采购文件',
};

/** The form's steps, and which fields of the content each holds. */
export const FORM_STEPS = [
  {
    key: 'basics',
    title: '基本信息',
    fields: [
      'title',
      'purchasingUnitName',
      'description',
      'tradeType',
      'category',
      'method',
      'budgetFen',
      'bidDepositFen',
      'transfer',
    ],
  },
  { key: 'qualifications', title: '资格条件', fields: ['qualifications'] },
  { key: 'sme', title: '中小企业政策', fields: ['sme'] },
  { key: 'evaluation', title: '评审办法', fields: ['evaluation'] },
  { key: 'timeline', title: '时间安排', fields: ['timeline', 'documents'] },
] as const;

/** The index of the step that holds a field path (`timeline.bidDeadline` → the timeline step). */
export function stepOfField(field: string | undefined): number {
  if (!field) return FORM_STEPS.length - 1;
  const index = FORM_STEPS.findIndex((step) =>
    (step.fields as readonly string[]).some((f) => field === f || field.startsWith(`${f}.`)),
  );
  return index < 0 ? FORM_STEPS.length - 1 : index;
}

/** The running sum of comprehensive scoring: price weight plus every criterion's points typed so far. */
export function sumPoints(values: Pick<TenderFormValues, 'priceWeightPercent' | 'criteria'>): number {
  const weight = typeof values.priceWeightPercent === 'number' ? values.priceWeightPercent : 0;
  return (values.criteria ?? []).reduce(
    (sum, row) => sum + (typeof row?.maxPoints === 'number' ? row.maxPoints : 0),
    weight,
  );
}
