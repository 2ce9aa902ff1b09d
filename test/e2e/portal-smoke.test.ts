import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { type ApiClient, startTestApi } from '../helpers/api';
import { launchBrowser, newPortalContext, type TestBrowser, watchPageErrors } from '../helpers/browser';

describe('the portal shell in Chromium', () => {
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

  test('serves the client at / and a client route, signs in on the 演示登录 page and shows the user', async () => {
    // Prepare
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    // Act
    await page.goto('/supplier');
    await page.getByRole('main').getByRole('link', { name: '登录' }).click();
    await page.getByLabel('单位编号（custom:orgId）').fill('org-supplier-smoke');
    await page.getByLabel('姓名（可选）').fill('冒烟测试供应商');
    await page.getByRole('button', { name: '以供应商身份登录' }).click();
    // Assess
    await page.waitForURL('**/supplier');
    await expect.poll(() => page.getByRole('button', { name: /当前用户 冒烟测试供应商/ }).count()).toBe(1);
    const missingAsset = await page.request.get('/assets/none.js');
    expect(missingAsset.status()).toBe(404);
    const config = await page.request.get('/config.json');
    expect(await config.json()).toEqual({ auth: { mode: 'dev' }, live: { url: '/api/live' } });
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });
});
