import {
  buildCalendar,
  checkYearSchedule,
  chinaDate,
  isMissingCalendarYear,
  PACKAGE_CALENDAR,
  PACKAGE_SOURCE,
  type WorkingCalendar,
} from '../domain/calendar';
import { ConflictError, ValidationError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import type { Deps } from '../ports/deps';
import type { CalendarYear, CalendarYearBody } from '../schemas/calendar';
import type { Caller } from './tender-change';

/**
 * The working-day calendar every legal period is counted on: the package's years merged with the
 * years the centre loaded.
 *
 * Why one builder: publication, correction, the award and the tick must count on the same value.
 */
export async function loadWorkingCalendar(deps: Deps): Promise<WorkingCalendar> {
  return buildCalendar(await deps.calendar.list());
}

/**
 * Runs a pure period computation on the working-day calendar: on the package's years alone first,
 * and only if that meets a year the package does not cover, on the merge with the loaded years.
 *
 * Why this is the same answer as always merging: a loaded year never overrides a package year, so a
 * computation that needs no other year counts identically on both — and the store is read only for
 * periods that reach past the package (a December publication with a January deadline).
 */
export async function countOnCalendar<T>(deps: Deps, count: (calendar: WorkingCalendar) => T): Promise<T> {
  try {
    return count(PACKAGE_CALENDAR);
  } catch (error) {
    if (!isMissingCalendarYear(error)) throw error;
  }
  return count(await loadWorkingCalendar(deps));
}

/** Input of {@link putCalendarYear}. */
export interface PutCalendarYearInput {
  /** The centre user loading the schedule. */
  caller: Caller;
  /** Which year. */
  year: number;
  /** The schedule, from the State Council General Office's notice. */
  body: CalendarYearBody;
}

/** The digest of a schedule's content: year, citation, publication day and the sorted dates. */
function scheduleDigest(
  year: number,
  body: CalendarYearBody,
  holidays: string[],
  workdays: string[],
): string {
  return sha256Hex(
    canonicalJson({ year, citation: body.citation, publishedOn: body.publishedOn, holidays, workdays }),
  );
}

/**
 * Loads (or replaces) one year's official holiday schedule (centre staff).
 *
 * Why these refusals: a year the package ships is fixed by the release (update the package instead);
 * a loaded year is replaced only with a written reason, as a new version whose predecessor's digest
 * stays on the item, because tenders already published counted their periods on it.
 */
export async function putCalendarYear(input: PutCalendarYearInput, deps: Deps): Promise<CalendarYear> {
  const { year, body, caller } = input;
  if (PACKAGE_CALENDAR.years.has(year)) {
    throw new ConflictError({
      zh: `${year}年的节假日安排已随系统的 chinese-days 数据提供，不能另行载入`,
      en: `The ${year} schedule ships with the portal's chinese-days data and cannot be loaded over it`,
    });
  }
  const issues = checkYearSchedule({ ...body, year });
  const now = deps.clock.now();
  const publishedYear = Number(body.publishedOn.slice(0, 4));
  if (body.publishedOn > chinaDate(now) || publishedYear < year - 1 || publishedYear > year) {
    issues.push({
      path: 'body.publishedOn',
      message: {
        zh: `通知发布日期须在${year - 1}年或${year}年且不晚于今天`,
        en: `The notice must be published in ${year - 1} or ${year}, and not in the future`,
      },
    });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      { zh: `${year}年的节假日安排有误`, en: `The ${year} schedule is invalid` },
      issues,
    );
  }
  const holidays = [...body.holidays].sort();
  const workdays = [...body.workdays].sort();
  const sha256 = scheduleDigest(year, body, holidays, workdays);
  const existing = await deps.calendar.get(year);
  if (existing?.sha256 === sha256) return existing;
  if (existing && !body.reason) {
    const message = {
      zh: `${year}年已载入（${existing.citation}，第${existing.version}版）；替换须说明理由`,
      en: `${year} is already loaded (${existing.citation}, version ${existing.version}); a replacement needs a reason`,
    };
    throw new ValidationError(message, [{ path: 'body.reason', message }]);
  }
  const item: CalendarYear = {
    year,
    citation: body.citation,
    publishedOn: body.publishedOn,
    holidays,
    workdays,
    version: (existing?.version ?? 0) + 1,
    sha256,
    loadedAt: now.toISOString(),
    loadedBy: caller.sub,
    ...(existing && body.reason ? { reason: body.reason } : {}),
    previous: existing
      ? [
          ...existing.previous,
          {
            version: existing.version,
            citation: existing.citation,
            sha256: existing.sha256,
            loadedAt: existing.loadedAt,
            loadedBy: existing.loadedBy,
          },
        ]
      : [],
  };
  await deps.calendar.put(item, existing?.version ?? 0);
  return item;
}

/**
 * The years the calendar covers with their source, and the first year periods may not reach into.
 *
 * Why public: a purchasing unit planning a deadline in January should see whether next year is loaded.
 */
export async function listCalendarYears(deps: Deps) {
  const loaded = await deps.calendar.list();
  const calendar = buildCalendar(loaded);
  const byYear = new Map(loaded.map((entry) => [entry.year, entry]));
  const years = [...calendar.years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, source]) => {
      const entry = source === PACKAGE_SOURCE ? undefined : byYear.get(year);
      return entry
        ? { year, source, version: entry.version, sha256: entry.sha256, loadedAt: entry.loadedAt }
        : { year, source };
    });
  let firstUncovered = Math.max(...PACKAGE_CALENDAR.years.keys()) + 1;
  while (calendar.years.has(firstUncovered)) firstUncovered += 1;
  return { years, firstUncovered };
}
