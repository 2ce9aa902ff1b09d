import { buildCalendar, type WorkingCalendar } from '../../shared/domain/calendar';
import type { CalendarYearBody } from '../../shared/schemas/calendar';

/**
 * A TEST FIXTURE for 2027 — NOT the official State Council schedule, which this repository does not
 * know. It is shaped like one (New Year, a nine-day Spring Festival from Saturday 6 February with a
 * make-up Sunday on 21 February, Labour Day, National Day) so that tests and the local demo can count
 * periods reaching into 2027; a real deployment loads the real notice through the same route.
 */
export const FIXTURE_YEAR = 2027;

/** The fixture's body for `PUT /api/calendar/years/2027` (see {@link FIXTURE_YEAR}). */
export const FIXTURE_SCHEDULE_2027: CalendarYearBody = {
  citation: '测试数据〔2026〕0号（非官方安排，仅供测试和演示 / test fixture, not the official schedule）',
  publishedOn: '2026-11-01',
  holidays: [
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
    '2027-02-12',
    '2027-02-13',
    '2027-02-14',
    '2027-05-01',
    '2027-05-02',
    '2027-05-03',
    '2027-05-04',
    '2027-05-05',
    '2027-10-01',
    '2027-10-02',
    '2027-10-03',
    '2027-10-04',
    '2027-10-05',
    '2027-10-06',
    '2027-10-07',
  ],
  workdays: ['2027-02-21', '2027-05-08', '2027-10-09'],
};

/** The package calendar with the 2027 test fixture: what test helpers plan timelines on. */
export const TEST_CALENDAR: WorkingCalendar = buildCalendar([
  { year: FIXTURE_YEAR, ...FIXTURE_SCHEDULE_2027 },
]);
