import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { BidKeyFileSchema } from '../../shared/schemas/bid-key-file';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { creditCodeFor, makeSupplier, type PlacedBid, placeBid, revealBid, tickAt } from '../helpers/bidder';
import {
  chooseOption,
  expectAccessible,
  launchBrowser,
  newPortalContext,
  signInThroughLoginPage,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 15_000 };

const ORG = 'org-supplier-browser-1';
const PLAIN_A = Buffer.from('技术方案：台式计算机 200 台的配置、交付与三年上门保修承诺。'.repeat(40));
const PLAIN_B = Buffer.from('分项报价表：主机、显示器、打印机的单价与合计。'.repeat(25));

/** The page errors that are not faults: the API's 404 for a profile not yet saved. */
function faults(errors: string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
}

describe('a supplier bids in the browser and reveals from its key file at the remote opening', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let tender: Tender;
  let others: { supplier: Awaited<ReturnType<typeof makeSupplier>>; bid: PlacedBid }[];

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    const purchaser = await api.token('purchaser', 'org-county-school');
    tender = await publishTender(api, purchaser);
    others = [];
    for (const [i, price] of [325_000_000, 309_900_000].entries()) {
      const supplier = await makeSupplier(api, 300 + i);
      others.push({ supplier, bid: await placeBid(api, supplier, tender.id, price) });
    }
  });
  afterAll(async () => {
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('profile → 报名 → seal two files → key file → receipt → deadline → reveal from the file → record → confirm', async () => {
    // Prepare: sign in through the login page
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInThroughLoginPage(page, 'supplier', ORG, '浏览器投标测试员');

    // Act 1: the profile; a wrong credit code is refused as typed, a right one saves
    await page.goto('/supplier/profile');
    await expect.poll(() => page.getByText('尚未填写企业信息').count(), WAIT).toBe(1);
    const good = creditCodeFor(777);
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    await page.getByLabel('企业名称').fill('杭州浏览器投标科技有限公司');
    await page.getByLabel('统一社会信用代码').fill(wrong);
    await expect.poll(() => page.getByText(/统一社会信用代码无效/).count(), WAIT).toBeGreaterThan(0);
    await page.getByLabel('统一社会信用代码').fill(good);
    await expect.poll(() => page.getByText(/统一社会信用代码无效/).count(), WAIT).toBe(0);
    await chooseOption(page, page.getByLabel('企业规模'), '小型企业');
    await page.getByLabel('中小企业声明日期').fill('2026-01-05');
    await page.getByLabel('中小企业声明日期').press('Enter');
    await page.getByLabel('联系人姓名').fill('王经理');
    await page.getByLabel('联系电话').fill('0571-88881234');
    await page.getByRole('button', { name: '保存企业信息' }).click();
    await expect.poll(() => page.getByText('企业信息已保存').count(), WAIT).toBe(1);
    // Closed pickers leave their popups animating out; let them go before the photographs
    await page.getByRole('heading', { name: '企业信息', level: 1 }).click();
    await expect
      .poll(() => page.locator('.ant-picker-dropdown:visible, .ant-select-dropdown:visible').count())
      .toBe(0);
    const token = await api.token('supplier', ORG);
    const profile = await api.call('GET', '/api/suppliers/me', { token });
    expect(profile.body).toMatchObject({ creditCode: good, scale: 'small', scaleDeclaredAt: '2026-01-05' });
    await expectAccessible(page, 'the profile page');
    await takeScreenshots(page, 'supplier-profile');

    // Act 2: register and seal two files on the bid page
    await page.goto(`/supplier/tenders/${tender.id}/bid`);
    await page.getByRole('button', { name: '报名' }).click();
    await expect.poll(() => page.getByText('报名成功，现在可以投标').count(), WAIT).toBe(1);
    await page.locator('input[type=file]').setInputFiles([
      { name: '技术方案.pdf', mimeType: 'application/pdf', buffer: PLAIN_A },
      { name: '分项报价表.xlsx', mimeType: 'application/octet-stream', buffer: PLAIN_B },
    ]);
    await expect.poll(() => page.getByText(/技术方案\.pdf（/).count(), WAIT).toBe(1);
    await page.getByLabel('投标报价（元）').fill('3180000.50');
    await expect.poll(() => page.getByText('即 3,180,000.50 元').count(), WAIT).toBe(1);
    await expectAccessible(page, 'the bid page');
    await takeScreenshots(page, 'supplier-bid-form');
    const keyDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '生成投标密钥并加密' }).click();
    const download = await keyDownload;
    const keyFile = BidKeyFileSchema.parse(
      JSON.parse(readFileSync((await download.path()) as string, 'utf8')),
    );
    expect(download.suggestedFilename()).toBe(`投标密钥-${tender.id}.json`);
    expect(keyFile).toMatchObject({
      tenderId: tender.id,
      supplierId: ORG,
      bidId: null,
      priceFen: 318_000_050,
    });
    const submit = page.getByRole('button', { name: '递交投标' });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel('我已妥善保存投标密钥文件').check();
    await submit.click();
    await expect
      .poll(() => page.getByText('投标已递交，服务器已逐一校验密文').count(), { timeout: 30_000 })
      .toBe(1);

    // Assess 2: the receipt equals the API's, the key file now carries the bid id
    const shownDigest = (await page.getByTestId('manifest-digest').first().textContent())?.trim();
    const mine = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token });
    const current = mine.body.items.find((b: { current: boolean }) => b.current);
    expect(current.receipt.manifestDigest).toBe(shownDigest);
    expect(current.keyCommitment).toBe(keyFile.keyCommitment);
    expect(current.documents.map((d: { fileName: string }) => d.fileName).sort()).toEqual(
      ['分项报价表.xlsx', '技术方案.pdf'].sort(),
    );
    expect(await page.getByText('已校验').count()).toBe(2);
    const again = page.waitForEvent('download');
    await page.getByRole('button', { name: '重新下载投标密钥文件（含投标编号）' }).click();
    const withId = BidKeyFileSchema.parse(
      JSON.parse(readFileSync((await (await again).path()) as string, 'utf8')),
    );
    expect(withId.bidId).toBe(current.id);
    expect(withId.keyHex).toBe(keyFile.keyHex);
    await expectAccessible(page, 'the bid page with its receipt');
    await takeScreenshots(page, 'supplier-bid-receipt');
    await page.goto('/supplier');
    await expect.poll(() => page.getByRole('link', { name: tender.content.title }).count(), WAIT).toBe(1);
    expect(await page.getByText('已递交').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'my projects');
    await takeScreenshots(page, 'supplier-projects');
    expect(faults(errors), errors.join('\n')).toEqual([]);
    await context.close();

    // Act 3: the deadline passes; a fresh browser (empty IndexedDB) reveals from the saved file
    await tickAt(api, tender.content.timeline.bidDeadline);
    const room = await newPortalContext(chromium.browser, api.gateway.url);
    const roomPage = await room.newPage();
    const roomErrors = watchPageErrors(roomPage);
    await signInThroughLoginPage(roomPage, 'supplier', ORG, '浏览器投标测试员');
    await roomPage.goto(`/supplier/tenders/${tender.id}/opening`);
    await expect.poll(() => roomPage.getByText('本浏览器中没有该投标的投标密钥').count(), WAIT).toBe(1);
    expect(await roomPage.getByRole('button', { name: '解密', exact: true }).count()).toBe(0);
    await expectAccessible(roomPage, 'the opening room');
    await takeScreenshots(roomPage, 'supplier-opening-before-reveal');
    await roomPage.locator('input[type=file]').setInputFiles({
      name: `投标密钥-${tender.id}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(withId)),
    });
    await expect.poll(() => roomPage.getByText(/已读取投标密钥文件/).count(), WAIT).toBe(1);
    await roomPage.getByRole('button', { name: '解密', exact: true }).click();
    await expect
      .poll(() => roomPage.getByText('已解密，报价和文件与承诺一致').count(), { timeout: 20_000 })
      .toBe(1);
    expect(await roomPage.getByText('密钥一致').count()).toBeGreaterThan(0);
    for (const { supplier, bid } of others)
      expect((await revealBid(api, supplier, tender.id, bid)).status).toBe(200);

    // Act 4: the window closes; the record appears without a reload, and the supplier confirms it
    const windowEnd =
      Date.parse(tender.content.timeline.bidDeadline) +
      (tender.content.timeline.decryptionWindowMinutes + 1) * 60_000;
    await tickAt(api, new Date(windowEnd));
    await expect.poll(() => roomPage.getByTestId('opening-record').count(), { timeout: 20_000 }).toBe(1);
    const record = roomPage.getByTestId('opening-record');
    expect(await record.getByText('3,180,000.50 元').count()).toBe(1);
    await expectAccessible(roomPage, 'the opening room with the record');
    await takeScreenshots(roomPage, 'supplier-opening-record');
    await roomPage.getByRole('button', { name: '确认开标记录' }).click();
    await expect.poll(() => roomPage.getByText('已确认开标记录').count(), WAIT).toBe(1);
    const published = await api.call('GET', `/api/tenders/${tender.id}/opening`, { token });
    expect(published.body.responses).toEqual([
      expect.objectContaining({ supplierOrgId: ORG, decision: 'confirm' }),
    ]);
    expect(faults(roomErrors), roomErrors.join('\n')).toEqual([]);
    await room.close();

    // Assess: the stored bid holds only ciphertext
    const plaintexts: Record<string, Buffer> = { '技术方案.pdf': PLAIN_A, '分项报价表.xlsx': PLAIN_B };
    for (const doc of current.documents as { id: string; fileName: string }[]) {
      const link = await api.call('GET', `/api/tenders/${tender.id}/bids/${current.id}/documents/${doc.id}`, {
        token,
      });
      expect(link.status).toBe(200);
      const stored = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
      const plain = plaintexts[doc.fileName] as Buffer;
      expect(stored.subarray(0, 4).toString('latin1')).toBe('GGZ1');
      expect(stored.length).toBe(plain.length + 32);
      expect(stored.equals(plain)).toBe(false);
      expect(stored.indexOf(plain.subarray(0, 32))).toBe(-1);
    }
  });
});
