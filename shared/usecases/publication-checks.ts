import { chinaDate, isMissingCalendarYear, PACKAGE_CALENDAR, type WorkingCalendar } from '../domain/calendar';
import { AppError, type BilingualText, type FieldIssue } from '../domain/errors';
import { nextStatus } from '../domain/lifecycle';
import {
  type DraftRulesInput,
  planTimelineBounds,
  type TenderRulesInput,
  type TimelineBound,
  type TimelineBounds,
  validateDraftPublication,
  validatePublication,
} from '../domain/rules';
import type { Deps } from '../ports/deps';
import { type Tender, TenderContentSchema } from '../schemas/tender';
import type {
  CheckTenderDraftBody,
  DraftViolation,
  TenderDraft,
  TenderDraftCheck,
  TimelineBoundView,
} from '../schemas/tender-checks';
import { TIMELINE_STEP_LABELS, type TimelineStep, type TimelineStepKey } from '../schemas/timeline';
import { splitBilingual } from '../schemas/zod-config';
import { countOnCalendar, loadWorkingCalendar } from './calendar';
import { type Caller, loadOwnTender } from './tender-change';
import { countDaysLeft } from './timeline';

/** Why publication refuses a draft without a document; the dry run says the same. */
export const DOCUMENTS_REQUIRED: BilingualText = {
  zh: '发布前须上传至少一份招标（采购）文件',
  en: 'Upload at least one tender document before publishing',
};

/** The problem type (and the dry run's rule id) of a draft without a document. */
export const DOCUMENTS_REQUIRED_RULE = 'documents-required';

/**
 * Every publication rule a complete tender breaks if published at `at`, counted on the working-day
 * calendar (the package's years, and the loaded ones when a period reaches past them).
 *
 * Why one function for publication and the dry run: the form must be told exactly what publishing
 * will refuse, so both go through here (the dry run in its draft mode, {@link findDraftViolations}).
 */
export async function findPublicationViolations(
  deps: Deps,
  content: TenderRulesInput,
  at: Date,
): Promise<FieldIssue[]> {
  return countOnCalendar(deps, (calendar) => validatePublication(content, at, calendar));
}

/**
 * The same check on a draft that may still be incomplete: each rule judged on what the draft says
 * (see validateDraftPublication); for a complete draft the answer equals {@link findPublicationViolations}.
 */
export async function findDraftViolations(
  deps: Deps,
  draft: DraftRulesInput,
  at: Date,
): Promise<FieldIssue[]> {
  return countOnCalendar(deps, (calendar) => validateDraftPublication(draft, at, calendar));
}

/** Whether a tender has a document that publication would put out. */
export function hasActiveDocument(tender: Pick<Tender, 'documents'>): boolean {
  return tender.documents.some((doc) => doc.active);
}

/** Input of {@link checkTenderDraft}. */
export interface CheckTenderDraftInput {
  /** The purchasing unit's signed-in user. */
  caller: Caller;
  /** The draft as typed, one's own stored draft, or both. */
  body: CheckTenderDraftBody;
}

/** The Chinese names of the content's fields, for what a draft still lacks. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: '项目名称',
  purchasingUnitName: '采购单位',
  tradeType: '交易类型',
  category: '品目类别',
  method: '采购方式',
  budgetFen: '预算金额',
  reservePriceFen: '底价',
  bidDepositFen: '投标保证金',
  transfer: '出让条件',
  sme: '中小企业政策',
  'sme.reservedForSme': '是否专门面向中小企业',
  evaluation: '评审办法',
  'evaluation.method': '评审方法',
  timeline: '时间安排',
  'timeline.documentsFrom': '采购文件获取开始时间',
  'timeline.documentsUntil': '采购文件获取截止时间',
  'timeline.bidDeadline': '投标截止（开标）时间',
};

/** Reads the value at a dotted path of a draft, or undefined. */
function valueAt(draft: TenderDraft, path: (string | number)[]): unknown {
  let value: unknown = draft;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** What the draft must still say to be a tender's content: the content schema's issues, readable. */
function findMissing(draft: TenderDraft): TenderDraftCheck['missing'] {
  const parsed = TenderContentSchema.safeParse(draft);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const label = FIELD_LABELS[field] ?? field;
    if (valueAt(draft, issue.path as (string | number)[]) === undefined && issue.code === 'invalid_type') {
      return { field, message_zh: `尚未填写${label}`, message_en: `${field} is not filled in yet` };
    }
    const message = splitBilingual(issue.message);
    return { field, message_zh: `${label}：${message.zh}`, message_en: `${field}: ${message.en}` };
  });
}

/** A rule issue as the dry run answers it. */
function toViolation(issue: FieldIssue): DraftViolation {
  return {
    rule: issue.rule ?? 'validation',
    message_zh: issue.message.zh,
    message_en: issue.message.en,
    citation: issue.citation ?? '平台规则',
    field: issue.path,
  };
}

/**
 * A year without the official holiday schedule as a violation: publication would refuse the draft
 * (calendar.official-schedule), and the source that is missing is the State Council General Office's
 * notice of that year.
 */
function toCalendarViolation(error: unknown): DraftViolation {
  if (!(error instanceof AppError)) throw error;
  const issue = error.errors[0];
  const year = Number(error.extensions['year']);
  return {
    rule: issue?.rule ?? 'calendar.official-schedule',
    message_zh: error.detail.zh,
    message_en: error.detail.en,
    citation: `国务院办公厅关于${year}年部分节假日安排的通知`,
    ...(issue?.path && issue.path !== 'calendar' ? { field: issue.path } : {}),
  };
}

/** Runs a check that may meet a year no calendar covers; that year becomes a violation. */
async function orCalendarViolation<T>(
  run: () => Promise<T>,
  empty: T,
): Promise<{ value: T; calendar: DraftViolation | null }> {
  try {
    return { value: await run(), calendar: null };
  } catch (error) {
    if (!isMissingCalendarYear(error)) throw error;
    return { value: empty, calendar: toCalendarViolation(error) };
  }
}

/** The names of the points a bound may count from. */
const FROM_LABELS: Readonly<Record<TimelineBound['from']['point'], string>> = {
  publication: TIMELINE_STEP_LABELS.published,
  documentsFrom: TIMELINE_STEP_LABELS.documentsFrom,
  documentsUntil: TIMELINE_STEP_LABELS.documentsUntil,
  bidDeadline: TIMELINE_STEP_LABELS.bidDeadline,
};

/** A bound as the dry run answers it. */
function toBoundView(bound: TimelineBound): TimelineBoundView {
  return {
    key: bound.point,
    label: TIMELINE_STEP_LABELS[bound.point],
    date: bound.date,
    rule: bound.rule.id,
    title_zh: bound.rule.title.zh,
    title_en: bound.rule.title.en,
    citation: bound.rule.citation,
    from: {
      key: bound.from.point,
      label: FROM_LABELS[bound.from.point],
      date: bound.from.date,
      planned: bound.from.planned,
    },
    count: bound.count,
    unit: bound.unit,
    binding: bound.binding,
  };
}

/** Adds minutes to an instant. */
function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/** The draft's own dates in time order, each with the days left from `now` on `calendar`. */
function buildPlannedSteps(draft: TenderDraft, now: Date, calendar: WorkingCalendar): TimelineStep[] {
  const plan = draft.timeline ?? {};
  const instants: [TimelineStepKey, string | undefined][] = [
    ['documentsFrom', plan.documentsFrom],
    ['documentsUntil', plan.documentsUntil],
    ['bidDeadline', plan.bidDeadline],
  ];
  if (plan.bidDeadline) {
    const decryptionEnds = addMinutes(plan.bidDeadline, plan.decryptionWindowMinutes ?? 30);
    instants.push(['decryptionEnds', decryptionEnds]);
    instants.push(['confirmationEnds', addMinutes(decryptionEnds, plan.confirmationWindowMinutes ?? 60)]);
  }
  const today = chinaDate(now);
  return instants
    .flatMap(([key, at]) => (at === undefined ? [] : [{ key, ms: Date.parse(at) }]))
    .sort((a, b) => a.ms - b.ms)
    .map(({ key, ms }) => {
      const beijingDate = chinaDate(new Date(ms));
      return {
        key,
        label: TIMELINE_STEP_LABELS[key],
        at: new Date(ms).toISOString(),
        beijingDate,
        passed: now.getTime() >= ms,
        ...countDaysLeft(today, beijingDate, calendar),
      };
    });
}

/**
 * The dry run of publication (read-only): what the publish button would say of a draft if pressed
 * now — every rule of the rules table it breaks with its text and citation, the earliest and latest
 * legal day of each planned date, what it does not say yet, and (for one's own stored draft) whether it
 * has a document — counted on the server's clock and working-day calendar.
 *
 * Why the same functions as publication: {@link findDraftViolations} and `planTimelineBounds` read the
 * same rows and count periods alike, so the form's verdict is publication's. Nothing is written: a
 * stored draft is read only to take its content and documents.
 */
export async function checkTenderDraft(input: CheckTenderDraftInput, deps: Deps): Promise<TenderDraftCheck> {
  const now = deps.clock.now();
  const { tenderId, content } = input.body;
  const stored = tenderId === undefined ? null : await loadOwnTender(deps, input.caller, tenderId);
  // Only a draft can be published: a stored tender in another state is refused as publish refuses it.
  if (stored) nextStatus(stored.status, 'publish');
  const draft: TenderDraft = content ?? (stored?.content as TenderDraft);
  const rules = await orCalendarViolation(() => findDraftViolations(deps, draft, now), [] as FieldIssue[]);
  const bounds = await orCalendarViolation(
    () => countOnCalendar(deps, (calendar) => planTimelineBounds(draft, now, calendar)),
    { earliest: [], latest: [] } as TimelineBounds,
  );
  const violations = rules.value.map(toViolation);
  const calendarViolation = rules.calendar ?? bounds.calendar;
  if (calendarViolation) violations.push(calendarViolation);
  if (stored && !hasActiveDocument(stored)) {
    violations.push({
      rule: DOCUMENTS_REQUIRED_RULE,
      message_zh: DOCUMENTS_REQUIRED.zh,
      message_en: DOCUMENTS_REQUIRED.en,
      citation: '平台规则',
      field: 'documents',
    });
  }
  const ruled = new Set(violations.map((v) => v.field));
  const missing = findMissing(draft).filter((m) => !ruled.has(m.field));
  let planned = buildPlannedSteps(draft, now, PACKAGE_CALENDAR);
  if (planned.some((step) => step.workingDaysUnavailable)) {
    planned = buildPlannedSteps(draft, now, await loadWorkingCalendar(deps));
  }
  return {
    tenderId: stored?.id ?? null,
    checkedAt: now.toISOString(),
    today: chinaDate(now),
    publishable: missing.length === 0 && violations.length === 0,
    missing,
    violations,
    earliest: bounds.value.earliest.map(toBoundView),
    latest: bounds.value.latest.map(toBoundView),
    planned,
  };
}
