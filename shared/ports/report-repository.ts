import type { ReportFigures } from '../domain/savings';

/** The counters of one report scope, by line key (`TOTAL`, `MONTH#03`, `CATEGORY#goods`, …). */
export interface ScopeCounters {
  /** Figures and label per line. */
  lines: Map<string, ReportFigures & { label: string }>;
  /** How many items were read: the proof a report costs the same for 3 tenders or 3,000. */
  itemsRead: number;
}

/** Storage of report counters and yearly targets. */
export interface ReportRepository {
  /** Reads every counter of one scope of one year (one Query of one partition). */
  readScope(year: number, scope: string): Promise<ScopeCounters>;
  /** The target number of projects for a year, or null. */
  getTarget(year: number): Promise<{ projects: number; setBy: string; setAt: string } | null>;
  /** Sets the target of a year. */
  setTarget(year: number, target: { projects: number; setBy: string; setAt: string }): Promise<void>;
}
