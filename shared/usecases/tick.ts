import { isMissingCalendarYear } from '../domain/calendar';
import { type AppError, ConflictError } from '../domain/errors';
import { nextDueAt } from '../domain/tender';
import type { Deps } from '../ports/deps';
import type { Tender } from '../schemas/tender';
import { deemAward } from './awards';
import { countOnCalendar } from './calendar';
import { concludeIfReady } from './evaluation';
import { closeConfirmation, closeDecryption, openTender } from './opening';
import { closeBidding } from './transfers';

/** Most steps one tender takes in one tick. */
const MAX_STEPS_PER_TICK = 3;

/** Most tenders one tick moves; the rest wait for the next tick. */
const TICK_BATCH = 100;

/** What one tick did. */
export interface TickResult {
  /** Tenders moved, with their new status. */
  moved: { tenderId: string; status: string }[];
  /** Tenders another worker moved first. */
  skipped: string[];
  /**
   * Enquiries and challenges past their answer period and still unanswered across the portal
   * (实施条例第五十二条; 94号令第十三条): the centre's board (`GET /api/rights/clocks`) lists them.
   */
  overdueAnswers: number;
}

/** Moves one due tender to its next state; undefined when it is not (or no longer) due. */
async function advance(deps: Deps, tender: Tender): Promise<Tender | undefined> {
  if (tender.status === 'tendering' && tender.auction) return closeBidding(deps, tender);
  if (tender.status === 'tendering') return openTender(deps, tender);
  if (tender.status === 'awarding') return deemAward(deps, tender);
  if (tender.status === 'opening' && tender.opening) {
    return tender.opening.recordPublishedAt ? closeConfirmation(deps, tender) : closeDecryption(deps, tender);
  }
  return undefined;
}

/**
 * The scheduler tick: moves every tender whose timed step is due (EventBridge each minute in AWS,
 * a timer locally), and concludes evaluations whose sheets are all locked.
 *
 * Why conflicts are skipped: two overlapping ticks may race; the optimistic lock lets one win.
 */
export async function runTick(deps: Deps): Promise<TickResult> {
  const now = deps.clock.now().toISOString();
  const result: TickResult = { moved: [], skipped: [], overdueAnswers: 0 };
  const due = await deps.tenders.listDue(now, TICK_BATCH);
  for (const stale of due) {
    // The index is eventually consistent and a correction may have moved the deadline: re-read.
    let tender = await deps.tenders.get(stale.id);
    // A tender may owe several steps (the clock jumped past two windows): take them in order.
    for (let step = 0; tender && (await isDue(deps, tender, now)) && step < MAX_STEPS_PER_TICK; step += 1) {
      try {
        const moved: Tender | undefined = await advance(deps, tender);
        if (!moved) break;
        result.moved.push({ tenderId: moved.id, status: moved.status });
        tender = moved;
      } catch (error) {
        // A conflict means another worker moved it; anything else is logged and the batch goes on.
        if (!(error instanceof ConflictError))
          deps.logger.error('Tick step failed', { error: error as Error, tenderId: tender.id });
        result.skipped.push(tender.id);
        break;
      }
    }
  }
  await concludeEvaluations(deps, result);
  result.overdueAnswers = await deps.rights.countOverdueAnswers(now);
  return result;
}

/**
 * Concludes every tender in evaluation whose sheets are all locked and confirmed (the byStatus
 * index, page by page, one committee read per tender).
 *
 * Why in the tick: the last submission concludes in its own request; when that fails, this is the
 * retry, so an evaluation cannot stall for good.
 */
async function concludeEvaluations(deps: Deps, result: TickResult): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await deps.tenders.listPublic({ status: 'evaluating' }, { limit: TICK_BATCH, cursor });
    for (const listed of page.items) {
      try {
        const concluded = await concludeIfReady(deps, listed);
        if (concluded) result.moved.push({ tenderId: concluded.id, status: concluded.status });
      } catch (error) {
        // A conflict means the last member's own request or another tick concluded it first.
        if (!(error instanceof ConflictError))
          deps.logger.error('Evaluation could not be concluded', {
            error: error as Error,
            tenderId: listed.id,
          });
        result.skipped.push(listed.id);
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * Whether the tender's next timed step is due at `now`, counted on the loaded calendar.
 *
 * Why a missing year is "not due": the deemed award waits for the year's official schedule rather
 * than guess it; the due index keeps listing the tender, so it moves once the centre loads the year.
 */
async function isDue(deps: Deps, tender: Tender, now: string): Promise<boolean> {
  let dueAt: string | undefined;
  try {
    dueAt = await countOnCalendar(deps, (calendar) => nextDueAt(tender, calendar));
  } catch (error) {
    if (!isMissingCalendarYear(error)) throw error;
    deps.logger.warn('Tick step waits for the calendar', {
      tenderId: tender.id,
      detail: (error as AppError).detail.en,
    });
    return false;
  }
  return dueAt !== undefined && new Date(dueAt).getTime() <= new Date(now).getTime();
}
