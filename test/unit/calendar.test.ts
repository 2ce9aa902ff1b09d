import { describe, expect, test } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  calendarSource,
  chinaDate,
  chinaMidnight,
  endOfChinaDay,
  isWorkingDay,
  nextWorkingDay,
  periodEnd,
} from '../../shared/domain/calendar';
import { fixedClock, systemClock } from '../../shared/domain/clock';
import { ValidationError } from '../../shared/domain/errors';

describe('China-local dates', () => {
  test('chinaDate uses UTC+8 whatever the host zone', () => {
    // Prepare
    const lateEvening = new Date('2024-02-08T15:59:59.999Z'); // 23:59:59.999 in Beijing
    const pastMidnight = new Date('2024-02-08T16:30:00Z'); // 00:30 the next day in Beijing

    // Act
    const before = chinaDate(lateEvening);
    const after = chinaDate(pastMidnight);

    // Assess
    expect(before).toBe('2024-02-08');
    expect(after).toBe('2024-02-09');
  });

  test('chinaMidnight and endOfChinaDay bound the China-local day', () => {
    // Prepare
    const day = '2024-02-09';

    // Act
    const start = chinaMidnight(day);
    const end = endOfChinaDay(day);

    // Assess
    expect(start.toISOString()).toBe('2024-02-08T16:00:00.000Z');
    expect(end.toISOString()).toBe('2024-02-09T15:59:59.999Z');
    expect(chinaDate(start)).toBe(day);
    expect(chinaDate(end)).toBe(day);
  });

  test('rejects impossible or malformed dates and invalid instants', () => {
    // Prepare
    const bad = ['2024-02-30', '2023-02-29', '2024-2-1', '20240201', ''];

    // Act
    const failures = bad.filter((date) => {
      try {
        isWorkingDay(date);
        return false;
      } catch (error) {
        return error instanceof ValidationError;
      }
    });

    // Assess
    expect(failures).toEqual(bad);
    expect(() => chinaDate(new Date('nope'))).toThrow(ValidationError);
    expect(isWorkingDay('2024-02-29')).toBe(true);
  });
});

describe('isWorkingDay across the 2024 Spring Festival (holidays 02-10..17, make-up Sun 02-04 and Sun 02-18)', () => {
  test.each([
    ['2024-02-03', false, 'an ordinary Saturday'],
    ['2024-02-04', true, 'a make-up Sunday (调休)'],
    ['2024-02-09', true, 'Friday 除夕, not in the official holiday'],
    ['2024-02-10', false, 'Saturday, first holiday day'],
    ['2024-02-12', false, 'a holiday Monday'],
    ['2024-02-16', false, 'a holiday Friday'],
    ['2024-02-17', false, 'Saturday, last holiday day'],
    ['2024-02-18', true, 'a make-up Sunday (调休)'],
    ['2024-02-19', true, 'an ordinary Monday'],
  ])('%s is working: %s (%s)', (date, working) => {
    // Prepare: nothing beyond the table row

    // Act
    const result = isWorkingDay(date);

    // Assess
    expect(result).toBe(working);
  });
});

describe('calendar arithmetic', () => {
  test('addCalendarDays crosses leap days and years, both directions', () => {
    // Prepare
    const leap = '2024-02-28';

    // Act
    const forward = addCalendarDays(leap, 2);
    const back = addCalendarDays('2024-01-01', -1);

    // Assess
    expect(forward).toBe('2024-03-01');
    expect(back).toBe('2023-12-31');
    expect(() => addCalendarDays(leap, 1.5)).toThrow(ValidationError);
  });

  test('nextWorkingDay skips the whole Spring Festival and lands on the make-up Sunday', () => {
    // Prepare
    const eve = '2024-02-09';

    // Act
    const next = nextWorkingDay(eve);

    // Assess
    expect(next).toBe('2024-02-18');
  });

  test('addWorkingDays(2024-02-08, 3) is 2024-02-19: 02-09 (1), 02-18 make-up (2), 02-19 (3) — start day not counted (87号令第八十五条)', () => {
    // Prepare
    const start = '2024-02-08';

    // Act
    const result = addWorkingDays(start, 3);

    // Assess
    expect(result).toBe('2024-02-19');
  });

  test('addWorkingDays counts back too, and 0 returns the start day', () => {
    // Prepare
    const start = '2024-02-19';

    // Act
    const back = addWorkingDays(start, -3);
    const same = addWorkingDays(start, 0);

    // Assess
    expect(back).toBe('2024-02-08');
    expect(same).toBe(start);
  });

  test('a 5-working-day period starting Fri 2024-02-02 ends 2024-02-08: 02-04 make-up Sun (1), 02-05..02-08 (2–5)', () => {
    // Prepare
    const start = '2024-02-02';

    // Act
    const end = periodEnd(start, 5, 'workingDays');

    // Assess
    expect(end).toBe('2024-02-08');
  });

  test('a calendar-day period whose last day is a holiday ends on the next working day (87号令第八十五条)', () => {
    // Prepare: 10 days after 2024-02-02 is the holiday Monday 2024-02-12; the next working day is Sun 02-18
    const start = '2024-02-02';

    // Act
    const holidayEnd = periodEnd(start, 10, 'days');
    const weekendEnd = periodEnd('2024-03-06', 3, 'days'); // Sat 03-09 → Mon 03-11
    const plainEnd = periodEnd('2024-03-01', 20, 'days'); // Thu 03-21, a working day

    // Assess
    expect(holidayEnd).toBe('2024-02-18');
    expect(weekendEnd).toBe('2024-03-11');
    expect(plainEnd).toBe('2024-03-21');
    expect(() => periodEnd(start, -1, 'days')).toThrow(ValidationError);
  });
});

describe('calendarSource: no provisional fallback', () => {
  test('years in the chinese-days data come from the package, later ones are not covered', () => {
    // Prepare
    const years = [2003, 2004, 2024, 2026, 2027];

    // Act
    const sources = years.map((year) => calendarSource(year));

    // Assess
    expect(sources).toEqual([undefined, 'package', 'package', 'package', undefined]);
  });

  test('outside the data, no day is guessed: 1 Jan and a plain Monday of 2027 are both refused', () => {
    // Prepare: 2027-01-01 is a Friday, 2027-05-03 a Monday
    const days = ['2027-01-01', '2027-05-03'];

    // Act
    const attempts = days.map((day) => () => isWorkingDay(day));

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(ValidationError);
  });
});

describe('clock', () => {
  test('fixedClock always answers the same instant, as fresh Date objects', () => {
    // Prepare
    const clock = fixedClock('2024-03-01T10:00:00+08:00');

    // Act
    const first = clock.now();
    first.setFullYear(2000);
    const second = clock.now();

    // Assess
    expect(second.toISOString()).toBe('2024-03-01T02:00:00.000Z');
    expect(fixedClock(new Date(0)).now().getTime()).toBe(0);
    expect(() => fixedClock('not a time')).toThrow(ValidationError);
  });

  test('systemClock reads the real time', () => {
    // Prepare
    const before = Date.now();

    // Act
    const now = systemClock.now().getTime();

    // Assess
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
