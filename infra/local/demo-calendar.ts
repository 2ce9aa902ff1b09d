import * as calendar from '../../shared/domain/calendar';
import { type TenderRulesInput, validatePublication as validateOn } from '../../shared/domain/rules';
import type { Deps } from '../../shared/ports/deps';
import { loadWorkingCalendar, putCalendarYear } from '../../shared/usecases/calendar';
import type { Caller } from '../../shared/usecases/tender-change';
import { FIXTURE_SCHEDULE_2027, FIXTURE_YEAR } from './calendar-fixture-2027';

/**
 * The local demo's working-day calendar: the package's years, the years the store holds, and — when the
 * store has no 2027 — the labelled 2027 TEST FIXTURE (not the official schedule), loaded through the
 * same use case the centre's `PUT /api/calendar/years/{year}` runs. The seed plans its timelines on
 * these functions, so they count on exactly what the server will check them against.
 */

export { addCalendarDays, chinaDate, chinaMidnight } from '../../shared/domain/calendar';

let current: calendar.WorkingCalendar = calendar.PACKAGE_CALENDAR;

/** Who loads the fixture year in the demo store. */
const DEMO_CENTRE: Caller = { sub: 'seed-centre-staff', role: 'centre', orgId: 'org-trading-centre' };

/**
 * Loads the 2027 fixture into the store if 2027 is not covered yet, then plans on the merged calendar.
 *
 * Why the demo needs it: its tenders "in progress now" run 25 days past the dev clock, which reaches
 * into 2027 from December 2026 on; a real schedule loaded by the centre is kept as it is.
 */
export async function prepareDemoCalendar(deps: Deps, log: (line: string) => void): Promise<void> {
  if (!(await loadWorkingCalendar(deps)).years.has(FIXTURE_YEAR)) {
    await putCalendarYear({ caller: DEMO_CENTRE, year: FIXTURE_YEAR, body: FIXTURE_SCHEDULE_2027 }, deps);
    log(`calendar 日历: ${FIXTURE_YEAR} test fixture loaded 已载入测试用安排（非官方）`);
  }
  current = await loadWorkingCalendar(deps);
}

/** {@link calendar.isWorkingDay} on the demo calendar. */
export function isWorkingDay(date: string): boolean {
  return calendar.isWorkingDay(date, current);
}

/** {@link calendar.nextWorkingDay} on the demo calendar. */
export function nextWorkingDay(date: string): string {
  return calendar.nextWorkingDay(date, current);
}

/** {@link calendar.addWorkingDays} on the demo calendar. */
export function addWorkingDays(date: string, n: number): string {
  return calendar.addWorkingDays(date, n, current);
}

/** {@link calendar.periodEnd} on the demo calendar. */
export function periodEnd(start: string, n: number, unit: 'days' | 'workingDays'): string {
  return calendar.periodEnd(start, n, unit, current);
}

/** The publication rules checked on the demo calendar, as the publish use case will check them. */
export function validatePublication(input: TenderRulesInput, publishAt: Date) {
  return validateOn(input, publishAt, current);
}
