import {
  CATEGORY_LABELS,
  type Category,
  PROCUREMENT_METHOD_LABELS,
  type ProcurementMethod,
  TRADE_TYPE_LABELS,
  type TradeType,
} from './rules';
import type { ReportFigures } from './savings';

/** The facets of a traded tender that reports break down by. */
export interface TradeFacets {
  /** Year of the award, China time. */
  year: number;
  /** Month of the award, 1–12, China time. */
  month: number;
  /** The purchasing unit. */
  unitOrgId: string;
  /** Its name, shown on report lines. */
  unitName: string;
  /** Trade type. */
  tradeType: string;
  /** Category. */
  category: string;
  /** Procurement method. */
  method: string;
}

/** A report scope: the whole year, or the year narrowed to one facet value. */
export type ReportScope =
  | { kind: 'all' }
  | { kind: 'month'; value: number }
  | { kind: 'unit'; value: string }
  | { kind: 'tradeType'; value: string }
  | { kind: 'category'; value: string }
  | { kind: 'method'; value: string };

const DIMENSIONS = ['month', 'tradeType', 'category', 'method', 'unit'] as const;

/** A breakdown dimension of a report. */
export type Dimension = (typeof DIMENSIONS)[number];

/** The key of a scope, e.g. `ALL`, `MONTH#03`, `UNIT#org-1`. */
export function scopeKey(scope: ReportScope): string {
  if (scope.kind === 'all') return 'ALL';
  const value = scope.kind === 'month' ? String(scope.value).padStart(2, '0') : scope.value;
  return `${scope.kind.toUpperCase()}#${value}`;
}

/** The key of one line of a breakdown, e.g. `CATEGORY#goods`. */
export function lineKey(dimension: Dimension, facets: TradeFacets): string {
  const value =
    dimension === 'month'
      ? String(facets.month).padStart(2, '0')
      : dimension === 'unit'
        ? facets.unitOrgId
        : facets[dimension];
  return `${dimension.toUpperCase()}#${value}`;
}

/**
 * Every (scope, line) counter a traded tender adds to: each scope's total and its breakdown lines.
 *
 * Why fixed: a report of any scope then reads one partition of at most (1 + lines) items, the same
 * for 3 tenders or 3,000 — it grows with months, units and categories, never with tenders.
 */
export function countersFor(facets: TradeFacets): { scope: string; line: string; label: string }[] {
  const scopes: ReportScope[] = [
    { kind: 'all' },
    { kind: 'month', value: facets.month },
    { kind: 'unit', value: facets.unitOrgId },
    { kind: 'tradeType', value: facets.tradeType },
    { kind: 'category', value: facets.category },
    { kind: 'method', value: facets.method },
  ];
  return scopes.flatMap((scope) => [
    { scope: scopeKey(scope), line: 'TOTAL', label: '合计' },
    ...DIMENSIONS.filter((dimension) => dimension !== scope.kind).map((dimension) => ({
      scope: scopeKey(scope),
      line: lineKey(dimension, facets),
      label: lineLabel(dimension, facets),
    })),
  ]);
}

/** The Chinese label of a breakdown line. */
export function lineLabel(dimension: Dimension, facets: TradeFacets): string {
  switch (dimension) {
    case 'month':
      return `${facets.year}年${facets.month}月`;
    case 'unit':
      return facets.unitName;
    case 'tradeType':
      return TRADE_TYPE_LABELS[facets.tradeType as TradeType]?.zh ?? facets.tradeType;
    case 'category':
      return CATEGORY_LABELS[facets.category as Category]?.zh ?? facets.category;
    case 'method':
      return PROCUREMENT_METHOD_LABELS[facets.method as ProcurementMethod]?.zh ?? facets.method;
  }
}

/** The counters a change adds; only the named figures move. */
export type FiguresDelta = Partial<ReportFigures>;
