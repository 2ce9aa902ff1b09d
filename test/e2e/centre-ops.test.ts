import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type PlacedBid, playToEvaluation } from '../helpers/bidder';
import {
  chooseOption,
  expectAccessible,
  launchBrowser,
  newPortalContext,
  signInWithToken,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { addExperts, type PoolExpert } from '../helpers/evaluation';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 20_000 };

const CENTRE_ORG = 'org-trading-centre';
const SPECIALTY = 'A0201-计算机设备';

/**
 * The page errors that are not faults: the committee GET answers 404 before the draw (its body names
 * the required size), which Chromium logs as a failed resource.
 */
function faults(errors: string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
}

/** Picks a value in an antd tags Select by typing it and pressing Enter, then closes the list. */
async function typeTag(scope: Page | Locator, label: string, value: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await input.press('Escape');
}

/** Chooses an option of an antd Select by its label. */
async function choose(page: Page, label: string, option: string, nth = 0): Promise<void> {
  await chooseOption(page, page.getByLabel(label, { exact: true }).nth(nth), option);
}

describe('the trading centre keeps the pool, draws and verifies a committee, assesses it and reads the calendar', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let tender: Tender;
  let pool: PoolExpert[];
  let bids: PlacedBid[];

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    const centre = await api.token('centre', CENTRE_ORG);
    const purchaser = await api.token('purchaser', 'org-centre-ops-unit');
    // Seven experts: a committee of 5 and 2 reserves
    pool = await addExperts(api, centre, SPECIALTY, 1, 7);
    tender = await publishTender(api, purchaser);
    const bidders = [];
    for (const [i, priceFen] of [318_000_000, 325_000_000, 309_900_000].entries())
      bidders.push({ supplier: await makeSupplier(api, 700 + i), priceFen });
    bids = await playToEvaluation(api, tender, bidders);
  });
  afterAll(async () => {
    await chromium?.close();
    await api?.gateway.stop();
  });

  /** A page signed in as centre staff (a fresh token: the dev clock moves during the test). */
  async function centrePage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    await signInWithToken(context, await api.token('centre', CENTRE_ORG, 'centre-clerk-1'));
    const page = await context.newPage();
    return { page, errors: watchPageErrors(page), close: () => context.close() };
  }

  test('adds an expert through the form, then edits a recusal relation on the expert’s page', async () => {
    // Prepare
    const { page, errors, close } = await centrePage();
    await page.goto('/centre/experts');
    await expect.poll(() => page.getByRole('link', { name: '专家1', exact: true }).count(), WAIT).toBe(1);
    await expectAccessible(page, 'the expert pool');
    await takeScreenshots(page, 'centre-experts');

    // Act 1: add an expert with one employment relation
    await page.getByRole('button', { name: '添加专家' }).click();
    const form = page.locator('form#expert');
    await form.getByLabel('姓名', { exact: true }).fill('钱立新');
    await form.getByLabel('登录账号（sub）').fill('browser-expert-1');
    await typeTag(form, '专业', 'B06-建筑修缮工程');
    await form.getByLabel('所在地区').fill('绵阳市');
    await form.getByLabel('工作单位编号').fill('org-design-institute');
    await form.getByRole('button', { name: '添加回避关系' }).click();
    await form.getByLabel('关联单位编号').fill('org-builder-1');
    await expectAccessible(page, 'the add-expert form');
    await takeScreenshots(page, 'centre-expert-form');
    await page.getByRole('button', { name: '添加到专家库' }).click();
    await expect.poll(() => page.getByText('已添加专家').count(), WAIT).toBe(1);

    // Assess 1: the pool holds it with the relation
    const centre = await api.token('centre', CENTRE_ORG);
    const listed = await api.call('GET', '/api/experts?region=绵阳市', { token: centre });
    expect(listed.body.items).toHaveLength(1);
    const added = listed.body.items[0];
    expect(added).toMatchObject({
      name: '钱立新',
      userSub: 'browser-expert-1',
      specialties: ['B06-建筑修缮工程'],
      employerOrgId: 'org-design-institute',
      relations: [{ orgId: 'org-builder-1', kind: 'employment' }],
      status: 'active',
    });

    // Act 2: filter the list by region, open the expert, change the relation to a directorship ended in 2025
    await page.getByLabel('地区', { exact: true }).fill('绵阳市');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('link', { name: '专家1', exact: true }).count(), WAIT).toBe(0);
    await page
      .getByRole('list', { name: '专家名单' })
      .getByRole('link', { name: '钱立新', exact: true })
      .click();
    await expect.poll(() => page.getByRole('heading', { name: '专家：钱立新' }).count(), WAIT).toBe(1);
    await page.getByRole('button', { name: '编辑专业、单位和回避关系' }).click();
    await page.getByLabel('关联单位编号').fill('org-builder-2');
    await choose(page, '关系', '董事、监事（第二项）');
    await page.getByLabel('终止日期（可选）').fill('2025-06-30');
    // Enter confirms the typed date and, as in any form, submits it (保存修改)
    await page.getByLabel('终止日期（可选）').press('Enter');
    await expect.poll(() => page.getByText(/修改已保存（第 2 版）/).count(), WAIT).toBe(1);

    // Assess 2: the page and the API show the changed relation
    expect(await page.getByText('org-builder-2').count()).toBe(1);
    expect(await page.getByText(/终止于 2025-06-30/).count()).toBe(1);
    const detail = await api.call('GET', `/api/experts/${added.id}`, { token: centre });
    expect(detail.body.relations).toEqual([
      { orgId: 'org-builder-2', kind: 'directorship', until: '2025-06-30' },
    ]);
    expect(detail.body.version).toBe(2);
    await expectAccessible(page, 'the expert page');
    await takeScreenshots(page, 'centre-expert');
    expect(faults(errors), errors.join('\n')).toEqual([]);
    await close();
  }, 240_000);

  test('sees the required size before the draw, draws, sees 一致, and after the evaluation assesses a member', async () => {
    // Prepare: the tender is in evaluation
    const { page, errors, close } = await centrePage();
    await page.goto('/centre/tenders');
    await expect
      .poll(() => page.getByRole('link', { name: tender.content.title, exact: true }).count(), WAIT)
      .toBe(1);
    await expectAccessible(page, 'the tenders in evaluation');
    await takeScreenshots(page, 'centre-tenders');
    await page.getByRole('link', { name: tender.content.title, exact: true }).click();

    // Act 1: the requirement is shown before anything is drawn
    await expect.poll(() => page.getByText('本项目须抽取评审专家不少于 5 人（单数）').count(), WAIT).toBe(1);
    expect(await page.getByText(/87号令第四十七条第一款/).count()).toBeGreaterThan(0);
    expect(await page.getByLabel('委员会人数').inputValue()).toBe('5');
    await expectAccessible(page, 'the draw form');
    await takeScreenshots(page, 'centre-draw-form');

    // Act 2: draw 5 with 2 reserves from the specialty, then verify
    await typeTag(page, '评审专业', SPECIALTY);
    await page.getByRole('button', { name: '随机抽取评审专家' }).click();
    await expect
      .poll(() => page.getByRole('list', { name: '委员会成员' }).locator('li').count(), WAIT)
      .toBe(5);
    await page.getByRole('button', { name: '复核抽取结果' }).click();
    await expect.poll(() => page.getByText('一致：重新抽取的结果与记录的委员会相同').count(), WAIT).toBe(1);

    // Assess 2: the committee the page shows is the recorded one
    const centre = await api.token('centre', CENTRE_ORG);
    const committee = await api.call('GET', `/api/tenders/${tender.id}/committee`, { token: centre });
    expect(committee.status).toBe(200);
    expect(committee.body).toMatchObject({ size: 5, reserveSize: 2 });
    for (const member of committee.body.members as { name: string }[])
      expect(await page.getByRole('list', { name: '委员会成员' }).getByText(member.name).count()).toBe(1);
    await expectAccessible(page, 'the drawn committee and its verification');
    await takeScreenshots(page, 'centre-committee');

    // Prepare 3: the members declare, score and submit through the API; the report moves it to awarding
    const scores = Object.fromEntries(bids.map((bid) => [bid.bidId, { c1: 38.55, c2: 4.35, c3: 1.1 }]));
    for (const seat of committee.body.members as { expertId: string }[]) {
      const member = pool.find((p) => p.id === seat.expertId) as PoolExpert;
      const token = await api.token('expert', `org-institute-${pool.indexOf(member) + 1}`, member.userSub);
      const path = `/api/tenders/${tender.id}/evaluation`;
      await api.call('POST', `${path}/declaration`, { token, body: { conflict: false } });
      await api.call('PUT', `${path}/sheet`, { token, body: { scores } });
      const submitted = await api.call('POST', `${path}/sheet/submit`, { token });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    }
    expect((await api.call('GET', `/api/tenders/${tender.id}`)).body.status).toBe('awarding');

    // Act 3: assess the first member: a late arrival; preview, then save
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: /^填写考核/ }).count(), WAIT).toBe(5);
    await page
      .getByRole('button', { name: /^填写考核/ })
      .first()
      .click();
    const save = page.getByRole('button', { name: '保存考核' }).first();
    expect(await save.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /迟到/ }).first().check();
    await page.getByRole('button', { name: '预览处理结果' }).first().click();
    await expect.poll(() => page.getByText(/预览（尚未保存）：处理结果为“警告”/).count(), WAIT).toBe(1);
    expect(await page.getByText(/一般或轻微违规的，给予警告/).count()).toBe(1);
    const first = committee.body.members[0] as { expertId: string };
    const before = await api.call('GET', `/api/experts/${first.expertId}`, { token: centre });
    expect(before.body.assessments).toEqual([]);
    expect(await save.isDisabled()).toBe(false);
    await expectAccessible(page, 'the assessment form with its preview');
    await takeScreenshots(page, 'centre-assessment-preview');
    await save.click();
    await expect.poll(() => page.getByText(/已保存：处理结果为“警告”/).count(), WAIT).toBe(1);

    // Assess 3: recorded once, as previewed
    const after = await api.call('GET', `/api/experts/${first.expertId}`, { token: centre });
    expect(after.body.assessments).toHaveLength(1);
    expect(after.body.assessments[0]).toMatchObject({
      tenderId: tender.id,
      violations: ['late'],
      decision: 'warning',
      ratings: { punctuality: 5, professionalism: 5, fairness: 5 },
    });
    await expect.poll(() => page.getByRole('button', { name: /^填写考核/ }).count(), WAIT).toBe(4);
    await expectAccessible(page, 'the assessments');
    await takeScreenshots(page, 'centre-assessment-saved');

    // Assess 4: the expert's page lists the assessment with its decision
    await page.goto(`/centre/experts/${first.expertId}`);
    const record = page.getByRole('list', { name: '考核记录' });
    await expect.poll(() => record.getByText('处理：警告').count(), WAIT).toBe(1);
    expect(await record.getByText(/守时 5\/5，专业水平 5\/5，客观公正 5\/5；迟到/).count()).toBe(1);
    await expectAccessible(page, 'an assessed expert');
    await takeScreenshots(page, 'centre-expert-assessed');
    expect(faults(errors), errors.join('\n')).toEqual([]);
    await close();
  }, 240_000);

  test('the calendar page lists the loaded years, and loads the next year from pasted JSON', async () => {
    // Prepare: the notice for 2028 comes out in November 2027 (the dev clock moves there)
    api.gateway.clock.set(new Date('2027-11-16T02:00:00Z'));
    const { page, errors, close } = await centrePage();
    await page.goto('/centre/calendar');
    const years = page.getByRole('list', { name: '已载入的年度' });
    await expect.poll(() => years.getByText(/2027 年/).count(), WAIT).toBe(1);
    expect(await years.getByText(/2026 年/).count()).toBe(1);
    expect(await years.getByText(/测试数据〔2026〕0号/).count()).toBe(1);
    expect(await page.getByText('尚未载入 2028 年的节假日安排').count()).toBe(1);
    expect(await page.getByText(/87号令第八十五条/).count()).toBe(1);
    await expectAccessible(page, 'the calendar');
    await takeScreenshots(page, 'centre-calendar');

    // Act: paste the schedule as JSON
    await page.getByRole('tab', { name: '粘贴或上传 JSON' }).click();
    await page.getByLabel('年度').last().fill('2028');
    await page.getByLabel('JSON 内容').fill(
      JSON.stringify({
        citation: '测试数据〔2027〕0号（非官方安排，仅供测试）',
        publishedOn: '2027-11-10',
        holidays: ['2028-01-01', '2028-01-02', '2028-01-03'],
        workdays: ['2028-02-19'],
      }),
    );
    await expectAccessible(page, 'the JSON tab');
    await page.getByRole('button', { name: '载入该年度安排' }).last().click();
    await expect.poll(() => page.getByText(/已载入 2028 年/).count(), WAIT).toBe(1);

    // Assess
    await expect.poll(() => years.getByText(/2028 年/).count(), WAIT).toBe(1);
    const listed = await api.call('GET', '/api/calendar/years');
    expect(listed.body.firstUncovered).toBe(2029);
    await takeScreenshots(page, 'centre-calendar-loaded');
    expect(faults(errors), errors.join('\n')).toEqual([]);
    await close();
  });
});
