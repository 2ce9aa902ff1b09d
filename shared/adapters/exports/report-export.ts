/**
 * Exports a {@link TradeReport} as CSV for centre staff (DESIGN.md §1), and the column table the
 * workbook (report-xlsx.ts, apart so that only its function carries exceljs) shares.
 *
 * Staff open reports in Excel and add figures up there, so amounts go out as plain 万元 numbers taken
 * from the exact strings of `formatWanYuan`, never from float division; both formats share one column
 * table, so the CSV and the workbook always carry the same figures.
 */

import type { Fen } from '../../domain/money';
import { formatWanYuan } from '../../domain/money';
import type { FormattedFigures, ReportFigures, ReportLine, TradeReport } from '../../domain/savings';
import { formatFigures } from '../../domain/savings';

/** How a column's value is written: counts and amounts are numbers in the workbook, rates stay text. */
type ColumnKind = 'count' | 'amount' | 'percent';

/** One figure column of every table, shared by the CSV and the workbook. */
interface FigureColumn {
  /** Chinese column header. */
  header: string;
  /** How the workbook writes the value. */
  kind: ColumnKind;
  /** The value as exact text: digits for counts and 万元 amounts, e.g. "7.39%" for rates. */
  textOf: (raw: ReportFigures, shown: FormattedFigures) => string;
}

/** Header of the first column, naming the row (合计, a month, a category…). */
const DIMENSION_HEADER = '维度';

/** Label of the totals row. */
export const TOTALS_LABEL = '合计';

/** Name of the totals sheet and title of the totals table. */
export const SUMMARY_TITLE = '汇总';

/** Excel number format for 万元 amounts: two decimals always, up to six (1分) when present. */
export const WAN_YUAN_NUMBER_FORMAT = '0.00####';

/** Formats 分 as a bare 万元 decimal, e.g. 3455140000 → "3455.14", so spreadsheets can sum it. */
function wanYuanDigits(fen: Fen): string {
  return formatWanYuan(fen).replace(/万元$/, '');
}

/** The figure columns, in the order of the report; the 维度 column comes before them. */
export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { header: '项目数', kind: 'count', textOf: (f) => String(f.count) },
  { header: '预算金额(万元)', kind: 'amount', textOf: (f) => wanYuanDigits(f.budgetFen) },
  { header: '成交金额(万元)', kind: 'amount', textOf: (f) => wanYuanDigits(f.dealFen) },
  { header: '节约资金(万元)', kind: 'amount', textOf: (f) => wanYuanDigits(f.savingsFen) },
  { header: '节约率', kind: 'percent', textOf: (_f, shown) => shown.savingsRate },
  { header: '中小企业成交金额(万元)', kind: 'amount', textOf: (f) => wanYuanDigits(f.smeDealFen) },
  { header: '小微企业成交金额(万元)', kind: 'amount', textOf: (f) => wanYuanDigits(f.smallMicroDealFen) },
  { header: '全流程电子化项目数', kind: 'count', textOf: (f) => String(f.electronicCount) },
  { header: '出让项目数', kind: 'count', textOf: (f) => String(f.rightsCount) },
  { header: '出让成交金额(万元)', kind: 'amount', textOf: (f) => wanYuanDigits(f.rightsDealFen) },
  { header: '溢价(万元)', kind: 'amount', textOf: (f) => wanYuanDigits(f.premiumFen) },
];

/** One breakdown table: its title (also the sheet name) and where its lines are in the report. */
interface Breakdown {
  title: string;
  linesOf: (report: TradeReport) => ReportLine[];
}

/** The breakdown tables, in the order they are exported. */
export const BREAKDOWNS: readonly Breakdown[] = [
  { title: '按月份', linesOf: (r) => r.breakdowns.byMonth },
  { title: '按交易类型', linesOf: (r) => r.breakdowns.byTradeType },
  { title: '按品目', linesOf: (r) => r.breakdowns.byCategory },
  { title: '按采购方式', linesOf: (r) => r.breakdowns.byMethod },
  { title: '按采购单位', linesOf: (r) => r.breakdowns.byUnit },
];

/** A labelled row of figures, before it is written in either format. */
export interface FigureRow {
  label: string;
  figures: ReportFigures;
}

/** The header row of every figure table. */
export function listHeaders(): string[] {
  return [DIMENSION_HEADER, ...FIGURE_COLUMNS.map((column) => column.header)];
}

/** The figure texts of one row, in column order. */
export function listTexts(figures: ReportFigures): string[] {
  const shown = formatFigures(figures);
  return FIGURE_COLUMNS.map((column) => column.textOf(figures, shown));
}

/** The report's header block as label / value pairs: period, generation time and target. */
export function listMetadata(report: TradeReport): Array<[string, string | number]> {
  return [
    ['年度', report.year],
    ['月份', report.month ?? '全年'],
    ['生成时间', report.generatedAt],
    ['目标项目数', report.target?.projects ?? ''],
    ['完成进度', report.target?.progressPercent ?? ''],
  ];
}

/** Breakdown lines as labelled rows. */
export function toFigureRows(lines: readonly ReportLine[]): FigureRow[] {
  return lines.map((line) => ({ label: line.label, figures: line }));
}

/**
 * Stops a spreadsheet from reading free text as a formula by prefixing an apostrophe.
 *
 * Labels such as unit names come from users; a CSV field starting with = + - @ would otherwise run as
 * a formula when the file is opened in Excel (CSV injection).
 */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Quotes a CSV field per RFC 4180 when it holds a comma, a double quote, CR or LF. */
function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Renders a trade report as CSV: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting.
 *
 * Excel only reads Chinese CSV correctly when a BOM announces UTF-8; amounts are bare 万元 decimals
 * (no unit suffix) so the cells stay summable.
 */
export function toCsv(report: TradeReport): string {
  const rows: string[][] = listMetadata(report).map(([label, value]) => [label, String(value)]);
  const pushTable = (title: string, figureRows: readonly FigureRow[]): void => {
    rows.push([], [title], listHeaders());
    for (const row of figureRows) rows.push([neutraliseFormula(row.label), ...listTexts(row.figures)]);
  };
  pushTable(SUMMARY_TITLE, [{ label: TOTALS_LABEL, figures: report.totals }]);
  for (const breakdown of BREAKDOWNS) pushTable(breakdown.title, toFigureRows(breakdown.linesOf(report)));
  const body = rows.map((row) => row.map(quoteCsvField).join(',')).join('\r\n');
  return `\uFEFF${body}\r\n`;
}
