/**
 * POST /api/tenders/checks (checkTenderDraft) through the local gateway on DynamoDB Local + s3rver:
 * the dry run of publication. It names every rule a draft breaks with the rules table's citation,
 * gives each planned date's earliest legal day on the server's calendar, judges a half-filled draft on
 * what it says, answers what publishing the same draft answers, and writes nothing.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_CALENDAR } from '../../infra/local/calendar-fixture-2027';
import { localDynamoClient } from '../../infra/local/local-stack';
import { createS3Client } from '../../shared/adapters/s3/document-store';
import { ENV } from '../../shared/config/env';
import { chinaDate, periodEnd } from '../../shared/domain/calendar';
import type { TenderContent } from '../../shared/schemas/tender';
import type { TenderDraftCheck } from '../../shared/schemas/tender-checks';
import { type ApiClient, attachDocument, publishTender, startTestApi } from '../helpers/api';
import { chinaMorning, openTenderContent } from '../helpers/fixtures';

const DAY = 86_400_000;

let api: ApiClient;
let purchaser: string;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-checks-unit');
});

afterAll(async () => {
  await api.gateway.stop();
});

/** Runs the dry run and expects a 200. */
async function check(body: unknown, token = purchaser): Promise<TenderDraftCheck> {
  const response = await api.call('POST', '/api/tenders/checks', { token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** The rule ids of a dry run's violations, sorted. */
function rulesOf(result: TenderDraftCheck): string[] {
  return result.violations.map((v) => v.rule).sort();
}

/** The binding earliest day of a point. */
function earliestOf(result: TenderDraftCheck, key: string): string | undefined {
  return result.earliest.find((b) => b.key === key && b.binding)?.date;
}

/** Every item of the test's table, as stored. */
async function scanTable(): Promise<string[]> {
  const client = localDynamoClient(inject('emulators').dynamo);
  const items: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: String(process.env[ENV.tableName]),
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey as never } : {}),
      }),
    );
    for (const item of page.Items ?? []) items.push(JSON.stringify(item, Object.keys(item).sort()));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy();
  return items.sort();
}

/** Every object of the test's bucket. */
async function listBucket(): Promise<string[]> {
  const s3 = createS3Client();
  const page = await s3.send(new ListObjectsV2Command({ Bucket: String(process.env[ENV.bucketName]) }));
  s3.destroy();
  return (page.Contents ?? []).map((o) => `${o.Key} ${o.Size} ${o.ETag}`).sort();
}

describe('POST /api/tenders/checks — the dry run of publication', () => {
  it('passes a complete open tender and gives each date its earliest legal day (政府采购法第三十五条, 87号令第十六条、第十八条)', async () => {
    // Prepare
    const now = api.gateway.clock.now();
    const content = openTenderContent(now);

    // Act
    const result = await check({ content });

    // Assess
    const today = chinaDate(now);
    expect(result).toMatchObject({ tenderId: null, publishable: true, missing: [], violations: [], today });
    expect(Math.abs(Date.parse(result.checkedAt) - now.getTime())).toBeLessThan(60_000);
    const documentsFromDay = chinaDate(new Date(content.timeline.documentsFrom));
    const law35 = periodEnd(documentsFromDay, 20, 'days', TEST_CALENDAR);
    const notice = periodEnd(today, 5, 'workingDays', TEST_CALENDAR);
    const deadlineBounds = result.earliest.filter((b) => b.key === 'bidDeadline');
    expect(deadlineBounds.map((b) => [b.rule, b.citation, b.date]).sort()).toEqual(
      [
        ['tender.min-bid-period', '政府采购法第三十五条', law35],
        ['tender.notice-period', '87号令第十六条', notice],
      ].sort(),
    );
    expect(earliestOf(result, 'bidDeadline')).toBe([law35, notice].sort().at(-1));
    expect(result.earliest.find((b) => b.rule === 'tender.documents-period')).toMatchObject({
      key: 'documentsUntil',
      citation: '87号令第十八条',
      date: periodEnd(today, 5, 'workingDays', TEST_CALENDAR),
      from: { key: 'publication', date: today, planned: true },
      count: 5,
      unit: 'workingDays',
      binding: true,
    });
    expect(earliestOf(result, 'documentsFrom')).toBe(today);
    expect(result.latest).toEqual([
      expect.objectContaining({
        key: 'bidDeadline',
        rule: 'tender.max-bid-period',
        date: chinaDate(new Date(now.getTime() + 180 * DAY)),
      }),
    ]);
    expect(result.planned.map((s) => s.key)).toEqual([
      'documentsFrom',
      'documentsUntil',
      'bidDeadline',
      'decryptionEnds',
      'confirmationEnds',
    ]);
    const deadline = result.planned.find((s) => s.key === 'bidDeadline');
    expect(deadline?.workingDaysLeft).toBeGreaterThan(0);
    expect(deadline?.calendarDaysLeft).toBeGreaterThanOrEqual(20);
  });

  it('names a deadline too early with its rule and citation (政府采购法第三十五条), and publish refuses the same draft with the same rules', async () => {
    // Prepare: the deadline 10 days after the documents are first issued
    const now = api.gateway.clock.now();
    const content = openTenderContent(now);
    content.timeline.bidDeadline = new Date(now.getTime() + 10 * DAY).toISOString();

    // Act
    const result = await check({ content });
    const created = await api.call('POST', '/api/tenders', { token: purchaser, body: content });
    await attachDocument(api, purchaser, created.body.id, '招标文件 期限过短');
    const published = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });

    // Assess
    expect(result.publishable).toBe(false);
    expect(result.violations).toContainEqual({
      rule: 'tender.min-bid-period',
      citation: '政府采购法第三十五条',
      field: 'timeline.bidDeadline',
      message_zh: expect.stringContaining('不少于20日'),
      message_en: expect.stringContaining('at least 20 days'),
    });
    expect(published.status).toBe(422);
    const publishRules = published.body.errors.map((e: { rule: string }) => e.rule).sort();
    expect(rulesOf(result)).toEqual(publishRules);
    expect(published.body.errors.map((e: { message_zh: string }) => e.message_zh).sort()).toEqual(
      result.violations.map((v) => v.message_zh).sort(),
    );
  });

  it('judges a half-filled draft on what it says: no complaint about dates not yet set, a missing budget by 政府采购法第六条', async () => {
    // Prepare: the basics step — method and kind chosen, no budget, no evaluation, only a deadline
    const now = api.gateway.clock.now();
    const deadline = chinaMorning(periodEnd(chinaDate(now), 30, 'days', TEST_CALENDAR)).toISOString();
    const content = {
      title: '区图书馆图书采购',
      tradeType: 'governmentProcurement',
      category: 'goods',
      method: 'openTender',
      timeline: { bidDeadline: deadline },
    };

    // Act
    const result = await check({ content });

    // Assess
    expect(rulesOf(result)).toEqual(['government.budget']);
    expect(result.violations[0]).toMatchObject({ citation: '政府采购法第六条', field: 'budgetFen' });
    expect(result.publishable).toBe(false);
    const missing = result.missing.map((m) => m.field);
    expect(missing).toEqual(
      expect.arrayContaining([
        'purchasingUnitName',
        'sme',
        'evaluation',
        'timeline.documentsFrom',
        'timeline.documentsUntil',
      ]),
    );
    expect(missing).not.toContain('budgetFen');
    expect(result.missing.find((m) => m.field === 'purchasingUnitName')?.message_zh).toBe('尚未填写采购单位');
    // Without a planned issue date the 20 days count from its earliest day, the notice day
    expect(earliestOf(result, 'bidDeadline')).toBe(periodEnd(chinaDate(now), 20, 'days', TEST_CALENDAR));
    expect(result.planned.map((s) => s.key)).toEqual(['bidDeadline', 'decryptionEnds', 'confirmationEnds']);
  });

  it('checks evaluation and SME rules as publish does (87号令第五十五条, 财库〔2020〕46号第六条、第七条)', async () => {
    // Prepare: goods at 150万元 not reserved without a reason; price weight 20%; points add to 90
    const now = api.gateway.clock.now();
    const content = openTenderContent(now, {
      budgetFen: 150_000_000,
      sme: { reservedForSme: false, priceDeductionPercent: 10 },
      evaluation: {
        method: 'comprehensive',
        priceWeightPercent: 20,
        criteria: [
          { name: '技术', maxPoints: 50 },
          { name: '服务', maxPoints: 20 },
        ],
      },
    });

    // Act
    const result = await check({ content });

    // Assess
    expect(result.violations.map((v) => [v.rule, v.citation, v.field]).sort()).toEqual(
      [
        ['evaluation.score-total', '87号令第五十五条', 'evaluation.criteria'],
        ['sme.reserve-small-projects', '财库〔2020〕46号第六条、第七条', 'sme.notReservedReason'],
        ['tender.price-weight-floor', '87号令第五十五条', 'evaluation.priceWeightPercent'],
      ].sort(),
    );
    expect(result.violations.find((v) => v.rule === 'evaluation.score-total')?.message_zh).toContain(
      '合计为90分',
    );
  });

  it('counts a competitive consultation’s 10 days (财库〔2014〕214号第十条) from the planned issue day', async () => {
    // Prepare: documents issued in 3 days, the response deadline 5 days later
    const now = api.gateway.clock.now();
    const from = new Date(now.getTime() + 3 * DAY);
    const content = openTenderContent(now, { method: 'competitiveConsultation' });
    content.timeline = {
      ...content.timeline,
      documentsFrom: from.toISOString(),
      documentsUntil: new Date(from.getTime() + 2 * DAY).toISOString(),
      bidDeadline: new Date(from.getTime() + 5 * DAY).toISOString(),
    };

    // Act
    const result = await check({ content });

    // Assess
    expect(result.violations).toContainEqual(
      expect.objectContaining({
        rule: 'consultation.min-response-period',
        citation: '财库〔2014〕214号第十条',
      }),
    );
    const bound = result.earliest.find((b) => b.rule === 'consultation.min-response-period');
    expect(bound).toMatchObject({
      key: 'bidDeadline',
      date: periodEnd(chinaDate(from), 10, 'days', TEST_CALENDAR),
      from: { key: 'documentsFrom', date: chinaDate(from), planned: true },
    });
  });

  it('answers a deadline in a year without the official schedule as a violation, not an error', async () => {
    // Prepare: 2029 is neither in the package nor loaded
    const content = openTenderContent(api.gateway.clock.now());
    content.timeline.bidDeadline = '2029-03-01T09:30:00+08:00';

    // Act
    const result = await check({ content });

    // Assess
    expect(result.violations).toContainEqual(
      expect.objectContaining({
        rule: 'calendar.official-schedule',
        citation: '国务院办公厅关于2029年部分节假日安排的通知',
        field: 'timeline.bidDeadline',
      }),
    );
    expect(result.publishable).toBe(false);
    expect(result.planned.find((s) => s.key === 'bidDeadline')?.workingDaysLeft).toBeNull();
  });

  it('checks one’s own stored draft with its documents; refuses another unit’s draft and a published tender', async () => {
    // Prepare
    const now = api.gateway.clock.now();
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(now),
    });
    const id: string = created.body.id;
    const stranger = await api.token('purchaser', 'org-checks-other');
    const published = await publishTender(api, purchaser);

    // Act
    const bare = await check({ tenderId: id });
    await attachDocument(api, purchaser, id, '招标文件 已上传');
    const withDocument = await check({ tenderId: id });
    const edited = await check({
      tenderId: id,
      content: { ...openTenderContent(now), evaluation: { method: 'lowestPrice', criteria: [] } },
    });
    const foreign = await api.call('POST', '/api/tenders/checks', {
      token: stranger,
      body: { tenderId: id },
    });
    const afterPublish = await api.call('POST', '/api/tenders/checks', {
      token: purchaser,
      body: { tenderId: published.id },
    });

    // Assess
    expect(bare).toMatchObject({ tenderId: id, publishable: false });
    expect(bare.violations).toEqual([
      expect.objectContaining({ rule: 'documents-required', field: 'documents' }),
    ]);
    expect(withDocument).toMatchObject({ tenderId: id, publishable: true, violations: [] });
    expect(edited.publishable).toBe(true);
    expect(foreign.status).toBe(404);
    expect(afterPublish.status).toBe(409);
  });

  it('refuses a supplier, an unknown field and an empty body, each with a bilingual problem', async () => {
    // Prepare
    const supplier = await api.token('supplier', 'org-checks-supplier');
    const content = openTenderContent(api.gateway.clock.now());

    // Act
    const asSupplier = await api.call('POST', '/api/tenders/checks', { token: supplier, body: { content } });
    const unknown = await api.call('POST', '/api/tenders/checks', {
      token: purchaser,
      body: { content: { ...content, status: 'tendering' } },
    });
    const empty = await api.call('POST', '/api/tenders/checks', { token: purchaser, body: {} });
    const badDate = await api.call('POST', '/api/tenders/checks', {
      token: purchaser,
      body: { content: { timeline: { bidDeadline: '2026-13-01' } } },
    });

    // Assess
    expect(asSupplier.status).toBe(403);
    for (const response of [unknown, empty, badDate]) {
      expect(response.status).toBe(400);
      expect(response.body.detail_zh).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(badDate.body.errors[0].path).toBe('body.content.timeline.bidDeadline');
  });

  it('writes nothing: the table and the bucket are the same after every kind of check', async () => {
    // Prepare: a stored draft with a document, and bodies of every kind
    const now = api.gateway.clock.now();
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(now),
    });
    await attachDocument(api, purchaser, created.body.id, '招标文件 只读检查');
    const late: TenderContent = openTenderContent(now);
    late.timeline.bidDeadline = new Date(now.getTime() + 5 * DAY).toISOString();
    const tableBefore = await scanTable();
    const bucketBefore = await listBucket();

    // Act
    for (let i = 0; i < 3; i += 1) {
      await check({ content: openTenderContent(now) });
      await check({ content: late });
      await check({ content: { method: 'inquiry', category: 'services' } });
      await check({ tenderId: created.body.id });
      await check({ tenderId: created.body.id, content: late });
    }

    // Assess
    expect(await scanTable()).toEqual(tableBefore);
    expect(await listBucket()).toEqual(bucketBefore);
    const tender = await api.call('GET', `/api/manage/tenders/${created.body.id}`, { token: purchaser });
    expect(tender.body).toMatchObject({ version: created.body.version + 1, status: 'draft' });
  });
});
