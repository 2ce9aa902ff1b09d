import type { CalendarYear } from '../schemas/calendar';

/**
 * Storage of the years the centre loads into the working-day calendar.
 *
 * Why a port: the use cases build the calendar value from it, and tests may swap it.
 */
export interface CalendarRepository {
  /** Every loaded year, oldest first. */
  list(): Promise<CalendarYear[]>;
  /** One loaded year, or null. */
  get(year: number): Promise<CalendarYear | null>;
  /**
   * Writes a year's new version; fails with a ConflictError when the stored version is not
   * `expectedVersion` (0 = the year must not be loaded yet), so two concurrent loads cannot both win.
   */
  put(year: CalendarYear, expectedVersion: number): Promise<void>;
}
