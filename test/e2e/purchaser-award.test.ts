import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { TEST_CALENDAR } from '../../infra/local/calendar-fixture-2027';
import { chinaDate, periodEnd } from '../../shared/domain/calendar';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import {
  makeSupplier,
  type PlacedBid,
  placeBid,
  playToEvaluation,
  revealBid,
  type TestSupplier,
  tickAt,
} from '../helpers/bidder';
import {
  expectAccessible,
  launchBrowser,
  newPortalContext,
  signInWithToken,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { addExperts, playToAwarding } from '../helpers/evaluation';
import { chinaMorning, openTenderContent, sha256 } from '../helpers/fixtures';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 20_000 };

const PURCHASER = 'org-county-award';
const SPECIALTY = '计算机设备';
/** The signed contract as the clerk scans it (any bytes; the API keeps only their SHA-256). */
const CONTRACT = Buffer.from(
  `%PDF-1.7\n政府采购合同：区政务服务中心办公设备采购项目\n${'合同条款。'.repeat(300)}\n%%EOF`,
);

describe('the purchasing unit follows the opening, reviews the evaluation, awards and records the contract', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let purchaser: string;
  let tender: Tender;
  let later: Tender;
  let suppliers: TestSupplier[];
  let bids: PlacedBid[];

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    purchaser = await api.token('purchaser', PURCHASER);
    tender = await publishTender(api, purchaser);
    // A second tender, opening a few days later, to watch the windows and an objection while they run
    const content = openTenderContent(api.gateway.clock.now());
    const today = chinaDate(api.gateway.clock.now());
    const firstDay = chinaDate(new Date(tender.content.timeline.bidDeadline));
    let day = firstDay;
    for (let n = 26; day <= firstDay; n += 1) day = periodEnd(today, n, 'days', TEST_CALENDAR);
    later = await publishTender(api, purchaser, {
      title: '区政务服务中心会议系统采购项目',
      timeline: { ...content.timeline, bidDeadline: chinaMorning(day).toISOString() },
    });
    suppliers = [
      await makeSupplier(api, 401, 'small'),
      await makeSupplier(api, 402, 'small'),
      await makeSupplier(api, 403, 'medium'),
    ];
    // Small firms' prices count 10% lower in the scoring (财库〔2020〕46号), so 3,099,000 元 ranks first
    bids = await playToEvaluation(api, tender, [
      { supplier: suppliers[0] as TestSupplier, priceFen: 325_000_000 },
      { supplier: suppliers[1] as TestSupplier, priceFen: 309_900_000 },
      { supplier: suppliers[2] as TestSupplier, priceFen: 300_000_000 },
    ]);
    const centre = await api.token('centre', 'org-trading-centre');
    const pool = await addExperts(api, centre, SPECIALTY, 500, 5);
    await playToAwarding(api, centre, pool, tender.id, SPECIALTY, bids);
  });
  afterAll(async () => {
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('opening record → decrypted and re-hashed bids → out of order needs a reason → award → contract → 节约资金', async () => {
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    await signInWithToken(context, purchaser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    // Act 1: the opening record, every bid valid and every bidder's confirmation
    await page.goto(`/purchaser/tenders/${tender.id}/opening`);
    await expect.poll(() => page.getByTestId('opening-record').count(), WAIT).toBe(1);
    const record = page.getByTestId('opening-record');
    await expect.poll(() => record.getByText('3 家 / 共 3 家').count(), WAIT).toBe(1);
    for (const price of ['3,250,000.00 元', '3,099,000.00 元', '3,000,000.00 元'])
      expect(await record.getByText(price).count()).toBe(1);
    expect(await record.getByText('有效', { exact: true }).count()).toBe(3);
    const answers = page.getByTestId('opening-answers');
    expect(await answers.getByText('已确认').count()).toBe(3);
    await expect.poll(() => page.getByText('共 3 家供应商报名。').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByTestId('received-bids').getByText('已解密').count(), WAIT).toBe(3);
    expect(await page.getByTestId('opening-progress').getByText('已结束').count()).toBe(2);
    expect(await page.getByTestId('opening-responses').getByText('已结束').count()).toBe(1);
    await expectAccessible(page, 'the purchaser opening page');
    await takeScreenshots(page, 'purchaser-opening-record');

    // Act 2: the evaluation page re-hashes and decrypts each bid's document in the browser
    await page.getByRole('link', { name: '评审', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '评审', level: 1 }).count(), WAIT).toBe(1);
    await expect.poll(() => page.getByTestId('decrypted-bid').count(), WAIT).toBe(3);
    await expect
      .poll(() => page.getByText('已校验：与投标回执登记的 SHA-256 一致，已解密').count(), WAIT)
      .toBe(3);
    expect(await page.getByText('文件清单与回执一致').count()).toBe(3);
    expect(await page.getByText('报价与承诺一致').count()).toBe(3);
    expect(await page.getByText('密钥与承诺一致').count()).toBe(3);
    const winnerCard = page
      .getByTestId('decrypted-bid')
      .filter({ hasText: (suppliers[1] as TestSupplier).name });
    const download = page.waitForEvent('download');
    await winnerCard.getByRole('link', { name: /下载解密后的文件/ }).click();
    const saved = readFileSync((await (await download).path()) as string, 'utf8');
    expect(saved).toBe((bids[1] as PlacedBid).plaintext);
    // The pointer leaves the link it clicked (a hovered link is lighter than the page's AA colours)
    await page.mouse.move(0, 0);
    await expect.poll(() => page.getByText('抽取复核一致').count(), WAIT).toBe(1);
    expect(await page.getByTestId('committee').getByText('已提交评分表').count()).toBe(5);
    const report = (
      await api.call('GET', `/api/tenders/${tender.id}/evaluation/report`, { token: purchaser })
    ).body;
    const first = report.ranking[0];
    expect(report.candidates[0]).toBe((bids[1] as PlacedBid).bidId);
    const ranking = page.getByTestId('ranking');
    await expect.poll(() => ranking.getByText('第 1 中标候选人').count(), WAIT).toBe(1);
    expect(await ranking.getByText(first.total).count()).toBeGreaterThan(0);
    expect(await ranking.getByText(/小微企业扣除后/).count()).toBe(2);
    await expectAccessible(page, 'the purchaser evaluation page');
    await page.getByRole('heading', { name: '评审', level: 1 }).scrollIntoViewIfNeeded();
    await takeScreenshots(page, 'purchaser-evaluation');
    await page.getByTestId('evaluation-report').scrollIntoViewIfNeeded();
    await takeScreenshots(page, 'purchaser-evaluation-report');

    // Act 3: choosing the second candidate asks for a written reason and awards nothing without one
    await page.getByRole('link', { name: '确定成交与合同' }).click();
    await expect.poll(() => page.getByTestId('candidates').count(), WAIT).toBe(1);
    await expectAccessible(page, 'the award page with the candidates');
    await takeScreenshots(page, 'purchaser-award-candidates');
    const second = report.ranking.find((r: { bidId: string }) => r.bidId === report.candidates[1]);
    await page.getByRole('button', { name: `不按排序确定：${second.supplierName}` }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('应当按候选人排序确定成交供应商').count(), WAIT).toBe(1);
    // Without a reason the form only refuses, so a click lost to the dialog's opening animation on a
    // loaded machine is simply made again
    await expect
      .poll(async () => {
        await dialog.getByRole('button', { name: '确定并发布结果公告' }).click();
        return dialog.getByText('不按排序确定须书面说明理由（87号令第六十八条）').count();
      }, WAIT)
      .toBe(1);
    await expectAccessible(page, 'the out-of-order dialog');
    await takeScreenshots(page, 'purchaser-award-out-of-order');
    expect(
      (await api.call('GET', `/api/manage/tenders/${tender.id}`, { token: purchaser })).body.status,
    ).toBe('awarding');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await expect.poll(() => page.getByRole('dialog').count(), WAIT).toBe(0);

    // Act 4: the first candidate is confirmed in order
    await page.getByRole('button', { name: `确定为成交供应商：${first.supplierName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确定并发布结果公告' }).click();
    await expect.poll(() => page.getByTestId('contract-form').count(), WAIT).toBe(1);
    const award = (await api.call('GET', `/api/tenders/${tender.id}/result`)).body;
    expect(award.award).toMatchObject({ bidId: (bids[1] as PlacedBid).bidId, candidateRank: 1 });
    expect(award.award.outOfOrderReason).toBeUndefined();

    // Act 5: the contract file is hashed in the browser, uploaded, and the contract recorded in exact 分
    await page.getByTestId('contract-form').locator('input[type=file]').setInputFiles({
      name: '政府采购合同.pdf',
      mimeType: 'application/pdf',
      buffer: CONTRACT,
    });
    await expect.poll(() => page.getByText(sha256(CONTRACT)).count(), WAIT).toBe(1);
    await page.getByRole('button', { name: '上传合同文件' }).click();
    await expect.poll(() => page.getByText('已上传，待登记').count(), WAIT).toBe(1);
    await page.getByLabel('合同金额（元）').fill('3099000.5');
    await expect.poll(() => page.getByText('合同金额与成交金额不一致').count(), WAIT).toBe(1);
    await page.getByLabel('合同金额（元）').fill('3099000.00');
    await expect.poll(() => page.getByText('即 3,099,000.00 元').count(), WAIT).toBe(1);
    expect(await page.getByText('合同金额与成交金额不一致').count()).toBe(0);
    const signedOn = chinaDate(api.gateway.clock.now());
    await page.getByLabel('合同签订日期').fill(signedOn);
    // Tab, not Enter: Enter in a field submits the form, and the contract is recorded by its button
    await page.getByLabel('合同签订日期').press('Tab');
    await page.getByRole('heading', { name: '确定成交与合同', level: 1 }).click();
    await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count(), WAIT).toBe(0);
    expect(await page.getByText('合同已登记，项目完成').count()).toBe(0);
    await expectAccessible(page, 'the contract form');
    await takeScreenshots(page, 'purchaser-contract-form');
    await page.getByRole('button', { name: '登记合同并发布合同公告' }).click();
    await expect.poll(() => page.getByText('合同已登记，项目完成').count(), WAIT).toBe(1);

    // Assess: the contract as typed, the result's figures as the API computed them
    const result = (await api.call('GET', `/api/tenders/${tender.id}/result`)).body;
    expect(result.contract).toMatchObject({
      amountFen: 309_900_000,
      signedOn,
      document: {
        fileName: '政府采购合同.pdf',
        sha256: sha256(CONTRACT),
        size: CONTRACT.length,
        verified: true,
      },
    });
    expect(result).toMatchObject({ savingsFen: 40_100_000, savingsRate: '11.46%', status: 'complete' });
    await expect.poll(() => page.getByTestId('savings').getByText('401,000.00 元').count(), WAIT).toBe(1);
    expect(await page.getByTestId('savings-rate').getByText('11.46%').count()).toBe(1);
    expect(await page.getByTestId('deal-amount').getByText('3,099,000.00 元').count()).toBe(1);
    expect(await page.getByTestId('contract').getByText(sha256(CONTRACT)).count()).toBe(1);
    await expectAccessible(page, 'the award result');
    await takeScreenshots(page, 'purchaser-award-result');

    // Assess: after the result notice the committee's names are public on the evaluation page
    await page.getByRole('link', { name: '评审', exact: true }).click();
    await expect.poll(() => page.getByText(/评审专家名单随之公开：专家5\d\d/).count(), WAIT).toBe(1);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  test('while the windows run: the decryption countdown, then an objection with its reason and a bidder yet to answer', async () => {
    const laterBids: PlacedBid[] = [];
    for (const [i, supplier] of suppliers.entries())
      laterBids.push(await placeBid(api, supplier, later.id, 200_000_000 + i * 1_000_000));
    await tickAt(api, later.content.timeline.bidDeadline);
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    await signInWithToken(context, purchaser);
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    // Act 1: decrypting — the registrations are out, the bids are not
    await page.goto(`/purchaser/tenders/${later.id}/opening`);
    await expect.poll(() => page.getByText('共 3 家供应商报名。').count(), WAIT).toBe(1);
    const progress = page.getByTestId('opening-progress');
    await expect.poll(() => progress.getByText(/^剩余 /).count(), WAIT).toBe(1);
    expect(await page.getByText(/投标文件在开标记录确认结束/).count()).toBe(1);
    expect(await page.getByTestId('opening-record').count()).toBe(0);
    await expectAccessible(page, 'the opening page while decrypting');
    await takeScreenshots(page, 'purchaser-opening-decrypting');

    // Act 2: the window closes; one bidder confirms, one objects, one is silent
    for (const [i, supplier] of suppliers.entries())
      expect((await revealBid(api, supplier, later.id, laterBids[i] as PlacedBid)).status).toBe(200);
    const windowEnd =
      Date.parse(later.content.timeline.bidDeadline) +
      (later.content.timeline.decryptionWindowMinutes + 1) * 60_000;
    await tickAt(api, new Date(windowEnd));
    const reason = '开标记录中我公司的报价唱标顺序有误，请核对';
    await api.call('POST', `/api/tenders/${later.id}/opening/responses`, {
      token: (suppliers[0] as TestSupplier).token,
      body: { decision: 'confirm' },
    });
    await api.call('POST', `/api/tenders/${later.id}/opening/responses`, {
      token: (suppliers[1] as TestSupplier).token,
      body: { decision: 'object', reason },
    });

    // Assess: the record appears without a reload, with the answers and the confirmation countdown
    await expect.poll(() => page.getByTestId('opening-record').count(), WAIT).toBe(1);
    const answers = page.getByTestId('opening-answers');
    await expect.poll(() => answers.getByText(reason).count(), WAIT).toBe(1);
    expect(await answers.getByText('已确认').count()).toBe(1);
    expect(await answers.getByText('提出异议').count()).toBe(1);
    expect(await answers.getByText('尚未答复').count()).toBe(1);
    expect(await page.getByText('有 1 家投标人对开标记录提出异议').count()).toBe(1);
    expect(
      await page
        .getByTestId('opening-responses')
        .getByText(/^剩余 /)
        .count(),
    ).toBe(1);
    await expectAccessible(page, 'the opening page with an objection');
    await takeScreenshots(page, 'purchaser-opening-objection');
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });
});
