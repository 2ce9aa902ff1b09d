import * as z from 'zod';
import type { FormattedFigures, ReportFigures } from '../domain/savings';
import { FenSchema, InstantSchema } from './common';

/** An amount in 分 that may be negative: a saving of an over-budget deal, a premium of a deal below its start price (older sealed transfers). */
const SignedFenSchema = z.number().int().meta({ description: 'Amount in 分, integer, may be negative' });

/** A count of projects. */
const CountSchema = z.number().int().min(0);

/**
 * The summable figures of a trade report in 分 (项目数, 预算金额, 成交金额, 节约资金, SME amounts…).
 *
 * Why a schema of a domain shape: the dashboard reads the report through the API and must know its
 * fields from one definition; the `satisfies` below fails to compile when the two part ways.
 */
export const ReportFiguresSchema = z
  .object({
    count: CountSchema,
    budgetFen: FenSchema,
    dealFen: FenSchema,
    savingsFen: SignedFenSchema,
    smeDealFen: FenSchema,
    smallMicroDealFen: FenSchema,
    electronicCount: CountSchema,
    startPriceFen: FenSchema,
    premiumFen: SignedFenSchema,
    rightsCount: CountSchema,
    rightsDealFen: FenSchema,
  })
  .strict() satisfies z.ZodType<ReportFigures>;

/**
 * The same figures as the server formats them: 万元 strings ("3455.14万元") and rates ("7.39%", "—").
 *
 * Why sent: the rates are derived from the summed integers on the server, so no client recomputes them.
 */
export const FormattedFiguresSchema = z
  .object({
    count: z.string(),
    budgetWanYuan: z.string(),
    dealWanYuan: z.string(),
    savingsWanYuan: z.string(),
    savingsRate: z.string(),
    smeDealWanYuan: z.string(),
    smeShare: z.string(),
    smallMicroDealWanYuan: z.string(),
    smallMicroShare: z.string(),
    electronicCount: z.string(),
    electronicRate: z.string(),
    startPriceWanYuan: z.string(),
    premiumWanYuan: z.string(),
    premiumRate: z.string(),
    rightsCount: z.string(),
    rightsDealWanYuan: z.string(),
  })
  .strict() satisfies z.ZodType<FormattedFigures>;

/** One line of a breakdown: a month, trade type, category, method or purchasing unit, with its figures. */
export const ReportLineSchema = ReportFiguresSchema.extend({
  key: z.string().meta({ description: 'Stable key, e.g. month#03 or category#goods' }),
  label: z.string().meta({ description: 'Chinese label, e.g. 2022年3月 or 货物' }),
  formatted: FormattedFiguresSchema,
}).strict();

/**
 * The trade report as `GET /api/reports/trade` answers it: totals, five breakdowns and the target.
 *
 * The CSV and the workbook carry the same figures, so a page, a download and the API agree.
 */
export const TradeReportSchema = z
  .object({
    year: z.number().int(),
    month: z.number().int().min(1).max(12).optional(),
    generatedAt: InstantSchema,
    totals: ReportFiguresSchema.extend({ formatted: FormattedFiguresSchema }).strict(),
    breakdowns: z
      .object({
        byMonth: z.array(ReportLineSchema),
        byTradeType: z.array(ReportLineSchema),
        byCategory: z.array(ReportLineSchema),
        byMethod: z.array(ReportLineSchema),
        byUnit: z.array(ReportLineSchema),
      })
      .strict(),
    target: z
      .object({
        projects: z.number().int().min(1),
        progressPercent: z.string().meta({ description: 'count / target, e.g. "62.00%"' }),
      })
      .strict()
      .optional(),
    itemsRead: z.number().int().min(0),
  })
  .strict();

/** The trade report of a year or a month. */
export type TradeReportView = z.infer<typeof TradeReportSchema>;
