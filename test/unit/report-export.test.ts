import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { toCsv } from '../../shared/adapters/exports/report-export';
import { toXlsx } from '../../shared/adapters/exports/report-xlsx';
import type { ReportFigures, ReportLine, TradeReport } from '../../shared/domain/savings';
import { addFigures, emptyFigures } from '../../shared/domain/savings';

/** Header row of every figure table, as the CSV writes it. */
const HEADER_ROW =
  '维度,项目数,预算金额(万元),成交金额(万元),节约资金(万元),节约率,中小企业成交金额(万元),小微企业成交金额(万元),' +
  '全流程电子化项目数,出让项目数,出让成交金额(万元),溢价(万元)';

/** The sheet names, in order. */
const SHEET_NAMES = ['汇总', '按月份', '按交易类型', '按品目', '按采购方式', '按采购单位'];

/**
 * 2022 totals, worked by hand: deal 3,455,140,000分 = 3455.14万元; budget 3,730,940,000分 = 3730.94万元;
 * savings 275,800,000分 = 275.8万元, 275.8 / 3730.94 = 0.0739… → 7.39%; SME 2,764,112,000分 = 2764.112万元;
 * small/micro 1,727,570,000分 = 1727.57万元; transfers 187,650,000分 = 187.65万元 with premium
 * 37,650,000分 = 37.65万元.
 */
const TOTALS: ReportFigures = {
  count: 31,
  budgetFen: 3_730_940_000,
  dealFen: 3_455_140_000,
  savingsFen: 275_800_000,
  smeDealFen: 2_764_112_000,
  smallMicroDealFen: 1_727_570_000,
  electronicCount: 30,
  startPriceFen: 150_000_000,
  premiumFen: 37_650_000,
  rightsCount: 2,
  rightsDealFen: 187_650_000,
};

/** Builds a breakdown line from a few figures, the rest zero. */
function makeLine(key: string, label: string, figures: Partial<ReportFigures>): ReportLine {
  return { ...emptyFigures(), ...figures, key, label };
}

/** A small report: two months that add up to the totals, and unit names that need quoting. */
function makeReport(overrides: Partial<TradeReport> = {}): TradeReport {
  const march = makeLine('month:2022-03', '2022年3月', {
    count: 1,
    budgetFen: 1_000_000,
    dealFen: 1_050_000,
    savingsFen: -50_000,
    electronicCount: 1,
  });
  // The rest of the year: totals minus March, so the two lines sum to the totals exactly.
  const november = makeLine('month:2022-11', '2022年11月', {
    ...TOTALS,
    count: 30,
    budgetFen: 3_729_940_000,
    dealFen: 3_454_090_000,
    savingsFen: 275_850_000,
    electronicCount: 29,
  });
  return {
    year: 2022,
    generatedAt: '2023-01-05T08:00:00.000Z',
    totals: TOTALS,
    breakdowns: {
      byMonth: [march, november],
      byTradeType: [makeLine('trade:procurement', '政府采购', TOTALS)],
      byCategory: [
        makeLine('category:goods', '货物', { count: 3, budgetFen: 12_345_678, dealFen: 12_000_000 }),
      ],
      byMethod: [],
      byUnit: [
        makeLine('unit:u1', '区教育局,区卫健委', { count: 2 }),
        makeLine('unit:u2', '第一"实验"小学', { count: 1 }),
        makeLine('unit:u3', '=HYPERLINK("http://x")', { count: 1 }),
      ],
    },
    target: { projects: 50, progressPercent: '62.00%' },
    itemsRead: 42,
    ...overrides,
  };
}

/** Splits CSV text into lines, dropping the BOM and the final CRLF. */
function splitLines(csv: string): string[] {
  return csv
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n');
}

/** The figure fields of a CSV row: the last 11, which never hold commas, whatever the label. */
function figureFields(line: string): string[] {
  return line.split(',').slice(-11);
}

/**
 * Reads an exported workbook back with exceljs.
 *
 * exceljs types `load` as taking an ArrayBuffer-like, which a Node Buffer no longer matches under
 * TypeScript 5.9, so the bytes go in as an exact ArrayBuffer copy.
 */
async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

/** Returns the named sheet, failing the test when it is missing. */
function getSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`missing sheet ${name}`);
  return sheet;
}

/** The values of a row from its first column, without exceljs' unused index 0. */
function readRow(sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  return (sheet.getRow(rowNumber).values as unknown[]).slice(1);
}

describe('toCsv', () => {
  test('starts with a BOM and ends every line with CRLF', () => {
    // Prepare
    const report = makeReport();

    // Act
    const csv = toCsv(report);

    // Assess
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.includes('\r\n')).toBe(true);
    expect(/\r(?!\n)|(?<!\r)\n/.test(csv)).toBe(false);
  });

  test('writes the header block, then the totals with 3455.14 and 275.8 as bare 万元 numbers', () => {
    // Prepare
    const report = makeReport();

    // Act
    const lines = splitLines(toCsv(report));

    // Assess
    expect(lines.slice(0, 9)).toEqual([
      '年度,2022',
      '月份,全年',
      '生成时间,2023-01-05T08:00:00.000Z',
      '目标项目数,50',
      '完成进度,62.00%',
      '',
      '汇总',
      HEADER_ROW,
      '合计,31,3730.94,3455.14,275.8,7.39%,2764.112,1727.57,30,2,187.65,37.65',
    ]);
    expect(lines.join('\n')).not.toContain('万元,');
  });

  test('writes every breakdown table with its title and header, and negative savings with their sign', () => {
    // Prepare
    const report = makeReport();

    // Act
    const lines = splitLines(toCsv(report));

    // Assess
    for (const title of SHEET_NAMES.slice(1)) {
      const at = lines.indexOf(title);
      expect(at, title).toBeGreaterThan(0);
      expect(lines[at - 1]).toBe('');
      expect(lines[at + 1]).toBe(HEADER_ROW);
    }
    expect(lines).toContain('2022年3月,1,1,1.05,-0.05,-5.00%,0,0,1,0,0,0');
    expect(lines).toContain('按采购方式');
    expect(lines[lines.indexOf('按采购方式') + 2]).toBe('');
  });

  test('quotes a field holding a comma or a quote, and defuses a formula', () => {
    // Prepare
    const report = makeReport();

    // Act
    const lines = splitLines(toCsv(report));

    // Assess
    expect(lines).toContain('"区教育局,区卫健委",2,0,0,0,—,0,0,0,0,0,0');
    expect(lines).toContain('"第一""实验""小学",1,0,0,0,—,0,0,0,0,0,0');
    expect(lines).toContain('"\'=HYPERLINK(""http://x"")",1,0,0,0,—,0,0,0,0,0,0');
  });

  test('names the month of a monthly report and leaves an unset target blank', () => {
    // Prepare
    const report = makeReport({ month: 3, target: undefined });

    // Act
    const lines = splitLines(toCsv(report));

    // Assess
    expect(lines.slice(0, 5)).toEqual([
      '年度,2022',
      '月份,3',
      '生成时间,2023-01-05T08:00:00.000Z',
      '目标项目数,',
      '完成进度,',
    ]);
  });

  test('the month lines add up to the totals row', () => {
    // Prepare
    const report = makeReport();
    const [march, november] = report.breakdowns.byMonth;

    // Act
    const lines = splitLines(toCsv({ ...report, totals: addFigures(march!, november!) }));

    // Assess
    expect(lines[8]).toBe('合计,31,3730.94,3455.14,275.8,7.39%,2764.112,1727.57,30,2,187.65,37.65');
  });
});

describe('toXlsx', () => {
  test('has the six sheets with Chinese names, each with a bold frozen header row', async () => {
    // Prepare
    const report = makeReport();

    // Act
    const buffer = await toXlsx(report);
    const workbook = await readWorkbook(buffer);

    // Assess
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(SHEET_NAMES);
    for (const sheet of workbook.worksheets) {
      expect(readRow(sheet, 1).join(','), sheet.name).toBe(HEADER_ROW);
      sheet.getRow(1).eachCell((cell) => {
        expect(cell.font?.bold, `${sheet.name}!${cell.address}`).toBe(true);
      });
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(1).width ?? 0, sheet.name).toBeGreaterThanOrEqual(8);
    }
  });

  test('writes the totals as numbers in 万元 with the amount format, and rates as text', async () => {
    // Prepare
    const report = makeReport();

    // Act
    const workbook = await readWorkbook(await toXlsx(report));

    // Assess
    const summary = getSheet(workbook, '汇总');
    const totals = summary.getRow(2);
    expect(readRow(summary, 2)).toEqual([
      '合计',
      31,
      3730.94,
      3455.14,
      275.8,
      '7.39%',
      2764.112,
      1727.57,
      30,
      2,
      187.65,
      37.65,
    ]);
    for (const column of [3, 4, 5, 7, 8, 11, 12]) expect(totals.getCell(column).numFmt).toBe('0.00####');
    for (const column of [2, 6, 9, 10]) expect(totals.getCell(column).numFmt).not.toBe('0.00####');
    expect(summary.rowCount).toBe(8);
    const metadata = [4, 5, 6, 7, 8].map((row) => readRow(summary, row));
    expect(metadata).toEqual([
      ['年度', 2022],
      ['月份', '全年'],
      ['生成时间', '2023-01-05T08:00:00.000Z'],
      ['目标项目数', 50],
      ['完成进度', '62.00%'],
    ]);
  });

  test('carries the same figures as the CSV, sheet by sheet and row by row', async () => {
    // Prepare
    const report = makeReport();
    const lines = splitLines(toCsv(report));

    // Act
    const workbook = await readWorkbook(await toXlsx(report));

    // Assess
    let compared = 0;
    for (const name of SHEET_NAMES) {
      const sheet = getSheet(workbook, name);
      const start = lines.indexOf(name) + 2;
      const blank = lines.indexOf('', start);
      const end = blank === -1 ? lines.length : blank;
      const csvRows = lines.slice(start, end).map(figureFields);
      const sheetRows: string[][] = [];
      for (let rowNumber = 2; rowNumber <= csvRows.length + 1; rowNumber += 1) {
        sheetRows.push(readRow(sheet, rowNumber).slice(1).map(String));
      }
      expect(sheetRows, name).toEqual(csvRows);
      if (name !== '汇总') expect(sheet.rowCount, name).toBe(csvRows.length + 1);
      compared += csvRows.length;
    }
    expect(compared).toBe(1 + 2 + 1 + 1 + 0 + 3);
  });

  test('keeps a unit name as plain text, never a formula', async () => {
    // Prepare
    const report = makeReport();

    // Act
    const workbook = await readWorkbook(await toXlsx(report));

    // Assess
    const cell = getSheet(workbook, '按采购单位').getCell('A4');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x")');
  });
});
