/**
 * China's working-day calendar and the period arithmetic of 87号令第85–86条.
 *
 * Notice periods, document periods and correction deadlines are counted in China-local days, with
 * statutory holidays off and make-up working days (调休) on. Dates are `YYYY-MM-DD` strings in
 * Asia/Shanghai (UTC+8, no daylight saving), so a date never shifts with the server's time zone.
 */

import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { ValidationError } from './errors';

/** Milliseconds in one day. */
const DAY_MS = 86_400_000;

/** China's fixed offset from UTC (Asia/Shanghai has had no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Shape of the calendar data shipped by `chinese-days`: date → "English,中文,days". */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

const calendarData = data as ChineseDaysData;

/** Official days off (statutory holidays and the weekend days folded into them). */
const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(calendarData.holidays));

/** Make-up working days (调休): weekend days that are working days. */
const MAKE_UP_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(calendarData.workdays));

/** Years the data covers, from the earliest to the latest date it lists. */
const COVERED_YEARS = (() => {
  const years = [...HOLIDAYS, ...MAKE_UP_WORKDAYS].map((date) => Number(date.slice(0, 4)));
  return { first: Math.min(...years), last: Math.max(...years) };
})();

/** Fixed-date holidays assumed for years without official data: 元旦, 劳动节, 国庆节 (1–3 Oct). */
const FIXED_HOLIDAYS: ReadonlySet<string> = new Set(['01-01', '05-01', '10-01', '10-02', '10-03']);

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a `YYYY-MM-DD` date into its UTC-midnight timestamp, rejecting impossible dates.
 *
 * Every calendar function goes through here so that "2024-02-30" fails loudly instead of rolling over.
 */
function parseDate(date: string, field = 'date'): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || formatUtcDate(ms) !== date) {
    const message = {
      zh: `日期“${String(date)}”无效，应为 YYYY-MM-DD`,
      en: `Invalid date '${String(date)}', expected YYYY-MM-DD`,
    };
    throw new ValidationError(message, [{ path: field, message }]);
  }
  return ms;
}

/** Formats a UTC-midnight timestamp as `YYYY-MM-DD`. */
function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Rejects a non-integer day count. */
function assertInteger(n: number, field: string): void {
  if (!Number.isSafeInteger(n)) {
    const message = { zh: `${field}须为整数`, en: `${field} must be an integer` };
    throw new ValidationError(message, [{ path: field, message }]);
  }
}

/**
 * The China-local date (`YYYY-MM-DD`) of an instant.
 *
 * A notice published at 2024-02-08T23:30+08:00 is published on 8 February in China, whatever the
 * server's zone; period counting starts from this date.
 */
export function chinaDate(instant: Date): string {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    const message = { zh: '无效的时间', en: 'Invalid instant' };
    throw new ValidationError(message, [{ path: 'instant', message }]);
  }
  return formatUtcDate(ms + CHINA_OFFSET_MS);
}

/**
 * The instant a China-local date begins (00:00 Asia/Shanghai).
 *
 * Lets day-based rules be compared with instants such as a bid deadline.
 */
export function chinaMidnight(date: string): Date {
  return new Date(parseDate(date) - CHINA_OFFSET_MS);
}

/**
 * The last millisecond of a China-local date (23:59:59.999 Asia/Shanghai).
 *
 * A period "ends on" a day means it runs to the end of that day.
 */
export function endOfChinaDay(date: string): Date {
  return new Date(parseDate(date) - CHINA_OFFSET_MS + DAY_MS - 1);
}

/**
 * Whether the year's holidays come from the official State Council schedule or are a fallback guess.
 *
 * Holidays are announced a year at a time; a period counted in a year without data is only provisional
 * and the UI should say so.
 */
export function calendarCoverage(year: number): 'official' | 'provisional' {
  assertInteger(year, 'year');
  return year >= COVERED_YEARS.first && year <= COVERED_YEARS.last ? 'official' : 'provisional';
}

/**
 * Whether a China-local date is a working day: make-up days count, official holidays and weekends do not.
 *
 * Outside the official data, weekends and the fixed-date holidays (1 Jan, 1 May, 1–3 Oct) are off.
 */
export function isWorkingDay(date: string): boolean {
  const ms = parseDate(date);
  if (MAKE_UP_WORKDAYS.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const weekday = new Date(ms).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (calendarCoverage(Number(date.slice(0, 4))) === 'provisional' && FIXED_HOLIDAYS.has(date.slice(5))) {
    return false;
  }
  return true;
}

/**
 * The date `n` calendar days after (or, for negative `n`, before) `date`.
 *
 * Plain day arithmetic on China-local dates, immune to the host's time zone.
 */
export function addCalendarDays(date: string, n: number): string {
  assertInteger(n, 'n');
  return formatUtcDate(parseDate(date) + n * DAY_MS);
}

/**
 * The first working day strictly after `date`.
 *
 * A period whose last day is a day off rolls over to this day (87号令第85条).
 */
export function nextWorkingDay(date: string): string {
  let day = addCalendarDays(date, 1);
  while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
  return day;
}

/**
 * The date `n` working days after `date`, the start day not counted (87号令第85条); negative `n` counts back.
 *
 * "5个工作日" notice and document periods end on this day; `n = 0` returns `date` itself.
 */
export function addWorkingDays(date: string, n: number): string {
  assertInteger(n, 'n');
  parseDate(date);
  const step = n < 0 ? -1 : 1;
  let day = date;
  for (let left = Math.abs(n); left > 0; ) {
    day = addCalendarDays(day, step);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/**
 * The last day of a period of `n` days or working days starting on `start`, per 87号令第85条.
 *
 * The start day is not counted; a calendar-day period whose last day is not a working day ends on the
 * next working day. Because 以上/以下/内 include the number (第86条), "不少于n日" is met on this day.
 */
export function periodEnd(start: string, n: number, unit: 'days' | 'workingDays'): string {
  assertInteger(n, 'n');
  if (n < 0) {
    const message = { zh: '期间天数不能为负', en: 'A period cannot be negative' };
    throw new ValidationError(message, [{ path: 'n', message }]);
  }
  if (unit === 'workingDays') return addWorkingDays(start, n);
  const last = addCalendarDays(start, n);
  return isWorkingDay(last) ? last : nextWorkingDay(last);
}
