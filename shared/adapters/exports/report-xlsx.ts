/**
 * Exports a {@link TradeReport} as an Excel workbook for centre staff: 汇总 plus one sheet per
 * breakdown, with the CSV's column table (report-export.ts).
 *
 * Why a module of its own: exceljs is a megabyte; only the workbook's function imports this file.
 */
import type { Workbook, Worksheet } from 'exceljs';
import ExcelJS from 'exceljs';
import type { TradeReport } from '../../domain/savings';
import {
  BREAKDOWNS,
  FIGURE_COLUMNS,
  type FigureRow,
  listHeaders,
  listMetadata,
  listTexts,
  SUMMARY_TITLE,
  TOTALS_LABEL,
  toFigureRows,
  WAN_YUAN_NUMBER_FORMAT,
} from './report-export';

/** Display width of a text in Excel column units: CJK and full-width characters count twice. */
function measureText(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

/** Sizes every used column to its widest cell, within sensible bounds. */
function fitColumns(sheet: Worksheet): void {
  for (let index = 1; index <= sheet.columnCount; index += 1) {
    const column = sheet.getColumn(index);
    let widest = 0;
    column.eachCell({ includeEmpty: false }, (cell) => {
      widest = Math.max(widest, measureText(cell.text));
    });
    column.width = Math.min(Math.max(widest + 2, 8), 60);
  }
}

/** Adds a sheet with a bold, frozen header row and one row per labelled set of figures. */
function addFigureSheet(workbook: Workbook, name: string, figureRows: readonly FigureRow[]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.addRow(listHeaders()).font = { bold: true };
  for (const figureRow of figureRows) {
    const texts = listTexts(figureRow.figures);
    const row = sheet.addRow([
      figureRow.label,
      ...FIGURE_COLUMNS.map((column, index) => {
        const text = texts[index] ?? '';
        return column.kind === 'percent' ? text : Number(text);
      }),
    ]);
    FIGURE_COLUMNS.forEach((column, index) => {
      if (column.kind === 'amount') row.getCell(index + 2).numFmt = WAN_YUAN_NUMBER_FORMAT;
    });
  }
  return sheet;
}

/** Parses the report's ISO timestamp for the workbook properties; undefined when unparsable. */
function parseTimestamp(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Renders a trade report as an .xlsx workbook: 汇总 plus one sheet per breakdown.
 *
 * Amounts are real numbers in 万元 (read from the exact decimal strings) so staff can sum and chart
 * them; rates stay text so "—" for a zero base survives; the file's dates come from the report, so the
 * same report always gives the same cells.
 */
export async function toXlsx(report: TradeReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const generated = parseTimestamp(report.generatedAt);
  if (generated) {
    workbook.created = generated;
    workbook.modified = generated;
  }
  const summary = addFigureSheet(workbook, SUMMARY_TITLE, [{ label: TOTALS_LABEL, figures: report.totals }]);
  summary.addRow([]);
  for (const [label, value] of listMetadata(report))
    summary.addRow([label, value]).getCell(1).font = { bold: true };
  fitColumns(summary);
  for (const breakdown of BREAKDOWNS) {
    fitColumns(addFigureSheet(workbook, breakdown.title, toFigureRows(breakdown.linesOf(report))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
