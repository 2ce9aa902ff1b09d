/**
 * China's working-day calendar and the period arithmetic of 87号令第85–86条.
 *
 * Notice periods, document periods and correction deadlines are counted in China-local days, with
 * statutory holidays off and make-up working days (调休) on. The holidays come from a
 * {@link WorkingCalendar} value: the `chinese-days` package for the years it ships, merged with the
 * years the centre loads from the State Council's notice; a year neither covers is refused, never guessed. Dates are `YYYY-MM-DD` strings in
 * Asia/Shanghai (UTC+8, no daylight saving), so a date never shifts with the server's time zone.
 */

import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { FieldIssue } from './errors';
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

/**
 * A working-day calendar: the official days off and make-up working days of every year it covers.
 *
 * Why a value and not module data: the package ships the years up to its release, the centre loads
 * later years from the State Council's notice, and every legal period must count on the same merge.
 */
export interface WorkingCalendar {
  /** Official days off (statutory holidays and the weekend days folded into them). */
  readonly holidays: ReadonlySet<string>;
  /** Make-up working days (调休): weekend days that are working days. */
  readonly workdays: ReadonlySet<string>;
  /** The years covered, each with its source: `package` or the loaded notice's document number. */
  readonly years: ReadonlyMap<number, string>;
}

/** One year's official schedule, as the centre loads it from the State Council's notice. */
export interface YearSchedule {
  /** The calendar year. */
  year: number;
  /** The notice's document number, e.g. 国办发明电〔2026〕N号. */
  citation: string;
  /** Official days off of that year. */
  holidays: readonly string[];
  /** Make-up working days of that year. */
  workdays: readonly string[];
}

/** The source name of a year that comes from the `chinese-days` package. */
export const PACKAGE_SOURCE = 'package';

/** Rule id of the refusal to count a period in a year without an official schedule. */
export const CALENDAR_YEAR_RULE = 'calendar.official-schedule';

const packageData = data as ChineseDaysData;

/**
 * The calendar of the `chinese-days` package alone: the years up to its release.
 *
 * It is the default for the years it covers; a server path that decides a legal period passes the
 * calendar built by {@link buildCalendar} from the package and the loaded years instead.
 */
export const PACKAGE_CALENDAR: WorkingCalendar = (() => {
  const holidays = new Set(Object.keys(packageData.holidays));
  const workdays = new Set(Object.keys(packageData.workdays));
  const years = new Map<number, string>();
  for (const date of [...holidays, ...workdays]) years.set(Number(date.slice(0, 4)), PACKAGE_SOURCE);
  return { holidays, workdays, years };
})();

/**
 * The package calendar extended with loaded years; a package year is never overridden.
 *
 * Why package years win: they ship with a reviewed release, and the store refuses to load them, so a
 * stray item can never change a period counted in a year the package already covers.
 */
export function buildCalendar(
  loaded: readonly YearSchedule[],
  base: WorkingCalendar = PACKAGE_CALENDAR,
): WorkingCalendar {
  const holidays = new Set(base.holidays);
  const workdays = new Set(base.workdays);
  const years = new Map(base.years);
  for (const schedule of loaded) {
    if (years.has(schedule.year)) continue;
    years.set(schedule.year, schedule.citation);
    for (const date of schedule.holidays) holidays.add(date);
    for (const date of schedule.workdays) workdays.add(date);
  }
  return { holidays, workdays, years };
}

/** The source of a year in the calendar (`package` or a document number), or undefined if not covered. */
export function calendarSource(
  year: number,
  calendar: WorkingCalendar = PACKAGE_CALENDAR,
): string | undefined {
  assertInteger(year, 'year');
  return calendar.years.get(year);
}

/**
 * Throws a bilingual {@link ValidationError} naming the year when the calendar does not cover it.
 *
 * Why refuse rather than guess: a period counted without the year's official schedule (no Spring
 * Festival, no make-up days) may be too short, and a published notice cannot be taken back.
 */
export function assertYearCovered(year: number, calendar: WorkingCalendar, path = 'calendar'): void {
  if (calendarSource(year, calendar) !== undefined) return;
  const message = {
    zh: `${year}年的法定节假日安排尚未载入（国务院办公厅通知），不能计算该期限；请交易中心载入${year}年安排`,
    en: `The ${year} public-holiday schedule has not been loaded (State Council General Office notice), so this period cannot be counted; the centre must load ${year} first`,
  };
  throw new ValidationError(message, [{ path, message, rule: CALENDAR_YEAR_RULE }], {
    extensions: { year },
  });
}

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

/** Whether an error is the refusal of {@link assertYearCovered} (a year without a schedule). */
export function isMissingCalendarYear(error: unknown): boolean {
  return error instanceof ValidationError && error.errors.some((issue) => issue.rule === CALENDAR_YEAR_RULE);
}

/**
 * Whether a China-local date is a working day: make-up days count, official holidays and weekends do not.
 *
 * A date in a year the calendar does not cover is refused (see {@link assertYearCovered}).
 */
export function isWorkingDay(date: string, calendar: WorkingCalendar = PACKAGE_CALENDAR): boolean {
  const ms = parseDate(date);
  assertYearCovered(Number(date.slice(0, 4)), calendar);
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6;
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
export function nextWorkingDay(date: string, calendar: WorkingCalendar = PACKAGE_CALENDAR): string {
  let day = addCalendarDays(date, 1);
  while (!isWorkingDay(day, calendar)) day = addCalendarDays(day, 1);
  return day;
}

/**
 * The date `n` working days after `date`, the start day not counted (87号令第85条); negative `n` counts back.
 *
 * "5个工作日" notice and document periods end on this day; `n = 0` returns `date` itself.
 */
export function addWorkingDays(
  date: string,
  n: number,
  calendar: WorkingCalendar = PACKAGE_CALENDAR,
): string {
  assertInteger(n, 'n');
  parseDate(date);
  const step = n < 0 ? -1 : 1;
  let day = date;
  for (let left = Math.abs(n); left > 0; ) {
    day = addCalendarDays(day, step);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
}

/**
 * The last day of a period of `n` days or working days starting on `start`, per 87号令第85条.
 *
 * The start day is not counted; a calendar-day period whose last day is not a working day ends on the
 * next working day. Because 以上/以下/内 include the number (第86条), "不少于n日" is met on this day.
 */
export function periodEnd(
  start: string,
  n: number,
  unit: 'days' | 'workingDays',
  calendar: WorkingCalendar = PACKAGE_CALENDAR,
): string {
  assertInteger(n, 'n');
  if (n < 0) {
    const message = { zh: '期间天数不能为负', en: 'A period cannot be negative' };
    throw new ValidationError(message, [{ path: 'n', message }]);
  }
  if (unit === 'workingDays') return addWorkingDays(start, n, calendar);
  const last = addCalendarDays(start, n);
  return isWorkingDay(last, calendar) ? last : nextWorkingDay(last, calendar);
}

/**
 * Every problem of a year's schedule: dates outside the year, a date both off and working, a make-up
 * working day that is not a Saturday or Sunday; empty when the schedule may be loaded.
 *
 * Why these checks: a make-up day on a weekday or a day in the wrong year is a typing slip that would
 * silently shorten or lengthen every period counted across it.
 */
export function checkYearSchedule(schedule: YearSchedule): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, zh: string, en: string) => issues.push({ path, message: { zh, en } });
  const holidays = new Set(schedule.holidays);
  const lists = [
    ['holidays', schedule.holidays],
    ['workdays', schedule.workdays],
  ] as const;
  for (const [name, dates] of lists) {
    const seen = new Set<string>();
    dates.forEach((date, i) => {
      const path = `body.${name}.${i}`;
      const match = DATE_PATTERN.exec(date);
      const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
      if (!match || Number.isNaN(ms) || formatUtcDate(ms) !== date) {
        add(path, `日期“${date}”无效，应为 YYYY-MM-DD`, `Invalid date '${date}', expected YYYY-MM-DD`);
        return;
      }
      if (Number(match[1]) !== schedule.year) {
        add(path, `${date}不在${schedule.year}年内`, `${date} is not in ${schedule.year}`);
      }
      if (seen.has(date)) add(path, `${date}重复列出`, `${date} is listed twice`);
      seen.add(date);
      const weekday = new Date(ms).getUTCDay();
      if (name === 'workdays' && weekday !== 0 && weekday !== 6) {
        add(
          path,
          `调休上班日${date}须为星期六或星期日`,
          `The make-up working day ${date} must be a Saturday or Sunday`,
        );
      }
      if (name === 'workdays' && holidays.has(date)) {
        add(
          path,
          `${date}不能既是放假日又是调休上班日`,
          `${date} cannot be both a day off and a make-up working day`,
        );
      }
    });
  }
  if (schedule.holidays.length === 0) {
    add('body.holidays', '放假日不能为空', 'The schedule lists no days off');
  }
  return issues;
}
