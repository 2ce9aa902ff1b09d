import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../infra/local/emulators';
import { localDynamoClient } from '../../infra/local/local-stack';
import { type SeedSummary, seedDemoData } from '../../infra/local/seed';
import { getDeps } from '../../shared/adapters/deps';
import { aggregateUpdates } from '../../shared/adapters/dynamodb/aggregate-updates';
import { DynamoReportRepository } from '../../shared/adapters/dynamodb/report-repository';
import { transactWithRetry } from '../../shared/adapters/dynamodb/support';
import type { TradeFacets } from '../../shared/domain/aggregates';
import type { ReportFigures } from '../../shared/domain/savings';
import { type ApiClient, type ApiResponse, startTestApi } from '../helpers/api';

/** The district's published 2022 figures (DESIGN.md §1). */
const DEAL_2022_FEN = 3_455_140_000;
const SAVINGS_2022_FEN = 275_800_000;

let api: ApiClient;
let centre: string;
let purchaser: string;
let seeded: SeedSummary;
let progress: string[];
let year: ApiResponse;

beforeAll(async () => {
  api = await startTestApi();
  centre = await api.token('centre', 'org-trading-centre');
  purchaser = await api.token('purchaser', 'org-district-education');
  progress = [];
  seeded = await seedDemoData(getDeps(), { log: (line) => progress.push(line) });
  year = await api.call('GET', '/api/reports/trade?year=2022', { token: centre });
}, 240_000);

afterAll(async () => {
  await api.gateway.stop();
});

/** Fetches a report export as raw bytes (the gateway decodes base64 bodies). */
async function download(path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(`${api.gateway.url}${path}`, {
    headers: { authorization: `Bearer ${centre}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** Sums the government figures of a breakdown's lines. */
function sumLines(lines: ReportFigures[]): Pick<ReportFigures, 'count' | 'dealFen' | 'savingsFen'> {
  return lines.reduce(
    (sum, line) => ({
      count: sum.count + line.count,
      dealFen: sum.dealFen + line.dealFen,
      savingsFen: sum.savingsFen + line.savingsFen,
    }),
    { count: 0, dealFen: 0, savingsFen: 0 },
  );
}

describe('the 2022 trade report of the demo data (played through the use cases)', () => {
  it('seeds 31 awarded projects, 3 land transfers and 2 tenders in progress this year', async () => {
    // Act
    const tendering = await api.call('GET', '/api/tenders?status=tendering');
    const evaluating = await api.call('GET', '/api/tenders?status=evaluating');
    const complete = await api.call('GET', '/api/tenders?status=complete&limit=100');
    const awarded = await api.call('GET', '/api/tenders?status=awarded&limit=100');

    // Assess
    expect(seeded).toEqual({
      tenders: 36,
      awarded2022: 31,
      dealFen: DEAL_2022_FEN,
      savingsFen: SAVINGS_2022_FEN,
      rightsTransfers: 3,
      inProgress: 2,
    });
    expect(progress.filter((line) => /^\[\d+\/31\] 2022-/.test(line))).toHaveLength(31);
    expect(progress).toContainEqual(expect.stringMatching(/^\[31\/31\] .*成交 \d+(\.\d+)?万元/));
    expect(complete.body.items).toHaveLength(31);
    expect(awarded.body.items.map((t: { content: { tradeType: string } }) => t.content.tradeType)).toEqual([
      'landUseRights',
      'landUseRights',
      'landUseRights',
    ]);
    const now = Date.now();
    expect(tendering.body.items).toHaveLength(1);
    expect(Date.parse(tendering.body.items[0].content.timeline.bidDeadline)).toBeGreaterThan(now);
    expect(evaluating.body.items).toHaveLength(1);
    const deadline = Date.parse(evaluating.body.items[0].content.timeline.bidDeadline);
    expect(deadline).toBeLessThan(now);
    expect(deadline).toBeGreaterThan(now - 10 * 86_400_000);
  });

  it('speaks of 广元市昭化区: its purchasing units, suppliers registered there, parcels in 昭化', async () => {
    // Act
    const complete = await api.call('GET', '/api/tenders?status=complete&limit=100');
    const awarded = await api.call('GET', '/api/tenders?status=awarded&limit=100');
    const tenders = [...complete.body.items, ...awarded.body.items] as Array<{
      id: string;
      content: { title: string; purchasingUnitName: string; tradeType: string };
    }>;
    const winners = await Promise.all(
      tenders.map(
        async (t) => (await api.call('GET', `/api/tenders/${t.id}/result`)).body.award.supplierName,
      ),
    );

    // Assess
    expect(tenders).toHaveLength(34);
    for (const tender of tenders) expect(tender.content.purchasingUnitName).toMatch(/^广元市昭化区/);
    for (const tender of tenders.filter((t) => t.content.tradeType === 'landUseRights'))
      expect(tender.content.title).toMatch(/^昭化区.+镇.+地块/);
    for (const winner of winners) expect(winner).toMatch(/^(广元市昭化区|四川)/);
    expect(progress.join('\n')).not.toMatch(/杭州|浙江|湖州/);
  });

  it('reads 31 projects, 3455.14万元 traded, 275.8万元 saved, 62.00% of the target of 50', () => {
    // Assess
    expect(year.status).toBe(200);
    expect(year.body.totals).toMatchObject({
      count: 31,
      dealFen: DEAL_2022_FEN,
      savingsFen: SAVINGS_2022_FEN,
      budgetFen: DEAL_2022_FEN + SAVINGS_2022_FEN,
      electronicCount: 31,
    });
    expect(year.body.totals.formatted).toMatchObject({
      count: '31',
      dealWanYuan: '3455.14万元',
      savingsWanYuan: '275.8万元',
      budgetWanYuan: '3730.94万元',
      savingsRate: '7.39%',
      electronicRate: '100.00%',
    });
    expect(year.body.target).toEqual({ projects: 50, progressPercent: '62.00%' });
    // SME and small/micro deal amounts are parts of the whole, neither empty nor all of it
    expect(year.body.totals.smallMicroDealFen).toBeGreaterThan(0);
    expect(year.body.totals.smeDealFen).toBeGreaterThan(year.body.totals.smallMicroDealFen);
    expect(year.body.totals.smeDealFen).toBeLessThan(DEAL_2022_FEN);
  });

  it('breaks the totals down by month, trade type, category, method and unit, each adding up to them', () => {
    // Prepare
    const { totals, breakdowns } = year.body;

    // Assess
    for (const name of ['byMonth', 'byTradeType', 'byCategory', 'byMethod', 'byUnit'] as const) {
      expect(sumLines(breakdowns[name]), name).toEqual({
        count: totals.count,
        dealFen: totals.dealFen,
        savingsFen: totals.savingsFen,
      });
    }
    expect(breakdowns.byMonth.map((line: { key: string }) => line.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `month#${String(i + 1).padStart(2, '0')}`),
    );
    expect(breakdowns.byMonth.every((line: ReportFigures) => line.count >= 2)).toBe(true);
    expect(breakdowns.byCategory.map((line: { label: string }) => line.label).sort()).toEqual(
      ['工程', '服务', '货物'].sort(),
    );
    expect(
      Object.fromEntries(
        breakdowns.byMethod.map((line: { label: string; count: number }) => [line.label, line.count]),
      ),
    ).toEqual({ 公开招标: 11, 竞争性磋商: 7, 竞争性谈判: 7, 询价: 6, 挂牌: 0 });
    const units = breakdowns.byUnit.filter((line: ReportFigures) => line.count > 0);
    expect(units.map((line: { label: string }) => line.label).sort()).toEqual(
      [
        '广元市昭化区教育局',
        '广元市昭化区卫生健康局',
        '广元市昭化区城市管理局',
        '广元市昭化区政务服务中心',
      ].sort(),
    );
  });

  it('keeps the land transfers apart, as rights figures with their premium', () => {
    // Prepare
    const { totals, breakdowns } = year.body;
    const land = breakdowns.byTradeType.find(
      (line: { key: string }) => line.key === 'tradetype#landuserights',
    );

    // Assess
    expect(totals).toMatchObject({
      rightsCount: 3,
      startPriceFen: 18_750_000_000,
      rightsDealFen: 21_565_500_000,
    });
    expect(totals.premiumFen).toBe(2_815_500_000);
    expect(totals.formatted.premiumWanYuan).toBe('2815.5万元');
    expect(land).toMatchObject({ count: 0, dealFen: 0, rightsCount: 3, premiumFen: 2_815_500_000 });
  });

  it('exports the same figures as CSV (UTF-8 with BOM) and as an xlsx workbook', async () => {
    // Act
    const csv = await download('/api/reports/trade.csv?year=2022');
    const xlsx = await download('/api/reports/trade.xlsx?year=2022');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet('汇总');
    const headers = (summary?.getRow(1).values ?? []) as unknown[];
    const totals = (summary?.getRow(2).values ?? []) as unknown[];
    const cell = (header: string) => totals[headers.indexOf(header)];

    // Assess
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('合计,31,3730.94,3455.14,275.8,7.39%');
    expect(text).toContain('完成进度,62.00%');
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    expect(totals[1]).toBe('合计');
    expect(cell('项目数')).toBe(31);
    expect(cell('成交金额(万元)')).toBe(3455.14);
    expect(cell('节约资金(万元)')).toBe(275.8);
    expect(cell('出让项目数')).toBe(3);
  });

  it('narrows to a month and to a category, each reading only its scope and matching its line of the year', async () => {
    // Act
    const march = await api.call('GET', '/api/reports/trade?year=2022&month=3', { token: centre });
    const goods = await api.call('GET', '/api/reports/trade?year=2022&category=goods', { token: centre });

    // Assess
    const lineOf = (breakdown: string, key: string) =>
      year.body.breakdowns[breakdown].find((line: { key: string }) => line.key === key);
    const { key: _m, label: _ml, formatted: _mf, ...marchLine } = lineOf('byMonth', 'month#03');
    const { key: _g, label: _gl, formatted: _gf, ...goodsLine } = lineOf('byCategory', 'category#goods');
    const { formatted: _a, ...marchTotals } = march.body.totals;
    const { formatted: _b, ...goodsTotals } = goods.body.totals;
    expect(march.body.month).toBe(3);
    expect(marchTotals).toEqual(marchLine);
    expect(marchTotals.count).toBe(3);
    expect(march.body.breakdowns.byMonth).toEqual([]);
    expect(sumLines(march.body.breakdowns.byUnit)).toEqual(sumLines([marchTotals]));
    expect(goodsTotals).toEqual(goodsLine);
    expect(goodsTotals.count).toBe(13);
    expect(goods.body.breakdowns.byCategory).toEqual([]);
    expect(sumLines(goods.body.breakdowns.byMonth)).toEqual(sumLines([goodsTotals]));
    expect(march.body.itemsRead).toBeLessThan(year.body.itemsRead);
  });

  it('answers the report to centre staff only: 403 for a purchaser, 401 without a token', async () => {
    // Act
    const asPurchaser = await api.call('GET', '/api/reports/trade?year=2022', { token: purchaser });
    const anonymous = await api.call('GET', '/api/reports/trade?year=2022');
    const csvAnonymous = await api.call('GET', '/api/reports/trade.csv?year=2022');

    // Assess
    expect(asPurchaser.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(csvAnonymous.status).toBe(401);
  });

  it('refuses to seed 2022 a second time, so the figures cannot double', async () => {
    // Act
    const again = seedDemoData(getDeps(), { log: () => undefined });

    // Assess
    await expect(again).rejects.toThrow(/2022/);
    const after = await api.call('GET', '/api/reports/trade?year=2022', { token: centre });
    expect(after.body.totals.count).toBe(31);
  });
});

describe('what a report costs', () => {
  /** Synthetic award i: few distinct facet values, the same for 3 awards as for 3,000. */
  const facetsOf = (i: number): TradeFacets => ({
    year: 2031,
    month: (i % 3) + 1,
    unitOrgId: `org-unit-${i % 3}`,
    unitName: `单位${i % 3}`,
    tradeType: 'governmentProcurement',
    category: i % 2 === 0 ? 'goods' : 'services',
    method: Math.floor(i / 2) % 2 === 0 ? 'openTender' : 'inquiry',
  });
  const delta = { count: 1, budgetFen: 1_000_000, dealFen: 930_000, savingsFen: 70_000 };

  /** A fresh table with `awards` synthetic awards, each its own transaction of counter ADDs. */
  async function tableWithAwards(
    client: DynamoDBClient,
    db: DynamoDBDocumentClient,
    awards: number,
  ): Promise<DynamoReportRepository> {
    const name = `cost-${awards}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    await ensureTable(client, name);
    let next = 0;
    const worker = async () => {
      while (next < awards) {
        const i = next;
        next += 1;
        await transactWithRetry(db, aggregateUpdates(name, facetsOf(i), delta));
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    return new DynamoReportRepository(db, name);
  }

  it('reads as many counter items for 3,000 awards as for 3', async () => {
    // Prepare
    const client = localDynamoClient(inject('emulators').dynamo);
    const db = DynamoDBDocumentClient.from(client);
    try {
      const few = await tableWithAwards(client, db, 3);
      const many = await tableWithAwards(client, db, 3000);

      // Act
      const small = await few.readScope(2031, 'ALL');
      const large = await many.readScope(2031, 'ALL');

      // Assess
      expect(small.lines.get('TOTAL')?.count).toBe(3);
      expect(large.lines.get('TOTAL')).toMatchObject({ count: 3000, dealFen: 3000 * 930_000 });
      // TOTAL + 3 months + 3 units + 1 trade type + 2 categories + 2 methods
      expect(small.itemsRead).toBe(12);
      expect(large.itemsRead).toBe(small.itemsRead);
    } finally {
      db.destroy();
    }
  }, 180_000);
});
