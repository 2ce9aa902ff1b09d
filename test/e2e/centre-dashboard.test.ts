import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { seedDemoData } from '../../infra/local/seed';
import { getDeps } from '../../shared/adapters/deps';
import { TradeReportSchema, type TradeReportView } from '../../shared/schemas/report';
import { type ApiClient, startTestApi } from '../helpers/api';
import {
  chooseOption,
  expectAccessible,
  launchBrowser,
  newPortalContext,
  signInWithToken,
  type TestBrowser,
  takeScreenshots,
  VIEWPORTS,
} from '../helpers/browser';

/** The demo year: the district's published 2022 (DESIGN.md §1). */
const YEAR = 2022;

/** A 万元 text of the API ("3455.14万元") as the dashboard prints it: thousands grouped, no unit. */
function shownWanYuan(formatted: string): string {
  return formatted.replace(/万元$/, '').replace(/^(-?)(\d+)/, (_all, sign: string, whole: string) => {
    return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  });
}

/** Collects console errors, warnings and uncaught exceptions (the dashboard must log none). */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  return problems;
}

/** The text of a KPI card, spaces removed (Statistic renders value and unit in separate spans). */
async function readKpi(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, '');
}

describe('报表: the centre dashboard on the seeded demo year', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let centre: string;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let report: TradeReportView;

  /** The report as the API answers it now, parsed with its schema. */
  const readReport = async (): Promise<TradeReportView> => {
    const answer = await api.call('GET', `/api/reports/trade?year=${YEAR}`, { token: centre });
    expect(answer.status).toBe(200);
    return TradeReportSchema.parse(answer.body);
  };

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    // The demo data, played through the use cases as `npm start` seeds it (about a minute).
    await seedDemoData(getDeps(), { log: () => undefined });
    centre = await api.token('centre', 'org-trading-centre');
    report = await readReport();
    chromium = await launchBrowser();
    context = await newPortalContext(chromium.browser, api.gateway.url);
    await signInWithToken(context, centre);
    page = await context.newPage();
    problems = watchConsole(page);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('the report API holds the district figures the page must show: 31 个项目, 3455.14万元, 275.8万元', () => {
    // Assess
    expect(report.totals.formatted).toMatchObject({
      count: '31',
      dealWanYuan: '3455.14万元',
      savingsWanYuan: '275.8万元',
    });
  });

  test('opens on this year, says when nothing was traded, and the year picker brings up 2022', async () => {
    // Act
    await page.goto('/centre');
    await page.getByRole('heading', { level: 1, name: '交易统计报表' }).waitFor();

    // Assess: this year has tenders in progress but no award yet
    await expect.poll(() => page.getByText(/尚无成交的项目/).count()).toBe(1);

    // Act
    await chooseOption(page, page.getByLabel('年度', { exact: true }), `${YEAR}年`);

    // Assess
    await page.waitForURL(
      (url) => url.pathname === '/centre' && url.searchParams.get('year') === String(YEAR),
    );
    await expect.poll(() => page.getByText(`统计范围：${YEAR}年全年`, { exact: false }).count()).toBe(1);
  });

  test('shows the KPI figures exactly as the report API gives them', async () => {
    // Prepare
    const shown = report.totals.formatted;

    // Assess
    await expect.poll(() => readKpi(page, 'kpi-count')).toContain(`项目数${shown.count}个`);
    expect(await readKpi(page, 'kpi-count')).toContain('项目数31个');
    expect(await readKpi(page, 'kpi-deal')).toContain(`成交金额${shownWanYuan(shown.dealWanYuan)}万元`);
    expect(await readKpi(page, 'kpi-deal')).toContain('3,455.14万元');
    expect(await readKpi(page, 'kpi-savings')).toContain(`节约资金${shownWanYuan(shown.savingsWanYuan)}万元`);
    expect(await readKpi(page, 'kpi-savings')).toContain('275.8万元');
    expect(await readKpi(page, 'kpi-budget')).toContain(`${shownWanYuan(shown.budgetWanYuan)}万元`);
    expect(await readKpi(page, 'kpi-savings-rate')).toContain(`节约率${shown.savingsRate}`);
    expect(await readKpi(page, 'kpi-sme')).toContain(`${shownWanYuan(shown.smeDealWanYuan)}万元`);
    expect(await readKpi(page, 'kpi-sme')).toContain(`占成交金额${shown.smeShare}`);
    expect(await readKpi(page, 'kpi-small-micro')).toContain(
      `${shownWanYuan(shown.smallMicroDealWanYuan)}万元`,
    );
    expect(await readKpi(page, 'kpi-small-micro')).toContain(`占成交金额${shown.smallMicroShare}`);
    expect(await readKpi(page, 'kpi-electronic')).toContain(`全流程电子化率${shown.electronicRate}`);
    expect(await readKpi(page, 'kpi-target')).toContain(`目标完成率${report.target?.progressPercent}`);
  });

  test('draws each breakdown as a labelled SVG chart, with a table of the same figures', async () => {
    // Prepare
    const charts = page.locator('[role="img"][aria-label*="柱状图"]');

    // Assess: month, category, method, unit and the transfers
    await expect.poll(() => charts.locator('svg').count()).toBe(5);
    for (const name of ['按月份', '按品目', '按采购方式', '按采购单位', '土地矿权出让'])
      expect(await page.locator(`[role="img"][aria-label^="${name}"] svg path`).count()).toBeGreaterThan(0);
    const tables = [
      { lines: report.breakdowns.byMonth, chart: '按月份' },
      { lines: report.breakdowns.byCategory.filter((line) => line.count > 0), chart: '按品目' },
      { lines: report.breakdowns.byMethod.filter((line) => line.count > 0), chart: '按采购方式' },
      { lines: report.breakdowns.byUnit.filter((line) => line.count > 0), chart: '按采购单位' },
    ];
    for (const { lines, chart } of tables) {
      const section = page
        .locator('.dashboard-section')
        .filter({ has: page.getByRole('heading', { name: chart }) });
      for (const line of lines) {
        const row = section
          .locator('tbody tr')
          .filter({ has: page.getByRole('cell', { name: line.label, exact: true }) });
        const cells = (await row.locator('td').allTextContents()).map((text) => text.trim());
        expect(cells, `${chart} ${line.label}`).toEqual([
          line.label,
          line.formatted.count,
          shownWanYuan(line.formatted.budgetWanYuan),
          shownWanYuan(line.formatted.dealWanYuan),
          shownWanYuan(line.formatted.savingsWanYuan),
          line.formatted.savingsRate,
        ]);
      }
      const total = (await section.locator('tfoot td, .ant-table-summary td').allTextContents()).map((t) =>
        t.trim(),
      );
      expect(total).toEqual([
        '合计',
        report.totals.formatted.count,
        shownWanYuan(report.totals.formatted.budgetWanYuan),
        shownWanYuan(report.totals.formatted.dealWanYuan),
        shownWanYuan(report.totals.formatted.savingsWanYuan),
        report.totals.formatted.savingsRate,
      ]);
    }
    const rights = page
      .locator('.dashboard-section')
      .filter({ has: page.getByRole('img', { name: /^土地矿权出让/ }) });
    const rightsTotal = (await rights.locator('.ant-table-summary td').allTextContents()).map((t) =>
      t.trim(),
    );
    expect(rightsTotal).toEqual([
      '合计',
      report.totals.formatted.rightsCount,
      shownWanYuan(report.totals.formatted.startPriceWanYuan),
      shownWanYuan(report.totals.formatted.rightsDealWanYuan),
      shownWanYuan(report.totals.formatted.premiumWanYuan),
      report.totals.formatted.premiumRate,
    ]);
  });

  test('resizes the charts with the window', async () => {
    // Prepare
    const svg = page.locator('[role="img"][aria-label^="按月份"] svg');
    const wide = Number(await svg.getAttribute('width'));

    // Act
    await page.setViewportSize(VIEWPORTS.phone);

    // Assess
    await expect
      .poll(async () => Number(await svg.getAttribute('width')))
      .toBeLessThan(VIEWPORTS.phone.width);
    expect(wide).toBeGreaterThan(VIEWPORTS.phone.width * 2);
    await page.setViewportSize(VIEWPORTS.desktop);
    await expect.poll(async () => Number(await svg.getAttribute('width'))).toBe(wide);
  });

  test('edits the target and 目标完成率 follows the API', async () => {
    // Prepare
    const before = report.target?.progressPercent;

    // Act
    await page.getByTestId('kpi-target').getByRole('button', { name: '修改目标' }).click();
    const dialog = page.getByRole('dialog', { name: `设定${YEAR}年目标` });
    await dialog.getByLabel(`${YEAR}年目标项目数`).fill('40');
    await dialog.getByRole('button', { name: '保存目标' }).click();
    await dialog.waitFor({ state: 'hidden' });
    report = await readReport();

    // Assess
    expect(report.target).toEqual({ projects: 40, progressPercent: '77.50%' });
    expect(report.target?.progressPercent).not.toBe(before);
    await expect
      .poll(() => readKpi(page, 'kpi-target'))
      .toContain(`目标完成率${report.target?.progressPercent}31÷年度目标40个`);
  });

  test('downloads the Excel workbook, which holds the report API’s figures', async () => {
    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 Excel 报表' }).click(),
    ]);
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);

    // Assess
    expect(download.suggestedFilename()).toBe(`交易统计报表-${YEAR}年.xlsx`);
    const summary = workbook.getWorksheet('汇总');
    if (!summary) throw new Error('the workbook has no 汇总 sheet');
    const headers = (summary.getRow(1).values as unknown[]).slice(1);
    const totals = (summary.getRow(2).values as unknown[]).slice(1);
    const cell = (header: string) => totals[headers.indexOf(header)];
    expect(cell('维度')).toBe('合计');
    expect(cell('项目数')).toBe(report.totals.count);
    expect(String(cell('成交金额(万元)'))).toBe(report.totals.formatted.dealWanYuan.replace(/万元$/, ''));
    expect(String(cell('节约资金(万元)'))).toBe(report.totals.formatted.savingsWanYuan.replace(/万元$/, ''));
    expect(String(cell('预算金额(万元)'))).toBe(report.totals.formatted.budgetWanYuan.replace(/万元$/, ''));
    expect(cell('节约率')).toBe(report.totals.formatted.savingsRate);
    expect(String(cell('中小企业成交金额(万元)'))).toBe(
      report.totals.formatted.smeDealWanYuan.replace(/万元$/, ''),
    );
    const metadata = new Map<string, unknown>();
    summary.eachRow((row) => {
      const [label, value] = (row.values as unknown[]).slice(1);
      metadata.set(String(label), value);
    });
    expect(metadata.get('目标项目数')).toBe(report.target?.projects);
    expect(metadata.get('完成进度')).toBe(report.target?.progressPercent);
    const months = workbook.getWorksheet('按月份');
    const monthRows: unknown[][] = [];
    months?.eachRow((row, index) => {
      if (index > 1) monthRows.push((row.values as unknown[]).slice(1, 5));
    });
    expect(monthRows).toEqual(
      report.breakdowns.byMonth.map((line) => [
        line.label,
        line.count,
        Number(line.formatted.budgetWanYuan.replace(/万元$/, '')),
        Number(line.formatted.dealWanYuan.replace(/万元$/, '')),
      ]),
    );
  });

  test('downloads the CSV under a Chinese name, with the same totals', async () => {
    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');

    // Assess
    expect(download.suggestedFilename()).toBe(`交易统计报表-${YEAR}年.csv`);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const { totals } = report;
    expect(text).toContain(
      `合计,${totals.count},${totals.formatted.budgetWanYuan.replace(/万元$/, '')},${totals.formatted.dealWanYuan.replace(/万元$/, '')},${totals.formatted.savingsWanYuan.replace(/万元$/, '')},${totals.formatted.savingsRate}`,
    );
  });

  test('narrows to one month with the month picker, and back to the whole year', async () => {
    // Prepare
    const answer = await api.call('GET', `/api/reports/trade?year=${YEAR}&month=4`, { token: centre });
    const april = TradeReportSchema.parse(answer.body);

    // Act
    await chooseOption(page, page.getByLabel('月份', { exact: true }), '4月');

    // Assess
    await expect.poll(() => page.getByText(`统计范围：${YEAR}年4月`, { exact: false }).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('month')).toBe('4');
    expect(await readKpi(page, 'kpi-count')).toContain(`项目数${april.totals.formatted.count}个`);
    expect(await readKpi(page, 'kpi-deal')).toContain(
      `${shownWanYuan(april.totals.formatted.dealWanYuan)}万元`,
    );
    expect(april.totals.count).toBeLessThan(report.totals.count);
    expect(await page.locator('[role="img"][aria-label^="按月份"]').count()).toBe(0);
    expect(await page.locator('[role="img"][aria-label^="土地矿权出让"] svg').count()).toBe(
      april.totals.rightsCount > 0 ? 1 : 0,
    );

    // Act
    await chooseOption(page, page.getByLabel('月份', { exact: true }), '全年');

    // Assess
    await expect.poll(() => page.getByText(`统计范围：${YEAR}年全年`, { exact: false }).count()).toBe(1);
    await expect.poll(() => readKpi(page, 'kpi-count')).toContain(`项目数${report.totals.formatted.count}个`);
    // The picker's list has closed (its closing animation is still a listbox in the page)
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
  });

  test('is accessible, logs no error or warning, and is photographed at both widths', async () => {
    // Assess
    await expectAccessible(page, 'the centre dashboard');
    await takeScreenshots(page, 'centre-dashboard');
    await page.getByTestId('kpi-target').getByRole('button', { name: '修改目标' }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'the target dialog');
    await page.keyboard.press('Escape');
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
