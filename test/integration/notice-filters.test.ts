/**
 * The notice feed's and the public tender list's filters (method, category, trade type, title
 * text) through the local gateway on DynamoDB Local: each narrows, they combine, Chinese substrings
 * match, bad values are bilingual 400s, and paging through a filtered list neither loses nor repeats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../shared/schemas/notice';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, type ApiResponse, publishTender, startTestApi } from '../helpers/api';
import { chinaMorning } from '../helpers/fixtures';
import { LAND_TERMS } from '../helpers/transfer';

const DAY = 86_400_000;

let api: ApiClient;
let purchaser: string;
/** The tenders of this file, by role in the tests. */
let desks: Tender;
let property: Tender;
let computers: Tender;
let parcel: Tender;
let vehicles: Tender;

/** Every item of a list, following the cursor with `limit` per page; the pages' sizes too. */
async function pageThrough(path: string, limit: number) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const separator = path.includes('?') ? '&' : '?';
    const query: string = `${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: ApiResponse = await api.call('GET', `${path}${query}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    sizes.push(page.body.items.length);
    cursor = page.body.nextCursor;
    if (!cursor) break;
  }
  return { ids, sizes };
}

/** The notices of a feed query, as [tender title, notice type] pairs, newest first. */
async function notices(query: string): Promise<[string, string][]> {
  const page = await api.call('GET', `/api/notices?limit=100&${query}`);
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  expect(page.body.nextCursor).toBeNull();
  const byTender = new Map(
    [desks, property, computers, parcel, vehicles].map((t) => [t.id, t.content.title]),
  );
  return page.body.items.map((n: Notice) => [byTender.get(n.tenderId) ?? n.tenderId, n.type]);
}

/** The tender titles of a public list query, newest first. */
async function tenders(query: string): Promise<string[]> {
  const page = await api.call('GET', `/api/tenders?limit=100&${query}`);
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  return page.body.items.map((t: Tender) => t.content.title);
}

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-filter-unit');
  const next = async () => api.advance(1000);
  desks = await publishTender(api, purchaser, { title: '区教育局学生课桌椅采购项目' });
  await next();
  property = await publishTender(api, purchaser, {
    title: '区卫生健康局物业管理服务采购项目',
    category: 'services',
    evaluation: {
      method: 'comprehensive',
      priceWeightPercent: 10,
      criteria: [{ name: '服务方案', maxPoints: 90 }],
    },
  });
  await next();
  computers = await publishTender(api, purchaser, {
    title: '区教育局办公电脑询价采购项目',
    method: 'inquiry',
    evaluation: { method: 'lowestPrice', criteria: [] },
  });
  await next();
  const listFrom = chinaMorning(
    new Date(api.gateway.clock.now().getTime() + 22 * DAY).toISOString().slice(0, 10),
  );
  parcel = await publishTender(api, purchaser, {
    title: '元坝镇 A-03 地块国有建设用地使用权挂牌出让',
    tradeType: 'landUseRights',
    category: 'works',
    method: 'listing',
    budgetFen: undefined,
    transfer: LAND_TERMS,
    sme: { reservedForSme: false, notReservedReason: '土地出让不适用中小企业政策' },
    evaluation: { method: 'highestPrice', criteria: [] },
    timeline: {
      documentsFrom: listFrom.toISOString(),
      documentsUntil: new Date(listFrom.getTime() + 10 * DAY).toISOString(),
      bidDeadline: new Date(listFrom.getTime() + 11 * DAY).toISOString(),
      decryptionWindowMinutes: 30,
      confirmationWindowMinutes: 60,
    },
  });
  await next();
  vehicles = await publishTender(api, purchaser, { title: '区城市管理局环卫车辆采购项目' });
  await next();
  const cancelled = await api.call('POST', `/api/tenders/${vehicles.id}/cancel`, {
    token: purchaser,
    body: { reason: '采购需求发生重大变化' },
  });
  expect(cancelled.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await api.gateway.stop();
});

describe('GET /api/notices filters', () => {
  it('narrows by method, category and trade type, each alone', async () => {
    // Act
    const services = await notices('category=services');
    const inquiry = await notices('method=inquiry');
    const land = await notices('tradeType=landUseRights');
    const all = await notices('');

    // Assess
    expect(services).toEqual([['区卫生健康局物业管理服务采购项目', 'procurement']]);
    expect(inquiry).toEqual([['区教育局办公电脑询价采购项目', 'procurement']]);
    expect(land).toEqual([['元坝镇 A-03 地块国有建设用地使用权挂牌出让', 'procurement']]);
    expect(all).toHaveLength(6);
  });

  it('combines filters: all must hold', async () => {
    // Act
    const goodsOpen = await notices('category=goods&method=openTender');
    const terminations = await notices('category=goods&method=openTender&type=termination');
    const none = await notices('category=services&method=inquiry');

    // Assess
    expect(goodsOpen).toEqual([
      ['区城市管理局环卫车辆采购项目', 'termination'],
      ['区城市管理局环卫车辆采购项目', 'procurement'],
      ['区教育局学生课桌椅采购项目', 'procurement'],
    ]);
    expect(terminations).toEqual([['区城市管理局环卫车辆采购项目', 'termination']]);
    expect(none).toEqual([]);
  });

  it('q matches a Chinese substring of the title, trimmed, alone and with other filters', async () => {
    // Act
    const education = await notices(`q=${encodeURIComponent('教育局')}`);
    const desksOnly = await notices(`q=${encodeURIComponent('  课桌椅 ')}`);
    const termination = await notices(`q=${encodeURIComponent('终止公告')}`);
    const combined = await notices(`q=${encodeURIComponent('教育局')}&method=inquiry`);
    const nothing = await notices(`q=${encodeURIComponent('不存在的项目名称')}`);

    // Assess
    expect(education).toEqual([
      ['区教育局办公电脑询价采购项目', 'procurement'],
      ['区教育局学生课桌椅采购项目', 'procurement'],
    ]);
    expect(desksOnly).toEqual([['区教育局学生课桌椅采购项目', 'procurement']]);
    expect(termination).toEqual([['区城市管理局环卫车辆采购项目', 'termination']]);
    expect(combined).toEqual([['区教育局办公电脑询价采购项目', 'procurement']]);
    expect(nothing).toEqual([]);
  });

  it('pages a filtered feed without losing or repeating a notice', async () => {
    // Prepare: the goods notices, unpaged
    const all = await api.call('GET', '/api/notices?limit=100&category=goods');
    const expected = all.body.items.map((n: Notice) => n.id);

    // Act
    const byOne = await pageThrough('/api/notices?category=goods', 1);
    const byTwo = await pageThrough(`/api/notices?q=${encodeURIComponent('区')}`, 2);
    const allWithQ = await api.call('GET', `/api/notices?limit=100&q=${encodeURIComponent('区')}`);

    // Assess
    expect(expected).toHaveLength(4);
    expect(byOne.ids).toEqual(expected);
    expect(byOne.sizes.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(byTwo.ids).toEqual(allWithQ.body.items.map((n: Notice) => n.id));
    expect(new Set(byTwo.ids).size).toBe(byTwo.ids.length);
    expect(byTwo.ids).toHaveLength(5);
  });

  it.each([
    ['method=sealedBid', 'query.method'],
    ['category=GOODS', 'query.category'],
    ['tradeType=lottery', 'query.tradeType'],
    ['q=', 'query.q'],
    [`q=${encodeURIComponent('   ')}`, 'query.q'],
    [`q=${'采'.repeat(51)}`, 'query.q'],
    [`q=${encodeURIComponent('课桌\u0000椅')}`, 'query.q'],
  ])('refuses %s with a bilingual 400 at its path', async (query, path) => {
    // Act
    const response = await api.call('GET', `/api/notices?${query}`);

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const issue = response.body.errors.find((e: { path: string }) => e.path === path);
    expect(issue?.message_zh).toMatch(/\p{Script=Han}/u);
    expect(issue?.message_en).toMatch(/[A-Za-z]/);
  });

  it('accepts 50 characters of q', async () => {
    // Act
    const response = await api.call('GET', `/api/notices?q=${encodeURIComponent('采'.repeat(50))}`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });
});

describe('GET /api/tenders with q', () => {
  it('q narrows the public list by title, alone and with the status index and facets', async () => {
    // Act
    const education = await tenders(`q=${encodeURIComponent('教育局')}`);
    const inquiry = await tenders(`q=${encodeURIComponent('教育局')}&method=inquiry&category=goods`);
    const listing = await tenders(`q=${encodeURIComponent('挂牌')}&status=tendering`);
    const cancelled = await tenders(`q=${encodeURIComponent('环卫')}&status=cancelled`);
    const notTendering = await tenders(`q=${encodeURIComponent('环卫')}&status=tendering`);

    // Assess
    expect(education).toEqual(['区教育局办公电脑询价采购项目', '区教育局学生课桌椅采购项目']);
    expect(inquiry).toEqual(['区教育局办公电脑询价采购项目']);
    expect(listing).toEqual(['元坝镇 A-03 地块国有建设用地使用权挂牌出让']);
    expect(cancelled).toEqual(['区城市管理局环卫车辆采购项目']);
    expect(notTendering).toEqual([]);
  });

  it('pages a q-filtered list without losing or repeating a tender', async () => {
    // Act
    const paged = await pageThrough(`/api/tenders?q=${encodeURIComponent('区')}`, 1);
    const pagedByStatus = await pageThrough(`/api/tenders?status=tendering&q=${encodeURIComponent('区')}`, 2);

    // Assess: 课桌椅, 物业, 电脑 and 环卫 contain 区 (the parcel's title does not), newest first
    expect(paged.ids).toEqual([vehicles.id, computers.id, property.id, desks.id]);
    expect(pagedByStatus.ids).toEqual([computers.id, property.id, desks.id]);
  });

  it('refuses a bad q with a bilingual 400', async () => {
    // Act
    const response = await api.call('GET', `/api/tenders?q=${'x'.repeat(51)}`);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ path: 'query.q' });
    expect(response.body.errors[0].message_zh).toContain('50');
  });
});
