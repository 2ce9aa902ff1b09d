import { type ReportScope, scopeKey } from '../domain/aggregates';
import { formatPercent } from '../domain/money';
import { emptyFigures, formatFigures, type ReportLine, type TradeReport } from '../domain/savings';
import type { Deps } from '../ports/deps';
import type { Caller } from './tender-change';

/** Line-key prefixes of each breakdown. */
const BREAKDOWNS = {
  byMonth: 'MONTH#',
  byTradeType: 'TRADETYPE#',
  byCategory: 'CATEGORY#',
  byMethod: 'METHOD#',
  byUnit: 'UNIT#',
} as const;

/**
 * The trade report of a year, or of the year narrowed to one month, unit, trade type, category or
 * method: totals, breakdowns and progress against the year's target — read from the counters the
 * awards keep, one partition, never the tenders.
 */
export async function tradeReport(
  input: { year: number; scope: ReportScope },
  deps: Deps,
): Promise<TradeReport> {
  const { lines, itemsRead } = await deps.reports.readScope(input.year, scopeKey(input.scope));
  const breakdown = (prefix: string): ReportLine[] =>
    [...lines.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, figures]) => ({ ...figures, key: key.toLowerCase(), label: figures.label }));
  const { label: _label, ...totals } = lines.get('TOTAL') ?? { ...emptyFigures(), label: '合计' };
  const target = await deps.reports.getTarget(input.year);
  return {
    year: input.year,
    month: input.scope.kind === 'month' ? input.scope.value : undefined,
    generatedAt: deps.clock.now().toISOString(),
    totals,
    breakdowns: {
      byMonth: breakdown(BREAKDOWNS.byMonth),
      byTradeType: breakdown(BREAKDOWNS.byTradeType),
      byCategory: breakdown(BREAKDOWNS.byCategory),
      byMethod: breakdown(BREAKDOWNS.byMethod),
      byUnit: breakdown(BREAKDOWNS.byUnit),
    },
    target: target
      ? { projects: target.projects, progressPercent: formatPercent(totals.count, target.projects) }
      : undefined,
    itemsRead,
  };
}

/** Sets a year's target number of projects (centre staff). */
export async function setTarget(
  input: { caller: Caller; year: number; projects: number },
  deps: Deps,
): Promise<{ year: number; projects: number; setBy: string; setAt: string }> {
  const target = { projects: input.projects, setBy: input.caller.sub, setAt: deps.clock.now().toISOString() };
  await deps.reports.setTarget(input.year, target);
  return { year: input.year, ...target };
}

/** The report as the API answers it: every figure in 分 and, beside it, as 万元 strings and rates. */
export function presentReport(report: TradeReport) {
  const present = (lines: ReportLine[]) => lines.map((line) => ({ ...line, formatted: formatFigures(line) }));
  return {
    ...report,
    totals: { ...report.totals, formatted: formatFigures(report.totals) },
    breakdowns: {
      byMonth: present(report.breakdowns.byMonth),
      byTradeType: present(report.breakdowns.byTradeType),
      byCategory: present(report.breakdowns.byCategory),
      byMethod: present(report.breakdowns.byMethod),
      byUnit: present(report.breakdowns.byUnit),
    },
  };
}

/** The report scope a query names (at most one of month, unit, trade type, category, method). */
export function scopeOfQuery(query: {
  month?: number | undefined;
  unit?: string | undefined;
  tradeType?: string | undefined;
  category?: string | undefined;
  method?: string | undefined;
}): ReportScope {
  if (query.month !== undefined) return { kind: 'month', value: query.month };
  if (query.unit !== undefined) return { kind: 'unit', value: query.unit };
  if (query.tradeType !== undefined) return { kind: 'tradeType', value: query.tradeType };
  if (query.category !== undefined) return { kind: 'category', value: query.category };
  if (query.method !== undefined) return { kind: 'method', value: query.method };
  return { kind: 'all' };
}
