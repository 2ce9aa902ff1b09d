import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { TEST_CALENDAR } from '../../infra/local/calendar-fixture-2027';
import { chinaDate, periodEnd } from '../../shared/domain/calendar';
import { type ApiClient, startTestApi } from '../helpers/api';
import { makeSupplier, type TestSupplier, tickAt } from '../helpers/bidder';
import {
  chooseOption,
  expectAccessible,
  launchBrowser,
  newPortalContext,
  signInThroughLoginPage,
  signInWithToken,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { addExperts, type PoolExpert } from '../helpers/evaluation';
import { sha256 } from '../helpers/fixtures';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 30_000 };
const MINUTE = 60_000;

const PURCHASER_ORG = 'org-whole-tender-school';
const TITLE = '区第二实验小学录播教室设备采购项目';
const SPECIALTY = 'A0201-计算机设备';
const TENDER_FILE = Buffer.from('%PDF-1.7 招标文件：录播教室设备 12 套，含摄像、拾音与导播系统。'.repeat(30));
const CONTRACT = Buffer.from(
  '%PDF-1.7 政府采购合同：录播教室设备 12 套，合同价款与成交金额一致。'.repeat(30),
);

/** What each of the three suppliers bids (元, as typed) and its bid file. */
const OFFERS = [
  { n: 901, price: '3180000.00', file: '技术方案：录播主机、四路摄像机与五年保修。' },
  { n: 902, price: '3250000.00', file: '技术方案：导播一体机、阵列麦克风与三年保修。' },
  { n: 903, price: '3099000.00', file: '技术方案：高清跟踪摄像、录播软件与驻场服务。' },
] as const;

/** Two-decimal scores of the two criteria (技术方案 of 40, 售后服务 of 30), the same from every expert. */
const SCORES: readonly [string, string][] = [
  ['36.50', '27.25'],
  ['38.75', '26.00'],
  ['35.25', '28.50'],
];

/** The page errors that are not faults: the API's 404 for a committee not drawn yet. */
function faults(errors: string[]): string[] {
  return errors.filter(
    (e) =>
      !e.startsWith('(request) ') &&
      !/Failed to load resource: the server responded with a status of 404/.test(e),
  );
}

/** Types an instant into an antd date-time picker found by its label (Beijing wall-clock time). */
async function pickDateTime(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await page.getByRole('heading', { level: 1 }).click();
}

/** Integer 分 as the 元 a clerk types (two decimals). */
function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** `3455.14万元` as the dashboard's cards print it (`3,455.14`). */
function shownWanYuan(formatted: string): string {
  return formatted
    .replace(/万元$/, '')
    .replace(
      /^(-?)(\d+)/,
      (_all, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
    );
}

describe('one tender played through the browser by the purchaser, three suppliers, the centre and the experts', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let centre: string;
  let purchaser: string;
  let suppliers: TestSupplier[];
  let pool: PoolExpert[];
  const contexts: BrowserContext[] = [];

  /** A fresh browser context (no storage) signed in with a dev token, and its page. */
  const open = async (token: string | null): Promise<{ page: Page; errors: string[] }> => {
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    contexts.push(context);
    if (token) await signInWithToken(context, token);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    // Chromium's console names no address for a failed request: keep them to say which one it was
    page.on('response', (response) => {
      if (response.status() >= 400) {
        errors.push(`(request) ${response.status()} ${response.request().method()} ${response.url()}`);
      }
    });
    return { page, errors };
  };

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    centre = await api.token('centre', 'org-trading-centre');
    purchaser = await api.token('purchaser', PURCHASER_ORG);
    // The suppliers' company profiles and the centre's expert pool exist before the tender
    suppliers = [];
    for (const offer of OFFERS) suppliers.push(await makeSupplier(api, offer.n, 'small'));
    pool = await addExperts(api, centre, SPECIALTY, 950, 7);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('draft → publish → three sealed bids → deadline → reveal → draw → scores → award → contract → dashboard and Excel', async () => {
    // Act 1 (采购人): the draft in steps, a broken rule shown with its citation, then fixed; a document; publish
    const buyer = await open(null);
    await signInThroughLoginPage(buyer.page, 'purchaser', PURCHASER_ORG, '全流程测试采购员');
    await buyer.page.goto('/purchaser/tenders/new');
    await buyer.page.getByLabel('项目名称').fill(TITLE);
    await buyer.page.getByLabel('采购单位').fill('某区第二实验小学');
    await chooseOption(buyer.page, buyer.page.getByLabel('品目类别'), '货物');
    await buyer.page.getByLabel('预算金额（元）').fill('3500000.00');
    await buyer.page.getByRole('button', { name: '下一步：资格条件' }).click();
    await buyer.page.getByRole('button', { name: '下一步：中小企业政策' }).click();
    await buyer.page.getByLabel(/^不专门面向中小企业/).check();
    await buyer.page.getByLabel('小微企业价格扣除（%）').fill('10');
    await buyer.page.getByRole('button', { name: '下一步：评审办法' }).click();
    await buyer.page.getByLabel('价格分值（分，即价格权重 %）').fill('30');
    await buyer.page.getByLabel('评审因素 1 分值').fill('40');
    await buyer.page.getByRole('button', { name: '添加评审因素' }).click();
    await buyer.page.getByLabel('评审因素 2 名称').fill('售后服务');
    await buyer.page.getByLabel('评审因素 2 分值').fill('30');
    await expect.poll(() => buyer.page.getByTestId('points-sum').textContent(), WAIT).toContain('合计正确');
    await buyer.page.getByRole('button', { name: '下一步：时间安排' }).click();
    const now = api.gateway.clock.now();
    const until = periodEnd(chinaDate(now), 7, 'workingDays', TEST_CALENDAR);
    const early = chinaDate(new Date(now.getTime() + 10 * 24 * 60 * MINUTE));
    await buyer.page.getByRole('button', { name: /采购文件获取开始时间设为最早日期/ }).click();
    await pickDateTime(buyer.page, '采购文件获取截止时间（北京时间）', `${until} 17:00`);
    await pickDateTime(buyer.page, '投标截止（开标）时间（北京时间）', `${early} 09:30`);
    const ruleCheck = buyer.page.getByTestId('rule-check');
    await expect.poll(() => ruleCheck.textContent(), WAIT).toContain('政府采购法第三十五条');
    const broken = (await ruleCheck.textContent()) ?? '';
    await takeScreenshots(buyer.page, 'whole-tender-form-broken-rule');
    await buyer.page.getByRole('button', { name: /投标截止（开标）时间设为最早日期/ }).click();
    await expect.poll(() => ruleCheck.textContent(), WAIT).toContain('已通过规则检查');
    await buyer.page.getByRole('button', { name: '保存草稿' }).click();
    await buyer.page.waitForURL(/\/purchaser\/tenders\/[0-9A-Z]{26}$/);
    const tenderId = buyer.page.url().split('/').pop() as string;
    await buyer.page.locator('input[type=file]').setInputFiles({
      name: '招标文件.pdf',
      mimeType: 'application/pdf',
      buffer: TENDER_FILE,
    });
    await expect
      .poll(() => buyer.page.getByText(sha256(TENDER_FILE), { exact: true }).count(), WAIT)
      .toBeGreaterThan(0);
    await expect.poll(() => buyer.page.getByText('可以发布：已通过全部发布检查').count(), WAIT).toBe(1);
    await buyer.page.getByRole('button', { name: '发布采购公告' }).click();
    await buyer.page.getByRole('dialog').getByRole('button', { name: '发布' }).click();
    await expect.poll(() => buyer.page.getByText('采购公告已发布').count(), WAIT).toBeGreaterThan(0);
    const published = (await api.call('GET', `/api/tenders/${tenderId}`)).body;
    const timeline = published.content.timeline;

    // Act 2 (供应商 ×3): 报名, seal in the browser, submit — each in its own browser, the key kept there
    if (Date.parse(timeline.documentsFrom) > api.gateway.clock.now().getTime()) {
      api.gateway.clock.set(new Date(Date.parse(timeline.documentsFrom) + MINUTE));
    }
    const bidders: { page: Page; errors: string[] }[] = [];
    for (const [i, supplier] of suppliers.entries()) {
      const offer = OFFERS[i] as (typeof OFFERS)[number];
      const bidder = await open(supplier.token);
      bidders.push(bidder);
      await bidder.page.goto(`/supplier/tenders/${tenderId}/bid`);
      await bidder.page.getByRole('button', { name: '报名' }).click();
      await expect.poll(() => bidder.page.getByText('报名成功，现在可以投标').count(), WAIT).toBe(1);
      await bidder.page.locator('input[type=file]').setInputFiles({
        name: '技术方案.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(offer.file.repeat(40)),
      });
      await bidder.page.getByLabel('投标报价（元）').fill(offer.price);
      const keyFile = bidder.page.waitForEvent('download');
      await bidder.page.getByRole('button', { name: '生成投标密钥并加密' }).click();
      await keyFile;
      await bidder.page.getByLabel('我已妥善保存投标密钥文件').check();
      await bidder.page.getByRole('button', { name: '递交投标' }).click();
      await expect
        .poll(() => bidder.page.getByText('投标已递交，服务器已逐一校验密文').count(), WAIT)
        .toBe(1);
    }

    // Act 3: the clock passes the deadline; each supplier reveals from the key its browser kept
    await tickAt(api, timeline.bidDeadline);
    for (const bidder of bidders) {
      await bidder.page.goto(`/supplier/tenders/${tenderId}/opening`);
      await bidder.page.getByRole('button', { name: '解密', exact: true }).click();
      await expect.poll(() => bidder.page.getByText('已解密，报价和文件与承诺一致').count(), WAIT).toBe(1);
    }
    const opening = (await api.call('GET', `/api/tenders/${tenderId}`)).body.opening;
    await tickAt(api, new Date(Date.parse(opening.decryptionEndsAt) + MINUTE));
    const confirmationEndsAt = (await api.call('GET', `/api/tenders/${tenderId}`)).body.opening
      .confirmationEndsAt;
    await tickAt(api, new Date(Date.parse(confirmationEndsAt) + MINUTE));
    const evaluating = (await api.call('GET', `/api/tenders/${tenderId}`)).body.status;

    // Act 4 (交易中心): the size the rules require, the draw, its verification
    const desk = await open(centre);
    await desk.page.goto(`/centre/tenders/${tenderId}`);
    await expect
      .poll(() => desk.page.getByText('本项目须抽取评审专家不少于 5 人（单数）').count(), WAIT)
      .toBe(1);
    const specialty = desk.page.getByLabel('评审专业', { exact: true });
    await specialty.click();
    await specialty.fill(SPECIALTY);
    await specialty.press('Enter');
    await specialty.press('Escape');
    await desk.page.getByRole('button', { name: '随机抽取评审专家' }).click();
    await expect
      .poll(() => desk.page.getByRole('list', { name: '委员会成员' }).locator('li').count(), WAIT)
      .toBe(5);
    await desk.page.getByRole('button', { name: '复核抽取结果' }).click();
    await expect
      .poll(() => desk.page.getByText('一致：重新抽取的结果与记录的委员会相同').count(), WAIT)
      .toBe(1);
    const committee = (await api.call('GET', `/api/tenders/${tenderId}/committee`, { token: centre })).body;
    const members = (committee.members as { expertId: string }[]).map(
      (m) => pool.find((p) => p.id === m.expertId) as PoolExpert,
    );

    // Act 5 (评审专家 ×5): declaration, two-decimal scores for every bid, lock
    for (const [seat, expert] of members.entries()) {
      const session = await open(expert.token);
      await session.page.goto(`/expert/tenders/${tenderId}`);
      await session.page.getByLabel('本人与上述投标人不存在利害关系').check();
      await session.page.getByRole('button', { name: '提交回避声明' }).click();
      await session.page.getByRole('button', { name: '确认提交' }).click();
      await expect
        .poll(() => session.page.getByText('您已声明与本项目投标人不存在利害关系').count(), WAIT)
        .toBe(1);
      for (const [i, supplier] of suppliers.entries()) {
        const [tech, service] = SCORES[i] as [string, string];
        await session.page.getByLabel(new RegExp(`^${supplier.name}：技术方案`)).fill(tech);
        await session.page.getByLabel(new RegExp(`^${supplier.name}：售后服务`)).fill(service);
      }
      await expect.poll(() => session.page.getByText('已保存', { exact: true }).count(), WAIT).toBe(1);
      if (seat === 0) await takeScreenshots(session.page, 'whole-tender-score-sheet');
      await session.page.getByRole('button', { name: '锁定评分表' }).click();
      await session.page.getByRole('button', { name: '确认锁定' }).click();
      await expect.poll(() => session.page.getByText('评分表已锁定，不能再修改').count(), WAIT).toBe(1);
      expect(faults(session.errors), session.errors.join('\n')).toEqual([]);
    }
    await expect
      .poll(async () => (await api.call('GET', `/api/tenders/${tenderId}`)).body.status, WAIT)
      .toBe('awarding');
    const report = (await api.call('GET', `/api/tenders/${tenderId}/evaluation/report`, { token: purchaser }))
      .body;
    const first = report.ranking[0] as { supplierName: string };

    // Act 6 (采购人): award in candidate order, upload and record the contract
    await buyer.page.goto(`/purchaser/tenders/${tenderId}/award`);
    await buyer.page.getByRole('button', { name: `确定为成交供应商：${first.supplierName}` }).click();
    await buyer.page.getByRole('dialog').getByRole('button', { name: '确定并发布结果公告' }).click();
    await expect.poll(() => buyer.page.getByTestId('contract-form').count(), WAIT).toBe(1);
    const awarded = (await api.call('GET', `/api/tenders/${tenderId}/result`)).body;
    await buyer.page.getByTestId('contract-form').locator('input[type=file]').setInputFiles({
      name: '政府采购合同.pdf',
      mimeType: 'application/pdf',
      buffer: CONTRACT,
    });
    await buyer.page.getByRole('button', { name: '上传合同文件' }).click();
    await expect.poll(() => buyer.page.getByText('已上传，待登记').count(), WAIT).toBe(1);
    await buyer.page.getByLabel('合同金额（元）').fill(yuanText(awarded.award.dealAmountFen));
    await buyer.page.getByLabel('合同签订日期').fill(chinaDate(api.gateway.clock.now()));
    await buyer.page.getByLabel('合同签订日期').press('Tab');
    await buyer.page.getByRole('heading', { name: '确定成交与合同', level: 1 }).click();
    await expect.poll(() => buyer.page.locator('.ant-picker-dropdown:visible').count(), WAIT).toBe(0);
    await buyer.page.getByRole('button', { name: '登记合同并发布合同公告' }).click();
    await expect.poll(() => buyer.page.getByText('合同已登记，项目完成').count(), WAIT).toBe(1);
    const result = (await api.call('GET', `/api/tenders/${tenderId}/result`)).body;
    const savingsShown = await buyer.page.getByTestId('savings-rate').textContent();

    // Act 7 (交易中心): the dashboard counts the new project; the Excel file holds the report's figures
    const year = chinaDate(new Date(result.award.awardedAt)).slice(0, 4);
    const trade = (await api.call('GET', `/api/reports/trade?year=${year}`, { token: centre })).body;
    await desk.page.goto(`/centre?year=${year}`);
    await expect
      .poll(
        async () => ((await desk.page.getByTestId('kpi-count').textContent()) ?? '').replace(/\s+/g, ''),
        WAIT,
      )
      .toContain(`项目数${trade.totals.formatted.count}个`);
    const dealCard = ((await desk.page.getByTestId('kpi-deal').textContent()) ?? '').replace(/\s+/g, '');
    const savingsCard = ((await desk.page.getByTestId('kpi-savings').textContent()) ?? '').replace(
      /\s+/g,
      '',
    );
    await takeScreenshots(desk.page, 'whole-tender-dashboard');
    const [download] = await Promise.all([
      desk.page.waitForEvent('download'),
      desk.page.getByRole('button', { name: '下载 Excel 报表' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const summary = workbook.getWorksheet('汇总');
    if (!summary) throw new Error('the workbook has no 汇总 sheet');
    const headers = (summary.getRow(1).values as unknown[]).slice(1);
    const totals = (summary.getRow(2).values as unknown[]).slice(1);
    const cell = (header: string) => totals[headers.indexOf(header)];

    // Assess: the form showed the broken rule with its article, and the tender went the whole way
    expect(broken).toContain('不少于20日');
    expect(published.status).toBe('tendering');
    expect(evaluating).toBe('evaluating');
    expect(report.ranking).toHaveLength(3);
    expect(report.candidates[0]).toBe(awarded.award.bidId);
    expect(awarded.award.candidateRank).toBe(1);
    expect(result).toMatchObject({
      status: 'complete',
      contract: { amountFen: awarded.award.dealAmountFen },
    });
    expect(savingsShown).toContain(result.savingsRate);
    // Assess: the dashboard and the workbook say what the report API says, the new project included
    expect(trade.totals.count).toBeGreaterThanOrEqual(1);
    expect(dealCard).toContain(`${shownWanYuan(trade.totals.formatted.dealWanYuan)}万元`);
    expect(savingsCard).toContain(`${shownWanYuan(trade.totals.formatted.savingsWanYuan)}万元`);
    expect(cell('项目数')).toBe(trade.totals.count);
    expect(String(cell('成交金额(万元)'))).toBe(trade.totals.formatted.dealWanYuan.replace(/万元$/, ''));
    expect(String(cell('节约资金(万元)'))).toBe(trade.totals.formatted.savingsWanYuan.replace(/万元$/, ''));
    expect(trade.totals.dealFen).toBeGreaterThanOrEqual(awarded.award.dealAmountFen);
    for (const page of [buyer, desk, ...bidders])
      expect(faults(page.errors), page.errors.join('\n')).toEqual([]);
    await expectAccessible(desk.page, 'the dashboard after the whole tender');
    // A whole tender by nine people in turn: minutes on a shared 2-core machine.
  }, 900_000);
});
