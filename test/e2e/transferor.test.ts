import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { reserveCommitment } from '../../shared/domain/sealing';
import { ReserveFileSchema } from '../../shared/schemas/reserve-file';
import { type ApiClient, startTestApi } from '../helpers/api';
import { makeSupplier, tickAt } from '../helpers/bidder';
import {
  chooseOption,
  expectAccessible,
  launchBrowser,
  newPortalContext,
  pickDateTime,
  settle,
  signInWithToken,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { enrolBidder, quote } from '../helpers/transfer';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 20_000 };
const ORG = 'org-land-bureau-form';
const TITLE = '城北片区 B-07 地块国有建设用地使用权网上挂牌出让';
const DOCUMENT = Buffer.from(
  '%PDF-1.7 出让文件：城北片区 B-07 地块，宗地图、规划条件与出让合同范本。'.repeat(30),
);

describe('a transferor (出让人) drafts a land listing in the form, seals its reserve in the browser and reveals it', () => {
  let api: ApiClient;
  let chromium: TestBrowser;

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('terms typed in 元 → draft → reserve sealed, only its commitment sent → published → quotes → reserve file opens it → 成交', async () => {
    // Prepare
    const token = await api.token('purchaser', ORG, 'land-clerk-1');
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    await signInWithToken(context, token);
    const page = await context.newPage();
    const errors = watchPageErrors(page);

    // Act 1: 基本信息 of a land listing, with its terms
    await page.goto('/purchaser/tenders/new');
    await page.getByLabel('项目名称').fill(TITLE);
    await page.getByLabel('采购单位').fill('某区自然资源局');
    await chooseOption(page, page.getByLabel('交易类型'), '国有建设用地使用权出让');
    await chooseOption(page, page.getByLabel('出让方式'), '挂牌');
    await chooseOption(page, page.getByLabel('品目类别'), '工程');
    await page.getByLabel('宗地编号').fill('2027-G-07');
    await page.getByLabel('土地用途').fill('商服用地');
    await page.getByLabel('面积（平方米）').fill('12345.67');
    await page.getByLabel('使用年期（年）').fill('40');
    await page.getByLabel('宗地位置（四至）').fill('城北片区 B-07 地块，东至纬一路，西至经二路');
    await page.getByLabel('起始价（元）').fill('8000000.10');
    await page.getByLabel('增价幅度（元）').fill('100000');
    await page.getByLabel('竞买保证金（元）').fill('1600000');
    await expect.poll(() => page.getByText('即 8,000,000.10 元（800.00001 万元）').count(), WAIT).toBe(1);
    // A start price off the 0.1万元 quote unit is refused by the server's rules as it is typed
    await expect
      .poll(() => page.getByText(/起始价须为报价单位 0\.1万元 的整数倍/).count(), WAIT)
      .toBeGreaterThan(0);
    expect(await page.getByText(/第三十条/).count()).toBeGreaterThan(0);
    await page.getByLabel('起始价（元）').fill('8000000');
    await expect.poll(() => page.getByText('本步骤已填写的内容符合采购规则').count(), WAIT).toBe(1);
    await settle(page);
    await expectAccessible(page, 'the form: a land listing’s terms');
    await takeScreenshots(page, 'transferor-form-terms');

    // Act 2: the other steps as the server's rules ask of a transfer, then the earliest legal dates
    await page.getByRole('button', { name: '下一步：资格条件' }).click();
    await page.getByRole('button', { name: '下一步：中小企业政策' }).click();
    await page.getByLabel(/^不专门面向中小企业/).check();
    await page
      .getByLabel(/不预留的理由|理由/)
      .first()
      .fill('土地出让不适用中小企业政策');
    await page.getByRole('button', { name: '下一步：评审办法' }).click();
    await page.getByRole('radio', { name: '价高者得' }).check();
    await page.getByRole('button', { name: '下一步：时间安排' }).click();
    await page.getByRole('button', { name: /挂牌起始时间设为最早日期/ }).click();
    const startField = page.getByLabel('挂牌起始时间（北京时间）');
    await expect.poll(() => startField.inputValue(), WAIT).toMatch(/^\d{4}-\d{2}-\d{2} /);
    const startsOn = (await startField.inputValue()).slice(0, 10);
    const dayAfter = (days: number) =>
      new Date(Date.parse(`${startsOn}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    await pickDateTime(page, '竞买申请截止时间（北京时间）', `${dayAfter(9)} 17:00`);
    await pickDateTime(page, '挂牌截止时间（北京时间）', `${dayAfter(14)} 10:00`);
    await expect.poll(() => page.getByTestId('rule-check').textContent(), WAIT).toContain('已通过规则检查');
    await settle(page);
    await takeScreenshots(page, 'transferor-form-timeline');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/purchaser\/tenders\/[0-9A-Z]{26}$/);
    const tenderId = page.url().split('/').pop() as string;

    // Assess 2: the terms stored exactly as typed, in 分
    const stored = (await api.call('GET', `/api/manage/tenders/${tenderId}`, { token })).body;
    expect(stored.content.transfer).toMatchObject({
      subject: {
        kind: 'land',
        parcelNo: '2027-G-07',
        areaSquareMetres: 12345.67,
        termYears: 40,
        use: '商服用地',
      },
      startPriceFen: 800_000_000,
      incrementFen: 10_000_000,
      depositFen: 160_000_000,
    });
    expect(stored.content.transfer.reserveCommitment).toBeUndefined();

    // Act 3: the reserve sealed in the browser; the file is downloaded
    await page.getByLabel('底价（元）').fill('8200000');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '密封底价并下载底价文件' }).click();
    const download = await downloading;
    const file = ReserveFileSchema.parse(JSON.parse(readFileSync((await download.path()) as string, 'utf8')));
    await expect.poll(() => page.getByText('底价已密封', { exact: true }).count(), WAIT).toBe(1);

    // Assess 3: the server holds the commitment only, and the file opens it
    const sealed = (await api.call('GET', `/api/manage/tenders/${tenderId}`, { token })).body;
    expect(file).toMatchObject({ tenderId, reservePriceFen: 820_000_000 });
    expect(sealed.content.transfer.reserveCommitment).toBe(file.commitment);
    expect(await reserveCommitment({ tenderId, reservePriceFen: 820_000_000, nonce: file.nonce })).toBe(
      file.commitment,
    );
    expect(JSON.stringify(sealed)).not.toContain('820000000');

    // Act 4: the transfer document, then publication
    await page.locator('input[type=file]').first().setInputFiles({
      name: '出让文件.pdf',
      mimeType: 'application/pdf',
      buffer: DOCUMENT,
    });
    await expect.poll(() => page.getByText('可以发布：已通过全部发布检查').count(), WAIT).toBe(1);
    await page.getByRole('button', { name: /^发布/ }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: '发布' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '挂牌竞价', level: 2 }).count(), WAIT).toBe(1);

    // Act 5: two bidders quote through the API; the listing ends and the tick closes it
    const published = (await api.call('GET', `/api/tenders/${tenderId}`)).body;
    const centre = await api.token('centre', 'org-trading-centre');
    const [a, b] = [await makeSupplier(api, 8201, 'large'), await makeSupplier(api, 8202, 'large')];
    // (a deposit above the notice's is accepted: enrolBidder pays 200万元 against 160万元)
    for (const bidder of [a, b]) await enrolBidder(api, tenderId, centre, bidder);
    api.gateway.clock.set(new Date(Date.parse(published.content.timeline.documentsFrom) + 60_000));
    expect((await quote(api, tenderId, a, 800_000_000)).status).toBe(201);
    expect((await quote(api, tenderId, b, 830_000_000)).status).toBe(201);
    await tickAt(api, new Date(Date.parse(published.content.timeline.bidDeadline) + 1000));
    expect((await api.call('GET', `/api/tenders/${tenderId}`)).body.status).toBe('awarding');

    // Act 6: the transferor opens its reserve with the file it kept
    await page.reload();
    await page.getByLabel('选择底价文件').setInputFiles(await download.path());
    await expect.poll(() => page.getByText('底价 8,200,000.00 元，与公布的承诺一致').count(), WAIT).toBe(1);
    await settle(page);
    await expectAccessible(page, 'the reserve reveal');
    await takeScreenshots(page, 'transferor-reserve-reveal');
    await page.getByRole('button', { name: '公开底价' }).click();

    // Assess 6: sold at the highest quote, above the reserve; the reveal matched the commitment
    await expect
      .poll(async () => (await api.call('GET', `/api/tenders/${tenderId}`)).body.status, WAIT)
      .toBe('awarded');
    const auction = (await api.call('GET', `/api/tenders/${tenderId}/auction`)).body;
    expect(auction.reserve).toMatchObject({ priceFen: 820_000_000, matches: true });
    expect(auction.currentPriceFen).toBe(830_000_000);
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
