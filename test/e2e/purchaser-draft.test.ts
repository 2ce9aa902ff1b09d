import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { TEST_CALENDAR } from '../../infra/local/calendar-fixture-2027';
import { chinaDate, periodEnd } from '../../shared/domain/calendar';
import { planCorrection } from '../../shared/domain/rules';
import { type ApiClient, startTestApi } from '../helpers/api';
import {
  chooseOption,
  expectAccessible,
  launchBrowser,
  newPortalContext,
  pickDateTime,
  settle,
  signInThroughLoginPage,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { openTenderContent, sha256 } from '../helpers/fixtures';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 20_000 };
const DAY = 86_400_000;

const ORG = 'org-purchaser-browser-1';
const TITLE = '区实验小学多媒体教室设备采购项目';
const DOCUMENT = Buffer.from(
  '%PDF-1.7 招标文件：多媒体教室设备 40 套，含交互式平板、功放与安装调试。'.repeat(30),
);

describe('a purchaser drafts, checks, uploads, previews and publishes a tender in the browser', () => {
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

  test('projects → form in steps → a broken rule with its citation → fixed → document with its hash → preview → publish → board → correction', async () => {
    // Prepare
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInThroughLoginPage(page, 'purchaser', ORG, '浏览器采购测试员');

    // Act 1: the empty project list, then 新建项目
    await page.goto('/purchaser');
    await expect.poll(() => page.getByText('本单位还没有项目').count(), WAIT).toBe(1);
    await expectAccessible(page, 'the empty project list');
    await takeScreenshots(page, 'purchaser-projects-empty');
    await page.getByRole('link', { name: '新建项目' }).last().click();
    await page.waitForURL('**/purchaser/tenders/new');

    // Act 2: 基本信息, the budget read exactly as typed
    await page.getByLabel('项目名称').fill(TITLE);
    await page.getByLabel('采购单位').fill('某区实验小学');
    await chooseOption(page, page.getByLabel('品目类别'), '货物');
    await page.getByLabel('预算金额（元）').fill('3500000.05');
    await expect.poll(() => page.getByText('即 3,500,000.05 元（350.000005 万元）').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText('本步骤已填写的内容符合采购规则').count(), WAIT).toBe(1);
    await settle(page);
    await expectAccessible(page, 'the form: basics');
    await takeScreenshots(page, 'purchaser-form-1-basics');
    await page.getByRole('button', { name: '下一步：资格条件' }).click();

    // Act 3: 资格条件 (two prefilled), one more
    await page.getByRole('button', { name: '添加资格条件' }).click();
    await page.getByRole('textbox', { name: /资格条件 3$/ }).fill('具备教育装备安装调试能力');
    await settle(page);
    await expectAccessible(page, 'the form: qualifications');
    await takeScreenshots(page, 'purchaser-form-2-qualifications');
    await page.getByRole('button', { name: '下一步：中小企业政策' }).click();

    // Act 4: 中小企业政策, not reserved (above 200万元) with the small/micro deduction
    await page.getByLabel(/^不专门面向中小企业/).check();
    await page.getByLabel('小微企业价格扣除（%）').fill('10');
    await expect.poll(() => page.getByText('本步骤已填写的内容符合采购规则').count(), WAIT).toBe(1);
    await settle(page);
    await expectAccessible(page, 'the form: SME policy');
    await takeScreenshots(page, 'purchaser-form-3-sme');
    await page.getByRole('button', { name: '下一步：评审办法' }).click();

    // Act 5: 评审办法, the running sum as the points are typed
    await page.getByLabel('价格分值（分，即价格权重 %）').fill('30');
    await page.getByLabel('评审因素 1 分值').fill('40');
    await expect.poll(() => page.getByTestId('points-sum').textContent(), WAIT).toContain('还差 30 分');
    await page.getByRole('button', { name: '添加评审因素' }).click();
    await page.getByLabel('评审因素 2 名称').fill('售后服务');
    await page.getByLabel('评审因素 2 分值').fill('30');
    await expect.poll(() => page.getByTestId('points-sum').textContent(), WAIT).toContain('= 100 / 100 分');
    await expect.poll(() => page.getByTestId('points-sum').textContent(), WAIT).toContain('合计正确');
    await expect.poll(() => page.getByText('本步骤已填写的内容符合采购规则').count(), WAIT).toBe(1);
    await settle(page);
    await expectAccessible(page, 'the form: evaluation');
    await takeScreenshots(page, 'purchaser-form-4-evaluation');
    await page.getByRole('button', { name: '下一步：时间安排' }).click();

    // Act 6: 时间安排 with a deadline only 10 days after the documents: 政府采购法第三十五条 is broken
    const now = api.gateway.clock.now();
    const today = chinaDate(now);
    const until = periodEnd(today, 7, 'workingDays', TEST_CALENDAR);
    const early = chinaDate(new Date(now.getTime() + 10 * DAY));
    await page.getByRole('button', { name: /采购文件获取开始时间设为最早日期/ }).click();
    await pickDateTime(page, '采购文件获取截止时间（北京时间）', `${until} 17:00`);
    await pickDateTime(page, '投标截止（开标）时间（北京时间）', `${early} 09:30`);
    const ruleCheck = page.getByTestId('rule-check');
    await expect.poll(() => ruleCheck.textContent(), WAIT).toContain('政府采购法第三十五条');
    expect(await ruleCheck.textContent()).toContain('不少于20日');
    await settle(page);
    await expectAccessible(page, 'the form: timeline with a broken rule');
    await takeScreenshots(page, 'purchaser-form-5-timeline-broken');

    // Act 7: the deadline set to its earliest legal day; the check passes
    await page.getByRole('button', { name: /投标截止（开标）时间设为最早日期/ }).click();
    await expect.poll(() => ruleCheck.textContent(), WAIT).toContain('已通过规则检查');
    await settle(page);
    await expectAccessible(page, 'the form: timeline passing');
    await takeScreenshots(page, 'purchaser-form-5-timeline-ok');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/purchaser\/tenders\/[0-9A-Z]{26}$/);
    const tenderId = page.url().split('/').pop() as string;

    // Assess 7: the stored draft is what was typed, the deadline on the binding earliest day
    const token = await api.token('purchaser', ORG);
    const stored = (await api.call('GET', `/api/manage/tenders/${tenderId}`, { token })).body;
    const issueDay = chinaDate(new Date(stored.content.timeline.documentsFrom));
    const law35 = periodEnd(issueDay, 20, 'days', TEST_CALENDAR);
    expect(stored).toMatchObject({ status: 'draft', content: { title: TITLE, budgetFen: 350_000_005 } });
    expect(stored.content.evaluation).toEqual({
      method: 'comprehensive',
      priceWeightPercent: 30,
      criteria: [
        { name: '技术方案', maxPoints: 40 },
        { name: '售后服务', maxPoints: 30 },
      ],
    });
    expect(stored.content.qualifications).toHaveLength(3);
    expect(chinaDate(new Date(stored.content.timeline.bidDeadline))).toBe(law35);

    // Act 8: the tender page asks for a document; one is uploaded and shows its SHA-256
    await expect
      .poll(() => page.getByText('发布前须上传至少一份招标（采购）文件').count(), WAIT)
      .toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '发布采购公告' }).isDisabled()).toBe(true);
    await page.locator('input[type=file]').setInputFiles({
      name: '招标文件.pdf',
      mimeType: 'application/pdf',
      buffer: DOCUMENT,
    });
    await expect.poll(() => page.getByText('已登记，发布时由服务器按 SHA-256 校验').count(), WAIT).toBe(1);
    await expect
      .poll(() => page.getByText(sha256(DOCUMENT), { exact: true }).count(), WAIT)
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByText('可以发布：已通过全部发布检查').count(), WAIT).toBe(1);
    await settle(page);
    await page.getByRole('heading', { name: '采购文件', level: 2 }).scrollIntoViewIfNeeded();
    await expectAccessible(page, 'the draft page');
    await takeScreenshots(page, 'purchaser-tender-draft');

    // Act 9: the notice preview, then publication with its confirmation
    await page.getByRole('button', { name: '预览采购公告' }).click();
    const preview = page.getByRole('dialog');
    await expect.poll(() => preview.getByText(`${TITLE}采购公告`).count(), WAIT).toBe(1);
    expect(await preview.textContent()).toContain(sha256(DOCUMENT));
    expect(await preview.textContent()).toContain('350.000005 万元');
    await expectAccessible(page, 'the notice preview');
    await takeScreenshots(page, 'purchaser-notice-preview');
    await page.getByRole('button', { name: '关闭预览' }).click();
    await expect.poll(() => page.getByRole('dialog').count(), WAIT).toBe(0);
    await page.getByRole('button', { name: '发布采购公告' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '发布' }).click();
    await expect.poll(() => page.getByText('采购公告已发布').count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('heading', { name: '更正公告', level: 2 }).count(), WAIT).toBe(1);
    const published = (await api.call('GET', `/api/tenders/${tenderId}`)).body;
    expect(published).toMatchObject({ status: 'tendering', documents: [{ sha256: sha256(DOCUMENT) }] });
    await settle(page);
    await expectAccessible(page, 'the published tender page');
    await takeScreenshots(page, 'purchaser-tender-published');

    // Assess 9: the public board lists the notice and the tender
    await page.goto('/');
    await expect
      .poll(() => page.getByRole('link', { name: `${TITLE}采购公告` }).count(), WAIT)
      .toBeGreaterThan(0);
    await page.goto('/tenders');
    await expect.poll(() => page.getByRole('link', { name: TITLE }).count(), WAIT).toBeGreaterThan(0);

    // Act 10: ten days on, a correction that affects bid preparation: the form shows the extension first
    await api.advance(10 * DAY);
    await page.goto(`/purchaser/tenders/${tenderId}`);
    await expect.poll(() => page.getByText(/距投标截止（开标）/).count(), WAIT).toBeGreaterThan(0);
    await page.getByLabel('更正内容摘要').fill('补充交互式平板的技术参数');
    await page.getByLabel('影响', { exact: true }).check();
    const shown = page.getByTestId('correction-preview');
    await expect.poll(() => shown.textContent(), WAIT).toContain('不足 15 日');
    expect(await shown.textContent()).toContain('已递交的投标须由供应商在截止前重新确认');
    const previewText = (await shown.textContent()) ?? '';
    const previewed = /顺延至不早于 (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/.exec(previewText);
    expect(previewed, previewText).not.toBeNull();
    await expectAccessible(page, 'the correction form');
    await shown.scrollIntoViewIfNeeded();
    await takeScreenshots(page, 'purchaser-correction-form');
    const correctionAt = api.gateway.clock.now();
    await page.getByRole('button', { name: '发布更正公告' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '发布更正公告' }).click();
    await expect.poll(() => page.getByText(/更正公告已发布/).count(), WAIT).toBeGreaterThan(0);

    // Assess 10: the server moved the deadline as the form said (87号令第二十七条), rolled to a working day
    const corrected = (await api.call('GET', `/api/tenders/${tenderId}`)).body;
    const expected = planCorrection({
      currentDeadline: stored.content.timeline.bidDeadline,
      affectsBidPreparation: true,
      correctionAt,
      calendar: TEST_CALENDAR,
    });
    expect(expected.extended).toBe(true);
    expect(corrected.content.timeline.bidDeadline).toBe(expected.bidDeadline);
    const [, previewDay, previewTime] = previewed as RegExpExecArray;
    expect(chinaDate(new Date(expected.bidDeadline)) >= (previewDay as string)).toBe(true);
    expect(
      new Date(expected.bidDeadline).toLocaleTimeString('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour12: false,
      }),
    ).toContain(previewTime as string);

    // Act 11: the project list with a second, broken draft made through the API
    const late = openTenderContent(api.gateway.clock.now(), { title: '区少年宫乐器采购项目' });
    late.timeline.bidDeadline = new Date(api.gateway.clock.now().getTime() + 6 * DAY).toISOString();
    expect((await api.call('POST', '/api/tenders', { token, body: late })).status).toBe(201);
    await page.goto('/purchaser');
    await expect.poll(() => page.getByRole('link', { name: TITLE, exact: true }).count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText(/按现在发布有 \d+ 项问题/).count(), WAIT).toBe(1);
    await expect
      .poll(() => page.getByText(/距投标截止（开标） \d+ 个工作日 \/ \d+ 天/).count(), WAIT)
      .toBeGreaterThan(0);
    await settle(page);
    await expectAccessible(page, 'the project list');
    await takeScreenshots(page, 'purchaser-projects');

    // Act 12: the broken draft opens in the form at its saved values; its timeline step names the rule
    await page.getByRole('link', { name: '编辑 区少年宫乐器采购项目' }).click();
    await page
      .getByRole('button', { name: /时间安排/ })
      .first()
      .click();
    await expect
      .poll(() => page.getByTestId('rule-check').textContent(), WAIT)
      .toContain('政府采购法第三十五条');
    await settle(page);
    await expectAccessible(page, 'the edit form');
    await takeScreenshots(page, 'purchaser-form-edit-timeline');

    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });
});
