import { readFile } from 'node:fs/promises';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, emulatorS3Client, publishTender, startTestApi } from '../helpers/api';
import {
  expectAccessible,
  launchBrowser,
  newPortalContext,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { sha256 } from '../helpers/fixtures';

describe('the public portal in Chromium', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let s3: S3Client;
  let tenders: Tender[];

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    s3 = emulatorS3Client();
    const purchaser = await api.token('purchaser', 'org-public-board');
    tenders = [
      await publishTender(api, purchaser, { title: '区第一中学教学设备采购项目' }),
      await publishTender(api, purchaser, { title: '区人民医院医疗耗材采购项目', category: 'goods' }),
      await publishTender(api, purchaser, { title: '区图书馆物业管理服务采购项目', category: 'services' }),
    ];
  });
  afterAll(async () => {
    s3?.destroy();
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('the board and the tender list show the published tenders; a document downloads and checks by SHA-256; the audit chain is complete', async () => {
    // Prepare
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const tender = tenders[0] as Tender;
    const doc = tender.documents[0] as Tender['documents'][number];
    const uploaded = `招标文件 ${tender.id}`;
    const audit = await api.call('GET', `/api/tenders/${tender.id}/audit`);

    // Act: the board
    await page.goto('/');
    await page.getByRole('link', { name: '区第一中学教学设备采购项目采购公告' }).first().waitFor();
    const boardTitles = await page
      .getByRole('list', { name: '公告列表' })
      .getByRole('link')
      .allTextContents();
    await expectAccessible(page, 'the board');
    await takeScreenshots(page, 'public-board');

    // Act: the tender list, filtered to services through the URL
    await page.goto('/tenders');
    await page.getByRole('link', { name: '区人民医院医疗耗材采购项目' }).first().waitFor();
    const listTitles = await page.getByRole('list', { name: '项目列表' }).getByRole('link').allTextContents();
    await expectAccessible(page, 'the tender list');
    await takeScreenshots(page, 'public-tender-list');
    await page.goto('/tenders?category=services');
    await page.getByRole('link', { name: '区图书馆物业管理服务采购项目' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: '区人民医院医疗耗材采购项目' }).count()).toBe(0);
    const servicesTitles = await page
      .getByRole('list', { name: '项目列表' })
      .getByRole('link')
      .allTextContents();
    // The same through the controls: a category picked, then a title searched, each kept in the URL
    await page.goto('/tenders');
    await page.getByLabel('品目类别').selectOption('services');
    await page.waitForURL(/category=services/);
    await page.getByRole('link', { name: '区图书馆物业管理服务采购项目' }).waitFor();
    // The unfiltered list also holds the services tender: wait until the filtered answer replaced it
    await expect.poll(() => page.getByRole('link', { name: '区人民医院医疗耗材采购项目' }).count()).toBe(0);
    const pickedCount = await page.getByRole('list', { name: '项目列表' }).getByRole('link').count();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByLabel('项目名称搜索').fill('医院');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/q=/);
    await expect.poll(() => page.getByRole('link', { name: '区第一中学教学设备采购项目' }).count()).toBe(0);
    const searchedTitles = await page
      .getByRole('list', { name: '项目列表' })
      .getByRole('link')
      .allTextContents();
    // The board's kinds are links to the filtered feed
    await page.goto('/');
    await page.getByRole('navigation', { name: '公告类型' }).getByRole('link', { name: '更正公告' }).click();
    await page.waitForURL(/type=correction/);
    await page.getByText('没有符合筛选条件的公告').waitFor();
    const currentKind = await page
      .getByRole('navigation', { name: '公告类型' })
      .locator('[aria-current="page"]')
      .textContent();

    // Act: the tender page, from the list
    await page.goto('/tenders');
    await page.getByRole('link', { name: '区第一中学教学设备采购项目' }).click();
    await page.waitForURL(`**/tenders/${tender.id}`);
    const documents = page.getByRole('list', { name: '采购文件' });
    await documents.getByText(doc.sha256).waitFor();
    const documentText = await documents.textContent();
    await page.getByText(/审计链完整/).waitFor();
    const auditText = await page.locator('.ant-alert-success').textContent();
    const downloading = page.waitForEvent('download');
    await documents.getByRole('button', { name: /下载并校验/ }).click();
    const download = await downloading;
    const saved = await readFile((await download.path()) as string);
    await documents.getByText(/已校验/).waitFor();
    await expectAccessible(page, 'the tender page');
    await takeScreenshots(page, 'public-tender');

    // Act: open data and the login page
    await page.goto('/open-data');
    await page.getByRole('heading', { level: 1, name: '开放数据' }).waitFor();
    await takeScreenshots(page, 'public-open-data');
    await page.goto('/login');
    await page.getByLabel('单位编号（custom:orgId）').waitFor();
    await takeScreenshots(page, 'public-login');

    // Assess
    expect(boardTitles).toEqual(expect.arrayContaining(tenders.map((t) => `${t.content.title}采购公告`)));
    expect(listTitles).toEqual(expect.arrayContaining(tenders.map((t) => t.content.title)));
    expect(servicesTitles).toEqual(['区图书馆物业管理服务采购项目']);
    expect(pickedCount).toBe(1);
    expect(searchedTitles).toEqual(['区人民医院医疗耗材采购项目']);
    expect(currentKind).toBe('更正公告');
    expect(documentText).toContain(doc.fileName);
    expect(documentText).toContain(`${doc.size} 字节`);
    expect(download.suggestedFilename()).toBe(doc.fileName);
    expect(saved.toString('utf8')).toBe(uploaded);
    expect(sha256(saved)).toBe(doc.sha256);
    expect(audit.body.verification.valid).toBe(true);
    expect(auditText).toContain(audit.body.verification.headHash);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  test('a published document whose bytes were swapped in the bucket is refused, and the page says so', async () => {
    // Prepare
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const tender = tenders[2] as Tender;
    const doc = tender.documents[0] as Tender['documents'][number];
    await s3.send(
      new PutObjectCommand({
        Bucket: process.env['BUCKET_NAME'],
        Key: `tenders/${tender.id}/documents/${doc.id}`,
        Body: '被调换的采购文件',
      }),
    );
    let downloads = 0;
    page.on('download', () => {
      downloads += 1;
    });

    // Act
    await page.goto(`/tenders/${tender.id}`);
    const documents = page.getByRole('list', { name: '采购文件' });
    await documents.getByRole('button', { name: /下载并校验/ }).click();
    const alert = documents.getByRole('alert');
    await alert.waitFor();
    const alertText = await alert.textContent();

    // Assess: the API refused the link (409, problem+json), the page shows it; nothing was saved
    expect(alertText).toMatch(/篡改/);
    expect(downloads).toBe(0);
    expect(await documents.getByText(/已校验/).count()).toBe(0);
    // The browser logs the refused request (409) as a console error; nothing else may appear.
    expect(
      errors.filter((e) => !/status of 409/.test(e)),
      errors.join('\n'),
    ).toEqual([]);
    await context.close();
  });
});
