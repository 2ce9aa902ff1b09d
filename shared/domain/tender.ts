import {
  addCalendarDays,
  addWorkingDays,
  chinaDate,
  endOfChinaDay,
  PACKAGE_CALENDAR,
  type WorkingCalendar,
} from './calendar';
import type { TenderStatus } from './lifecycle';

/**
 * What the due-date rules read of a tender (a stored tender is one).
 *
 * Why its own shape: the domain sits below the schemas, so it names the few facts it reads rather
 * than importing the tender's schema.
 */
export interface DueTender {
  /** Lifecycle state. */
  status: TenderStatus;
  /** When the evaluation report was handed to the purchasing unit. */
  reportedAt?: string | undefined;
  /** The published content's bid deadline. */
  content: { timeline: { bidDeadline: string } };
  /** A live transfer's quoting windows: it closes when the last one ends. */
  auction?:
    | { listingUntil: string; countdownUntil: string | null; closedAt?: string | undefined }
    | undefined;
  /** The opening's windows, once opened. */
  opening?:
    | {
        decryptionEndsAt: string;
        confirmationEndsAt?: string | undefined;
        recordPublishedAt?: string | undefined;
      }
    | undefined;
}

/**
 * When the tender's next timed step falls due, or undefined if none.
 *
 * Why: the scheduler tick finds due tenders through an index on this instant, never by scanning.
 * A tendering tender opens at its bid deadline (87号令第39条), a live transfer closes when its last
 * quoting window ends (moved by every quote in the countdown); an opening one closes its decryption
 * window, then its confirmation window.
 */
export function nextDueAt(tender: DueTender, calendar: WorkingCalendar): string | undefined {
  if (tender.status === 'tendering' && tender.auction) {
    return tender.auction.countdownUntil ?? tender.auction.listingUntil;
  }
  if (tender.status === 'tendering') return tender.content.timeline.bidDeadline;
  if (tender.status === 'awarding' && tender.reportedAt) return deemedAwardAt(tender.reportedAt, calendar);
  if (tender.status === 'opening' && tender.opening) {
    return tender.opening.recordPublishedAt
      ? tender.opening.confirmationEndsAt
      : tender.opening.decryptionEndsAt;
  }
  return undefined;
}

/** Working days after the report until the first candidate is deemed chosen (87号令第68条). */
export const DEEMED_AWARD_WORKING_DAYS = 5;

/**
 * The instant the due index files a tender under: {@link nextDueAt}, except that an awaiting award is
 * filed at the end of the 5th calendar day after the report, the earliest its deemed award can fall.
 *
 * Why a lower bound: the index is written with the tender and needs no calendar; 5 working days never
 * end before 5 calendar days, and the tick re-checks with the loaded calendar before it acts.
 */
export function indexDueAt(tender: DueTender): string | undefined {
  if (tender.status === 'awarding' && tender.reportedAt) {
    return endOfChinaDay(
      addCalendarDays(chinaDate(new Date(tender.reportedAt)), DEEMED_AWARD_WORKING_DAYS),
    ).toISOString();
  }
  // The other timed steps (deadline, decryption and confirmation windows) count no working days.
  return nextDueAt(tender, PACKAGE_CALENDAR);
}

/**
 * When a purchasing unit that has not chosen is deemed to have chosen the first candidate: the end of
 * the 5th working day after the report (87号令第68条; the report day itself is not counted, 第85条).
 */
export function deemedAwardAt(reportedAt: string, calendar: WorkingCalendar): string {
  return endOfChinaDay(
    addWorkingDays(chinaDate(new Date(reportedAt)), DEEMED_AWARD_WORKING_DAYS, calendar),
  ).toISOString();
}

/** The S3 key of a tender document: per tender, per document. */
export function tenderDocumentKey(tenderId: string, documentId: string): string {
  return `tenders/${tenderId}/documents/${documentId}`;
}

/** Fewer valid bids than this and a government-procurement tender fails (政府采购法第36条; 87号令第43条). */
export const MIN_VALID_BIDS = 3;
