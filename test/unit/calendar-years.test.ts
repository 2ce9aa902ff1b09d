import { describe, expect, test } from 'vitest';
import {
  assertYearCovered,
  buildCalendar,
  CALENDAR_YEAR_RULE,
  calendarSource,
  checkYearSchedule,
  isWorkingDay,
  periodEnd,
} from '../../shared/domain/calendar';
import { ValidationError } from '../../shared/domain/errors';
import { validatePublication } from '../../shared/domain/rules';
import { openTenderContent } from '../helpers/fixtures';

/** 09:30 in Beijing on a China-local day. */
const morning = (day: string) => new Date(`${day}T09:30:00+08:00`);

describe('periods reaching past the package calendar (finding 14)', () => {
  test('a publication in December 2026 with a deadline in 2027 is refused, naming 2027', () => {
    // Prepare
    const publishAt = morning('2026-12-21');
    const input = {
      ...openTenderContent(publishAt),
      timeline: {
        ...openTenderContent(publishAt).timeline,
        bidDeadline: morning('2027-01-18').toISOString(),
      },
    };

    // Act
    const act = () => validatePublication(input, publishAt);

    // Assess
    expect(act).toThrow(/2027年的法定节假日安排尚未载入/);
    expect(act).toThrow(/The 2027 public-holiday schedule has not been loaded/);
  });

  test('the package calendar refuses to count a working day of 2027 instead of guessing', () => {
    // Prepare
    const springFestival = '2027-02-08';

    // Act
    const act = () => isWorkingDay(springFestival);
    const reaching = () => periodEnd('2026-12-28', 5, 'workingDays');

    // Assess
    expect(act).toThrow(/2027/);
    expect(reaching).toThrow(/2027/);
  });
});

describe('a loaded year in the calendar value', () => {
  test('buildCalendar adds a loaded year and never overrides a package year', () => {
    // Prepare: a TEST FIXTURE, not the official schedule
    const loaded = [
      { year: 2027, citation: '测试〔2026〕1号', holidays: ['2027-02-08'], workdays: ['2027-02-21'] },
      { year: 2026, citation: '测试〔2025〕1号', holidays: ['2026-03-02'], workdays: [] },
    ];

    // Act
    const calendar = buildCalendar(loaded);

    // Assess
    expect(calendarSource(2027, calendar)).toBe('测试〔2026〕1号');
    expect(calendarSource(2026, calendar)).toBe('package');
    expect(isWorkingDay('2027-02-08', calendar)).toBe(false);
    expect(isWorkingDay('2027-02-21', calendar)).toBe(true);
    expect(isWorkingDay('2027-02-22', calendar)).toBe(true);
    expect(isWorkingDay('2026-03-02', calendar)).toBe(true);
    expect(() => isWorkingDay('2028-01-03', calendar)).toThrow(/2028/);
  });

  test('a refusal carries the rule id and the year', () => {
    // Prepare
    const calendar = buildCalendar([]);

    // Act
    let caught: unknown;
    try {
      assertYearCovered(2027, calendar, 'timeline.bidDeadline');
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.status).toBe(400);
    expect(error.extensions).toEqual({ year: 2027 });
    expect(error.errors[0]).toMatchObject({ path: 'timeline.bidDeadline', rule: CALENDAR_YEAR_RULE });
  });

  test('checkYearSchedule names dates outside the year, weekday make-up days and double listings', () => {
    // Prepare: 2027-02-22 is a Monday, 2027-02-21 a Sunday
    const schedule = {
      year: 2027,
      citation: '测试〔2026〕1号',
      holidays: ['2027-02-08', '2026-12-31', '2027-02-08', '2027-02-21'],
      workdays: ['2027-02-22', '2027-02-21', '2027-02-30'],
    };

    // Act
    const paths = checkYearSchedule(schedule).map((issue) => issue.path);
    const clean = checkYearSchedule({ ...schedule, holidays: ['2027-02-08'], workdays: ['2027-02-21'] });

    // Assess
    expect(paths).toEqual([
      'body.holidays.1',
      'body.holidays.2',
      'body.workdays.0',
      'body.workdays.1',
      'body.workdays.2',
    ]);
    expect(clean).toEqual([]);
  });
});
