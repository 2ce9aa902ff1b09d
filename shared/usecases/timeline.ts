/**
 * A tender's timeline: its steps in order, each with the calendar and working days left from the
 * server's "now", counted on the same working-day calendar the procurement rules count periods on.
 */

import {
  addCalendarDays,
  CALENDAR_YEAR_RULE,
  chinaDate,
  chinaMidnight,
  isMissingCalendarYear,
  isWorkingDay,
  type WorkingCalendar,
} from '../domain/calendar';
import { AppError } from '../domain/errors';
import { procedureOf } from '../domain/procedures';
import { deemedAwardAt } from '../domain/tender';
import type { Tender } from '../schemas/tender';
import {
  AUCTION_TIMELINE_STEP_LABELS,
  SEALED_ONLY_STEPS,
  type TenderTimeline,
  TIMELINE_STEP_KEYS,
  TIMELINE_STEP_LABELS,
  type TimelineStep,
  type TimelineStepKey,
  TRANSFER_TIMELINE_STEP_LABELS,
} from '../schemas/timeline';

/** Milliseconds in one day. */
const DAY_MS = 86_400_000;

/** Milliseconds in one minute. */
const MINUTE_MS = 60_000;

/** The days left until a step, and why the working days are unknown when they are. */
export type DaysLeft = Pick<TimelineStep, 'calendarDaysLeft' | 'workingDaysLeft' | 'workingDaysUnavailable'>;

/**
 * The days from `today` to `day`, both Beijing dates (`YYYY-MM-DD`):
 *
 * - `calendarDaysLeft`: the dates strictly after today up to and including the step's date, so a
 *   step tomorrow is 1 and a step later today is 0 (the browser counts the hours against `now`);
 * - `workingDaysLeft`: of those dates, the working days on `calendar` (official days off and
 *   weekends not counted, make-up working days 调休 counted) — the same reading as 87号令第85条,
 *   where the start day is not counted;
 * - a step on or before today has 0 of both.
 *
 * When a date in between lies in a year the calendar does not cover (no official schedule loaded),
 * the working days are not guessed: `workingDaysLeft` is null and `workingDaysUnavailable` names the
 * year and the rule, as the rules refuse to count a period there (calendar.official-schedule).
 */
export function countDaysLeft(today: string, day: string, calendar: WorkingCalendar): DaysLeft {
  const calendarDaysLeft = Math.max(
    0,
    Math.round((chinaMidnight(day).getTime() - chinaMidnight(today).getTime()) / DAY_MS),
  );
  let workingDaysLeft = 0;
  for (let date = addCalendarDays(today, 1); date <= day; date = addCalendarDays(date, 1)) {
    try {
      if (isWorkingDay(date, calendar)) workingDaysLeft += 1;
    } catch (error) {
      if (!isMissingCalendarYear(error) || !(error instanceof AppError)) throw error;
      return {
        calendarDaysLeft,
        workingDaysLeft: null,
        workingDaysUnavailable: {
          rule: CALENDAR_YEAR_RULE,
          year: Number(date.slice(0, 4)),
          message_zh: error.detail.zh,
          message_en: error.detail.en,
        },
      };
    }
  }
  return { calendarDaysLeft, workingDaysLeft, workingDaysUnavailable: null };
}

/** Adds minutes to an ISO instant. */
function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * MINUTE_MS).toISOString();
}

/** Steps that are planned (they happen at their instant) rather than recorded when they happened. */
const PLANNED: ReadonlySet<TimelineStepKey> = new Set([
  'documentsFrom',
  'documentsUntil',
  'bidDeadline',
  'decryptionEnds',
  'confirmationEnds',
  'deemedAward',
]);

/** A timeline and the years the calendar lacked while counting it. */
export interface TimelineResult {
  /** The timeline. */
  timeline: TenderTimeline;
  /** Years a count (or the deemed-award day) needed and the calendar does not cover; empty if none. */
  uncoveredYears: number[];
}

/**
 * A tender's timeline at `now`: every instant the tender holds or its rules fix, in time order.
 *
 * The steps: publication; the document period (from, until); the bid deadline, which is the
 * opening (87号令第39条); the end of the decryption window (deadline + its minutes); the opening
 * record's publication; the end of its confirmation window (decryption end + its minutes); the
 * evaluation report; while awarding, the day the first candidate is deemed chosen (5 working days
 * after the report, 87号令第68条 — left out when the calendar cannot count it); the award; the
 * contract; and a failure (at the tender's last change, as `failed` is final) or a cancellation.
 * Windows not yet open are computed exactly as the opening and the tick will compute them. A failed
 * or cancelled tender shows no planned step after its end. Days are counted by {@link countDaysLeft}.
 */
export function buildTenderTimeline(tender: Tender, now: Date, calendar: WorkingCalendar): TimelineResult {
  const plan = tender.content.timeline;
  const opening = tender.opening;
  const decryptionEnds =
    opening?.decryptionEndsAt ?? addMinutes(plan.bidDeadline, plan.decryptionWindowMinutes);
  const uncoveredYears = new Set<number>();
  let deemedAward: string | undefined;
  if (tender.status === 'awarding' && tender.reportedAt) {
    try {
      deemedAward = deemedAwardAt(tender.reportedAt, calendar);
    } catch (error) {
      if (!isMissingCalendarYear(error) || !(error instanceof AppError)) throw error;
      uncoveredYears.add(Number(error.extensions['year']));
    }
  }
  const instants: Record<TimelineStepKey, string | undefined> = {
    published: tender.publishedAt,
    documentsFrom: plan.documentsFrom,
    documentsUntil: plan.documentsUntil,
    bidDeadline: plan.bidDeadline,
    decryptionEnds,
    openingRecordPublished: opening?.recordPublishedAt,
    confirmationEnds:
      opening?.confirmationEndsAt ?? addMinutes(decryptionEnds, plan.confirmationWindowMinutes),
    evaluationReported: tender.reportedAt,
    deemedAward,
    awarded: tender.awardedAt,
    contractRecorded: tender.completedAt,
    failed: tender.status === 'failed' ? tender.updatedAt : undefined,
    cancelled: tender.cancelledAt,
  };
  const live = procedureOf(tender.content).liveQuotes;
  const labels = live
    ? {
        ...TIMELINE_STEP_LABELS,
        ...TRANSFER_TIMELINE_STEP_LABELS,
        ...(tender.content.method === 'auction' ? AUCTION_TIMELINE_STEP_LABELS : {}),
      }
    : TIMELINE_STEP_LABELS;
  if (live) for (const key of SEALED_ONLY_STEPS) instants[key] = undefined;
  const endedAt = instants.failed ?? instants.cancelled;
  const today = chinaDate(now);
  const steps = TIMELINE_STEP_KEYS.flatMap((key, order) => {
    const instant = instants[key];
    if (instant === undefined) return [];
    const ms = Date.parse(instant);
    if (endedAt !== undefined && PLANNED.has(key) && ms > Date.parse(endedAt)) return [];
    return [{ key, ms, order }];
  })
    .sort((a, b) => a.ms - b.ms || a.order - b.order)
    .map(({ key, ms }): TimelineStep => {
      const beijingDate = chinaDate(new Date(ms));
      const days = countDaysLeft(today, beijingDate, calendar);
      if (days.workingDaysUnavailable) uncoveredYears.add(days.workingDaysUnavailable.year);
      return {
        key,
        label: labels[key],
        at: new Date(ms).toISOString(),
        beijingDate,
        passed: now.getTime() >= ms,
        ...days,
      };
    });
  return {
    timeline: { tenderId: tender.id, status: tender.status, now: now.toISOString(), today, steps },
    uncoveredYears: [...uncoveredYears].sort((a, b) => a - b),
  };
}
