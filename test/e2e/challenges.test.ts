/**
 * One challenge (质疑) from filing to answer in the browser, on the real local stack: a supplier
 * that obtained the documents files a challenge letter about them on the tender's page (94号令第十、
 * 十一、十二条), the purchasing unit answers it on its own page (第十三、十五、十六条), and the
 * supplier reads the answer; while it was open the unit's page said the contract waits (实施条例第五十四条).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type TestSupplier } from '../helpers/bidder';
import {
  expectAccessible,
  launchBrowser,
  openAs,
  type TestBrowser,
  takeScreenshots,
} from '../helpers/browser';

const WAIT = { timeout: 20_000 };
const MATTERS = '采购需求第3项的技术参数指向单一品牌，请求修改采购文件。';
const REPLY = '经核查，该参数为行业通用标准，至少三个品牌的产品满足要求，质疑不成立。';

/** Picks an antd radio by its label as a person does: a click on the label (its input is hidden). */
async function pickRadio(page: Page, name: string): Promise<void> {
  await page
    .locator('label')
    .filter({ has: page.getByRole('radio', { name, exact: true }) })
    .click();
  await expect.poll(() => page.getByRole('radio', { name, exact: true }).isChecked(), WAIT).toBe(true);
}

describe('a challenge in the web portal (94号令)', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let purchaser: string;
  let challenger: TestSupplier;
  let tenderId: string;
  const contexts: BrowserContext[] = [];

  const pageAs = (token: string | null) => openAs(chromium.browser, api.gateway.url, token, contexts);

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    purchaser = await api.token('purchaser', 'org-challenge-browser-unit');
    challenger = await makeSupplier(api, 8401);
    tenderId = (await publishTender(api, purchaser)).id;
    // The supplier obtains the documents (报名), which lets it challenge them (94号令第十一条第二款)
    const registered = await api.call('POST', `/api/tenders/${tenderId}/registrations`, {
      token: challenger.token,
    });
    expect(registered.status).toBeLessThan(300);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('the supplier files the letter, the unit answers it, the supplier reads the answer', async () => {
    // Prepare
    const supplier = await pageAs(challenger.token);
    const unit = await pageAs(purchaser);

    // Act 1: the supplier files a challenge letter about the documents
    await supplier.page.goto(`/tenders/${tenderId}`);
    await pickRadio(supplier.page, '采购文件');
    await supplier.page.getByLabel('具体、明确的质疑事项和请求').fill(MATTERS);
    await supplier.page.getByLabel('事实依据').fill('参数“接口须为XX专有接口”仅一家厂商产品具备。');
    await supplier.page.getByLabel('法律依据').fill('政府采购法实施条例第二十条第二项');
    await supplier.page.getByLabel('联系人', { exact: true }).fill('王经理');
    await supplier.page.getByLabel('联系电话').fill('0839-5550001');
    await supplier.page.getByLabel('地址', { exact: true }).fill('广元市昭化区元坝镇建设路1号');
    await supplier.page.getByLabel('邮编').fill('62801');
    await supplier.page.getByRole('button', { name: '提交质疑函' }).click();
    await expect.poll(() => supplier.page.getByText('邮编须为 6 位数字').count(), WAIT).toBe(1);
    await supplier.page.getByLabel('邮编').fill('628017');
    await supplier.page.getByRole('button', { name: '提交质疑函' }).click();
    await supplier.page
      .getByRole('dialog', { name: '确认提交质疑函' })
      .getByRole('button', { name: '提交质疑函' })
      .click();
    await expect
      .poll(
        () => supplier.page.getByText(/^质疑函已送达，采购人应在 \d{4}-\d{2}-\d{2} 前答复$/).count(),
        WAIT,
      )
      .toBe(1);
    await expect.poll(() => supplier.page.getByText(MATTERS).count(), WAIT).toBe(1);
    await supplier.page.getByRole('heading', { name: '质疑', exact: true }).scrollIntoViewIfNeeded();
    await takeScreenshots(supplier.page, 'challenge-supplier-filed');
    await expectAccessible(supplier.page, 'the supplier’s challenge on the tender page');

    // Act 1b: the centre's board of answer clocks lists it, with its due date
    const clerk = await pageAs(await api.token('centre', 'org-trading-centre', 'centre-clerk-answers'));
    await clerk.page.goto('/centre/answers');
    await expect.poll(() => clerk.page.getByText(MATTERS).count(), WAIT).toBe(1);
    await expect.poll(() => clerk.page.getByText(`质疑供应商：${challenger.name}`).count(), WAIT).toBe(1);
    await takeScreenshots(clerk.page, 'challenge-centre-clocks');
    await expectAccessible(clerk.page, 'the centre’s answer clocks');
    expect(clerk.errors).toEqual([]);

    // Act 2: the unit sees the contract held and answers
    await unit.page.goto(`/purchaser/tenders/${tenderId}`);
    await expect.poll(() => unit.page.getByText(MATTERS).count(), WAIT).toBe(1);
    await expect
      .poll(() => unit.page.getByText('有质疑可能影响中标、成交结果：暂停签订合同').count(), WAIT)
      .toBe(1);
    await pickRadio(unit.page, '质疑不成立');
    await unit.page.getByLabel('答复内容、事实依据和法律依据').fill(REPLY);
    await unit.page.getByRole('button', { name: '发布质疑答复' }).click();
    await unit.page
      .getByRole('dialog', { name: '确认发布质疑答复' })
      .getByRole('button', { name: '发布质疑答复' })
      .click();
    await expect
      .poll(() => unit.page.getByText('质疑答复已送达质疑供应商和其他有关供应商').count(), WAIT)
      .toBe(1);
    await unit.page.getByRole('heading', { name: '供应商质疑' }).scrollIntoViewIfNeeded();
    await takeScreenshots(unit.page, 'challenge-purchaser-answered');
    await expectAccessible(unit.page, 'the purchaser’s answered challenge');

    // Act 3: the supplier reads the answer
    await supplier.page.reload();
    await expect.poll(() => supplier.page.getByText(REPLY).count(), WAIT).toBe(1);

    // Assess
    const stored = await api.call('GET', `/api/tenders/${tenderId}/challenges`, { token: challenger.token });
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0]).toMatchObject({
      subject: 'documents',
      matters: MATTERS,
      contact: { postcode: '628017' },
      answer: { outcome: 'rejected', reply: REPLY, late: false },
      blocksContract: false,
    });
    expect(await unit.page.getByText('有质疑可能影响中标、成交结果：暂停签订合同').count()).toBe(0);
    expect(supplier.errors).toEqual([]);
    expect(unit.errors).toEqual([]);
  });
});
