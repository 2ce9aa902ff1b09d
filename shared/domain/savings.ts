/**
 * Savings (节约资金, 节约率), land and mining-rights premiums (溢价, 溢价率) and the figures of the
 * trade report (DESIGN.md §1 and §3).
 *
 * The centre publishes these numbers, e.g. 成交金额 3455.14万元 and 节约资金 275.8万元 for 2022, so they
 * are computed on integer 分 and formatted with the exact helpers of `money.ts`; no float ever touches
 * an amount. The module is pure: no I/O, no clock.
 */

import type { Fen } from './money';
import { assertFen, formatPercent, formatWanYuan } from './money';

/** Input of {@link savingsOf}: a project's (or a total's) budget and deal amount in 分. */
export interface SavingsInput {
  /** Budget (预算金额) in 分, non-negative. */
  budgetFen: Fen;
  /** Deal amount (成交金额) in 分, non-negative. */
  dealFen: Fen;
}

/** Result of {@link savingsOf}. */
export interface Savings {
  /** 节约资金 = budget − deal, in 分; negative when the deal exceeds the budget. */
  savingsFen: Fen;
  /** 节约率 = savings / budget, e.g. "7.39%"; "—" for a zero budget. */
  savingsRate: string;
}

/**
 * Computes 节约资金 and 节约率 of a budget and a deal amount.
 *
 * DESIGN.md §3 defines savings as budget − deal; the sign is kept so an over-budget deal shows as a
 * negative saving instead of silently reading as zero.
 */
export function savingsOf(input: SavingsInput): Savings {
  const budgetFen = assertFen(input.budgetFen, { field: 'budgetFen' });
  const dealFen = assertFen(input.dealFen, { field: 'dealFen' });
  const savingsFen = normaliseZero(budgetFen - dealFen);
  return { savingsFen, savingsRate: formatPercent(savingsFen, budgetFen) };
}

/** Input of {@link premiumOf}: a transfer's public start price and deal amount in 分. */
export interface PremiumInput {
  /** Start price (起始价 / 起叫价) in 分, non-negative: the published price, not the sealed reserve. */
  startPriceFen: Fen;
  /** Deal amount (成交价) in 分, non-negative. */
  dealFen: Fen;
}

/** Result of {@link premiumOf}. */
export interface Premium {
  /** 溢价 = deal − start price, in 分; never negative for a live transfer (the first quote is at least the start). */
  premiumFen: Fen;
  /** 溢价率 = premium / start price, e.g. "25.00%"; "—" for a zero start price. */
  premiumRate: string;
}

/**
 * Computes 溢价 and 溢价率 of a land or mining-rights transfer.
 *
 * Transfers are auctioned upwards, so the reports show how far the price rose above the public start
 * price, as land markets report it (the sealed reserve decides only whether the parcel sells), instead
 * of a saving against a budget.
 */
export function premiumOf(input: PremiumInput): Premium {
  const startPriceFen = assertFen(input.startPriceFen, { field: 'startPriceFen' });
  const dealFen = assertFen(input.dealFen, { field: 'dealFen' });
  const premiumFen = normaliseZero(dealFen - startPriceFen);
  return { premiumFen, premiumRate: formatPercent(premiumFen, startPriceFen) };
}

/** Turns -0 into 0 so no formatted figure ever reads "-0". */
function normaliseZero(value: number): number {
  return value === 0 ? 0 : value;
}

/**
 * The summable figures of a trade report, for all trades or one slice of them; amounts in 分.
 *
 * Every field is an integer that adds up across slices, so totals are plain sums and rates are derived
 * only when displayed; this is the contract between the report API and the exporters.
 */
export interface ReportFigures {
  /** Government-procurement projects traded. */
  count: number;
  /** Sum of budgets (预算金额). */
  budgetFen: Fen;
  /** Sum of deal amounts (成交金额). */
  dealFen: Fen;
  /** Sum of savings (节约资金); may be negative. */
  savingsFen: Fen;
  /** Deal amount awarded to SMEs (中小企业). */
  smeDealFen: Fen;
  /** Deal amount awarded to small and micro firms (小微企业), a part of {@link ReportFigures.smeDealFen}. */
  smallMicroDealFen: Fen;
  /** Projects traded fully electronically (全流程电子化). */
  electronicCount: number;
  /** Sum of the start prices (起始价) of land and mining-rights transfers traded. */
  startPriceFen: Fen;
  /** Sum of transfer premiums (溢价). */
  premiumFen: Fen;
  /** Land and mining-rights transfers (土地矿权出让) traded. */
  rightsCount: number;
  /** Sum of transfer deal amounts. */
  rightsDealFen: Fen;
}

/**
 * One row of a report breakdown: the figures of one month, trade type, category, method or unit.
 *
 * The key is stable for machines and the label is what people read, so exports and the UI never have
 * to translate keys themselves.
 */
export interface ReportLine extends ReportFigures {
  /** Stable key, e.g. `month:2022-03` or `category:goods`. */
  key: string;
  /** Display label, e.g. 2022年3月 or 货物. */
  label: string;
}

/**
 * The trade report of one year, or of one month of it, with its totals and breakdowns.
 *
 * One shape serves the API response, the CSV and the workbook, so all three always carry the same
 * figures.
 */
export interface TradeReport {
  /** Report year, e.g. 2022. */
  year: number;
  /** Month 1–12 for a monthly report; absent for the whole year. */
  month?: number | undefined;
  /** When the report was produced, ISO 8601. */
  generatedAt: string;
  /** Figures of every trade in the period. */
  totals: ReportFigures;
  /** The same figures split five ways. */
  breakdowns: {
    byMonth: ReportLine[];
    byTradeType: ReportLine[];
    byCategory: ReportLine[];
    byMethod: ReportLine[];
    byUnit: ReportLine[];
  };
  /** The year's target (目标项目数) and progress towards it, e.g. "62.00%"; absent when none is set. */
  target?: { projects: number; progressPercent: string } | undefined;
  /** Aggregate items read to build the report, for cost monitoring. */
  itemsRead: number;
}

/** {@link ReportFigures} as display strings, from {@link formatFigures}. */
export interface FormattedFigures {
  /** Projects traded, e.g. "31". */
  count: string;
  /** Budget, e.g. "3730.94万元". */
  budgetWanYuan: string;
  /** Deal amount, e.g. "3455.14万元". */
  dealWanYuan: string;
  /** Savings, e.g. "275.8万元"; may start with "-". */
  savingsWanYuan: string;
  /** 节约率, savings / budget. */
  savingsRate: string;
  /** Deal amount awarded to SMEs. */
  smeDealWanYuan: string;
  /** SME share of the deal amount, smeDeal / deal. */
  smeShare: string;
  /** Deal amount awarded to small and micro firms. */
  smallMicroDealWanYuan: string;
  /** Small and micro share of the deal amount, smallMicroDeal / deal. */
  smallMicroShare: string;
  /** Fully electronic projects, e.g. "30". */
  electronicCount: string;
  /** 全流程电子化交易率, electronic / count. */
  electronicRate: string;
  /** Sum of transfer start prices. */
  startPriceWanYuan: string;
  /** Sum of transfer premiums. */
  premiumWanYuan: string;
  /** 溢价率, premium / start price. */
  premiumRate: string;
  /** Transfers traded. */
  rightsCount: string;
  /** Transfer deal amount. */
  rightsDealWanYuan: string;
}

/**
 * Formats report figures for display: 万元 for amounts, two-decimal percentages for rates.
 *
 * Rates are derived here from the summed integers, never stored, so a total's rate is always the
 * rate of its sums rather than an average of rates.
 */
export function formatFigures(f: ReportFigures): FormattedFigures {
  return {
    count: String(f.count),
    budgetWanYuan: formatWanYuan(f.budgetFen),
    dealWanYuan: formatWanYuan(f.dealFen),
    savingsWanYuan: formatWanYuan(f.savingsFen),
    savingsRate: formatPercent(f.savingsFen, f.budgetFen),
    smeDealWanYuan: formatWanYuan(f.smeDealFen),
    smeShare: formatPercent(f.smeDealFen, f.dealFen),
    smallMicroDealWanYuan: formatWanYuan(f.smallMicroDealFen),
    smallMicroShare: formatPercent(f.smallMicroDealFen, f.dealFen),
    electronicCount: String(f.electronicCount),
    electronicRate: formatPercent(f.electronicCount, f.count),
    startPriceWanYuan: formatWanYuan(f.startPriceFen),
    premiumWanYuan: formatWanYuan(f.premiumFen),
    premiumRate: formatPercent(f.premiumFen, f.startPriceFen),
    rightsCount: String(f.rightsCount),
    rightsDealWanYuan: formatWanYuan(f.rightsDealFen),
  };
}

/**
 * Returns figures with every count and amount at zero.
 *
 * The starting value for summing lines, and what a period without trades reports.
 */
export function emptyFigures(): ReportFigures {
  return {
    count: 0,
    budgetFen: 0,
    dealFen: 0,
    savingsFen: 0,
    smeDealFen: 0,
    smallMicroDealFen: 0,
    electronicCount: 0,
    startPriceFen: 0,
    premiumFen: 0,
    rightsCount: 0,
    rightsDealFen: 0,
  };
}

/**
 * Adds two sets of figures field by field.
 *
 * Every field is an integer, so the sum is exact and order-independent; breakdown lines added up give
 * exactly the totals.
 */
export function addFigures(a: ReportFigures, b: ReportFigures): ReportFigures {
  return {
    count: a.count + b.count,
    budgetFen: a.budgetFen + b.budgetFen,
    dealFen: a.dealFen + b.dealFen,
    savingsFen: a.savingsFen + b.savingsFen,
    smeDealFen: a.smeDealFen + b.smeDealFen,
    smallMicroDealFen: a.smallMicroDealFen + b.smallMicroDealFen,
    electronicCount: a.electronicCount + b.electronicCount,
    startPriceFen: a.startPriceFen + b.startPriceFen,
    premiumFen: a.premiumFen + b.premiumFen,
    rightsCount: a.rightsCount + b.rightsCount,
    rightsDealFen: a.rightsDealFen + b.rightsDealFen,
  };
}
