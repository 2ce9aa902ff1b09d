/**
 * 询问与答复 in the browser, on the real local stack: a supplier asks on the tender's public page,
 * the purchasing unit answers on its own tender page (after a confirmation), the public reads the
 * question and the answer without the asker's name, and the centre sees who asked
 * (政府采购法第五十一条; 实施条例第五十二条).
 */
import type { BrowserContext } from 'playwright-core';
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
const QUESTION = '第三章技术参数中“不低于”是否含本数？';
const ANSWER = '含本数，例如“不低于 500 台”即 500 台及以上均满足要求。';

describe('enquiries in the web portal (政府采购法第五十一条)', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let purchaser: string;
  let centre: string;
  let asker: TestSupplier;
  let tenderId: string;
  const contexts: BrowserContext[] = [];

  const pageAs = (token: string | null) => openAs(chromium.browser, api.gateway.url, token, contexts);

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    purchaser = await api.token('purchaser', 'org-enquiry-browser-unit');
    centre = await api.token('centre', 'org-trading-centre', 'centre-clerk-enquiries');
    asker = await makeSupplier(api, 8301);
    tenderId = (await publishTender(api, purchaser)).id;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('a supplier asks, the purchasing unit answers, everyone reads it, and only the centre sees who asked', async () => {
    // Prepare
    const supplier = await pageAs(asker.token);
    const unit = await pageAs(purchaser);
    const visitor = await pageAs(null);
    const clerk = await pageAs(centre);

    // Act 1: the supplier asks on the public page
    await supplier.page.goto(`/tenders/${tenderId}`);
    await supplier.page.getByLabel('提出询问（政府采购法第五十一条）').fill('短');
    await supplier.page.getByRole('button', { name: '提交询问' }).click();
    await expect.poll(() => supplier.page.getByText('至少 5 个字').count(), WAIT).toBe(1);
    await supplier.page.getByLabel('提出询问（政府采购法第五十一条）').fill(QUESTION);
    await supplier.page.getByRole('button', { name: '提交询问' }).click();
    await expect
      .poll(() => supplier.page.getByText(/^询问已提交，采购人应在 \d{4}-\d{2}-\d{2} 前答复$/).count(), WAIT)
      .toBe(1);
    await expect.poll(() => supplier.page.getByText('我的询问').count(), WAIT).toBe(1);
    await expect.poll(() => supplier.page.getByText('待答复', { exact: true }).count(), WAIT).toBe(1);
    await supplier.page.getByRole('heading', { name: '询问与答复' }).scrollIntoViewIfNeeded();
    await takeScreenshots(supplier.page, 'enquiry-supplier-asked');
    await expectAccessible(supplier.page, 'the public tender page with an enquiry');

    // Act 2: the purchasing unit answers on its tender page, after confirming
    await unit.page.goto(`/purchaser/tenders/${tenderId}`);
    await expect.poll(() => unit.page.getByText(QUESTION).count(), WAIT).toBe(1);
    await unit.page.getByLabel('答复', { exact: true }).fill(ANSWER);
    await unit.page.getByRole('button', { name: '发布答复' }).click();
    const dialog = unit.page.getByRole('dialog', { name: '确认发布答复' });
    await dialog.getByRole('button', { name: '发布答复' }).click();
    await expect.poll(() => unit.page.getByText('答复已发布').count(), WAIT).toBe(1);
    await expect.poll(() => unit.page.getByText('已答复', { exact: true }).count(), WAIT).toBe(1);
    await unit.page.getByRole('heading', { name: '供应商询问' }).scrollIntoViewIfNeeded();
    await takeScreenshots(unit.page, 'enquiry-purchaser-answered');
    await expectAccessible(unit.page, 'the purchaser’s tender page with an answered enquiry');

    // Act 3: a visitor reads it; the centre reads who asked
    await visitor.page.goto(`/tenders/${tenderId}`);
    await expect.poll(() => visitor.page.getByText(ANSWER).count(), WAIT).toBe(1);
    await clerk.page.goto(`/centre/tenders/${tenderId}`);
    await expect.poll(() => clerk.page.getByText(QUESTION).count(), WAIT).toBe(1);
    await clerk.page.getByRole('heading', { name: '询问监督' }).scrollIntoViewIfNeeded();
    await takeScreenshots(clerk.page, 'enquiry-centre');

    // Assess
    const visitorText = (await visitor.page.locator('main').first().textContent()) ?? '';
    expect(visitorText).toContain(QUESTION);
    expect(visitorText).not.toContain(asker.name);
    expect(await visitor.page.getByRole('button', { name: '提交询问' }).count()).toBe(0);
    const unitText = (await unit.page.locator('main').first().textContent()) ?? '';
    expect(unitText).not.toContain(asker.name);
    await expect.poll(() => clerk.page.getByText(asker.name).count(), WAIT).toBe(1);
    for (const [who, seen] of Object.entries({ supplier, unit, visitor }))
      expect(seen.errors, who).toEqual([]);
    // The centre's tender page asks for a committee that is not drawn yet: that read answers 404
    expect(clerk.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
