import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type PlacedBid, playToEvaluation, type TestSupplier } from '../helpers/bidder';
import {
  expectAccessible,
  launchBrowser,
  newPortalContext,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { addExperts, type PoolExpert } from '../helpers/evaluation';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 20_000 };

const SPECIALTY = 'A0201-计算机设备';

/** The page errors that are not faults: the API's 404 for a seat that was handed to a reserve. */
function faults(errors: string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
}

/** Signs an expert in through the 演示登录 page with its employer and its pool `sub`. */
async function signInAsExpert(
  page: Page,
  expert: PoolExpert,
  employer: string,
  photograph = false,
): Promise<void> {
  await page.goto('/login?role=expert');
  await page.getByLabel('单位编号（custom:orgId）').fill(employer);
  await page.getByLabel('用户编号（sub）').fill(expert.userSub);
  if (photograph) {
    await expectAccessible(page, 'the login page for an expert');
    await takeScreenshots(page, 'expert-login');
  }
  await page.getByRole('button', { name: /身份登录/ }).click();
  await page.waitForURL((url) => url.pathname === '/expert');
}

/** The employer `addExperts` gives the expert numbered `n`. */
function employerOf(expert: PoolExpert): string {
  return `org-institute-${expert.userSub.replace('pool-expert-', '')}`;
}

describe('an expert evaluates remotely in the browser; another declares a conflict', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let centre: string;
  let tender: Tender;
  let suppliers: TestSupplier[];
  let bids: PlacedBid[];
  let pool: PoolExpert[];
  let members: PoolExpert[];
  let reserveId: string | null = null;

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    const purchaser = await api.token('purchaser', 'org-county-school');
    centre = await api.token('centre', 'org-trading-centre');
    tender = await publishTender(api, purchaser);
    suppliers = [];
    for (const n of [801, 802, 803]) suppliers.push(await makeSupplier(api, n));
    const prices = [318_000_000, 325_000_000, 309_900_000];
    bids = await playToEvaluation(
      api,
      tender,
      suppliers.map((supplier, i) => ({ supplier, priceFen: prices[i] ?? 0 })),
    );
    pool = await addExperts(api, centre, SPECIALTY, 1, 8);
    const drawn = await api.call('POST', `/api/tenders/${tender.id}/committee`, {
      token: centre,
      body: { size: 5, reserveSize: 2, specialties: [SPECIALTY] },
    });
    if (drawn.status !== 201) throw new Error(`draw: ${JSON.stringify(drawn.body)}`);
    members = (drawn.body.members as { expertId: string }[]).map(
      (m) => pool.find((p) => p.id === m.expertId) as PoolExpert,
    );
  });
  afterAll(async () => {
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('declares no conflict, reads the decrypted documents, scores with a draft kept across a reload, locks', async () => {
    // Prepare
    const expert = members[0] as PoolExpert;
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const documentPath = `/api/tenders/${tender.id}/bids/${bids[0]?.bidId}/documents/${bids[0]?.uploads[0]?.documentId}`;
    const undeclared = await api.call('GET', documentPath, { token: expert.token });
    const outsider = pool.find((p) => !members.includes(p)) as PoolExpert;
    const notSeated = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, {
      token: outsider.token,
    });

    // Act 1: sign in with the pool's sub; 我的评审 lists the tender with its times
    await signInAsExpert(page, expert, employerOf(expert), true);
    await expect
      .poll(() => page.getByRole('link', { name: tender.content.title, exact: true }).count(), WAIT)
      .toBe(1);
    await expect.poll(() => page.getByText('待作回避声明').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText('开标时间：').count(), WAIT).toBe(1);
    await expectAccessible(page, 'my assignments');
    await takeScreenshots(page, 'expert-assignments');

    // Act 2: the declaration comes first; no price or document before it
    await page.getByRole('link', { name: `作回避声明并评审：${tender.content.title}` }).click();
    await expect.poll(() => page.getByRole('heading', { name: '回避声明', level: 2 }).count(), WAIT).toBe(1);
    const beforeDeclaring = await page.getByRole('heading', { name: '投标文件' }).count();
    await expectAccessible(page, 'the declaration');
    await takeScreenshots(page, 'expert-declaration');
    await page.getByLabel('本人与上述投标人不存在利害关系').check();
    await page.getByRole('button', { name: '提交回避声明' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByText('您已声明与本项目投标人不存在利害关系').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByRole('dialog').count(), WAIT).toBe(0);

    // Act 3: each bid's document is fetched, checked against its receipt and decrypted here
    await expect
      .poll(() => page.getByText('已校验：与投标回执登记的 SHA-256 一致，已解密').count(), {
        timeout: 30_000,
      })
      .toBe(3);
    const first = suppliers[0] as TestSupplier;
    const downloading = page.waitForEvent('download');
    await page
      .getByRole('list', { name: `${first.name} 的投标文件` })
      .getByRole('link', { name: /下载解密后的文件/ })
      .click();
    const download = await downloading;
    const plaintext = readFileSync((await download.path()) as string, 'utf8');
    await takeScreenshots(page, 'expert-documents');

    // Act 4: two-decimal scores; too high and too many decimals are refused with a message
    const cell = (supplier: TestSupplier, criterion: string) =>
      page.getByLabel(new RegExp(`^${supplier.name}：${criterion}`));
    await cell(first, '技术参数响应').fill('40.5');
    await expect.poll(() => page.getByText('不能超过该项满分 40 分').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText(/有 1 处填写有误/).count(), WAIT).toBe(1);
    await cell(first, '技术参数响应').fill('38.555');
    await expect.poll(() => page.getByText('分值最多保留两位小数').count(), WAIT).toBe(1);
    // A's 技术 far below the others' 40 (flagged once every sheet is locked); the rest as theirs
    const typed: Record<string, [string, string, string]> = {
      [first.name]: ['5.00', '15.5', '8.25'],
      [(suppliers[1] as TestSupplier).name]: ['35', '18', '9'],
      [(suppliers[2] as TestSupplier).name]: ['30', '19.75', '10'],
    };
    for (const supplier of suppliers) {
      const [c1, c2, c3] = typed[supplier.name] as [string, string, string];
      await cell(supplier, '技术参数响应').fill(c1);
      await cell(supplier, '售后服务').fill(c2);
      await cell(supplier, '业绩').fill(c3);
    }
    await expect.poll(() => page.getByText('已保存', { exact: true }).count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText(/有 \d+ 处填写有误/).count(), WAIT).toBe(0);
    const draft = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, { token: expert.token });
    await expectAccessible(page, 'the score sheet');
    await takeScreenshots(page, 'expert-score-sheet');

    // Act 5: a reload shows the server's draft
    await page.reload();
    await expect.poll(() => cell(first, '售后服务').inputValue(), WAIT).toBe('15.50');
    const reloaded = await Promise.all(suppliers.map((s) => cell(s, '业绩').inputValue()));

    // Act 6: lock with the confirmation; the inputs become read-only
    await page.getByRole('button', { name: '锁定评分表' }).click();
    await expect.poll(() => page.getByText('确认锁定评分表？').count(), WAIT).toBe(1);
    await expectAccessible(page, 'the lock confirmation');
    await page.getByRole('button', { name: '确认锁定' }).click();
    await expect.poll(() => page.getByText('评分表已锁定，不能再修改').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByRole('dialog').count(), WAIT).toBe(0);
    await page.getByRole('heading', { name: '评分表', level: 2 }).scrollIntoViewIfNeeded();
    const editable = await cell(first, '技术参数响应').isEditable();
    const sheet = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, { token: expert.token });
    await takeScreenshots(page, 'expert-locked');

    // Assess
    expect(undeclared.status).toBe(403);
    expect(notSeated.status).toBe(404);
    expect(beforeDeclaring).toBe(0);
    expect(plaintext).toBe(bids[0]?.plaintext);
    expect(download.suggestedFilename()).toBe('投标文件.pdf');
    expect(draft.body.sheet).toMatchObject({
      status: 'draft',
      scores: { [bids[0]?.bidId ?? '']: { c1: 5, c2: 15.5, c3: 8.25 } },
    });
    expect(reloaded).toEqual(['8.25', '9.00', '10.00']);
    expect(editable).toBe(false);
    expect(sheet.body.sheet).toMatchObject({
      status: 'submitted',
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sheet.body.seat.status).toBe('submitted');
    expect(faults(errors)).toEqual([]);
    await context.close();
  });

  test('another member declares a conflict and the seat goes to a reserve', async () => {
    // Prepare
    const expert = members[1] as PoolExpert;
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInAsExpert(page, expert, employerOf(expert));

    // Act
    await page.goto(`/expert/tenders/${tender.id}`);
    await page.getByLabel('本人存在应当回避的情形').check();
    await page.getByLabel('情况说明').fill('本人近三年曾在投标人处兼职');
    await page.getByRole('button', { name: '提交回避声明' }).click();
    await expect.poll(() => page.getByText(/席位将由候补专家接替/).count(), WAIT).toBe(1);
    await page.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => page.getByText('您已声明回避，席位已由候补专家接替').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByRole('dialog').count(), WAIT).toBe(0);
    await expectAccessible(page, 'the recusal');
    await takeScreenshots(page, 'expert-recused');
    const committee = await api.call('GET', `/api/tenders/${tender.id}/committee`, { token: centre });
    const session = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, { token: expert.token });
    await page.getByRole('link', { name: '返回我的评审' }).click();
    await expect.poll(() => page.getByText('已回避：席位已由候补专家接替').count(), WAIT).toBe(1);
    await takeScreenshots(page, 'expert-assignments-recused');

    // Assess
    const seats = committee.body.members as { expertId: string; status: string; fromReserve: boolean }[];
    const recused = seats.find((m) => m.expertId === expert.id);
    const reserve = seats.find((m) => m.fromReserve);
    reserveId = reserve?.expertId ?? null;
    expect(recused).toMatchObject({ status: 'recused', replacedBy: reserve?.expertId });
    expect(reserve).toMatchObject({ status: 'drawn' });
    expect(session.status).toBe(404);
    expect(faults(errors)).toEqual([]);
    await context.close();
  });

  test('the others lock theirs; the first confirms its flagged outlier with a note and reads the report', async () => {
    // Prepare: the three other members and the reserve score 40/15/8, 35/18/9, 30/20/10
    const expert = members[0] as PoolExpert;
    const others = [...members.slice(2), pool.find((p) => p.id === reserveId) as PoolExpert];
    const [a, b, c] = bids.map((bid) => bid.bidId) as [string, string, string];
    const scores = {
      [a]: { c1: 40, c2: 15, c3: 8 },
      [b]: { c1: 35, c2: 18, c3: 9 },
      [c]: { c1: 30, c2: 20, c3: 10 },
    };
    const path = `/api/tenders/${tender.id}/evaluation`;
    for (const member of others) {
      await api.call('POST', `${path}/declaration`, { token: member.token, body: { conflict: false } });
      await api.call('PUT', `${path}/sheet`, { token: member.token, body: { scores } });
      const submitted = await api.call('POST', `${path}/sheet/submit`, { token: member.token });
      if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
    }
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInAsExpert(page, expert, employerOf(expert));

    // Act: the outlier to confirm, then the report
    await page.goto(`/expert/tenders/${tender.id}`);
    await expect.poll(() => page.getByText(/您有 1 项评分与全体委员的中位数相差较大/).count(), WAIT).toBe(1);
    const outlierRow = (await page.getByRole('table', { name: '需确认的异常评分' }).textContent()) ?? '';
    const pendingAlert = await page.getByText('您有 1 项异常评分待确认').count();
    await page.getByRole('heading', { name: '异常评分确认', level: 2 }).evaluate((el) => el.scrollIntoView());
    await expectAccessible(page, 'the outlier confirmation');
    await takeScreenshots(page, 'expert-outliers');
    await page.getByLabel('确认说明').fill('该投标技术参数多项负偏离，维持评分');
    await page.getByRole('button', { name: '确认上述评分' }).click();
    await expect.poll(() => page.getByRole('button', { name: '确认上述评分' }).count(), WAIT).toBe(0);
    await expect.poll(() => page.getByRole('table', { name: '评审排名' }).count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText('中标候选人', { exact: true }).count(), WAIT).toBe(3);
    const report = (await page.getByRole('table', { name: '评审排名' }).textContent()) ?? '';
    await page.getByRole('heading', { name: '评标报告', level: 2 }).evaluate((el) => el.scrollIntoView());
    await expectAccessible(page, 'the report');
    await takeScreenshots(page, 'expert-report');

    // Assess: the outlier is the member's own; no other member's points appear on the page
    expect(pendingAlert).toBe(1);
    expect(outlierRow).toContain((suppliers[0] as TestSupplier).name);
    expect(outlierRow).toContain('5.00');
    expect(outlierRow).toContain('40.00');
    expect(report).toContain('第 1 名');
    const text = (await page.locator('body').textContent()) ?? '';
    for (const member of [...others, members[1] as PoolExpert]) {
      expect(text).not.toContain(member.id);
      expect(text).not.toContain(`专家${member.userSub.replace('pool-expert-', '')}`);
    }
    expect(faults(errors)).toEqual([]);
    await context.close();
  });
});
