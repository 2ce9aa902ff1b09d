import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { handler as correctTender } from '../../functions/correct-tender';
import { handler as createTender } from '../../functions/create-tender';
import { handler as publishTender } from '../../functions/publish-tender';
import { GATE_SHARDS } from '../../shared/adapters/dynamodb/keys';
import { findRule } from '../../shared/domain/rules';
import type { Tender } from '../../shared/schemas/tender';
import { daysAfter, openTenderContent } from '../helpers/fixtures';
import {
  apiEvent,
  claimsFor,
  draftTender,
  expectJson,
  expectProblem,
  lambdaContext,
  NOW,
  pendingDocument,
  prepareHandlerEnv,
  publishedTender,
  storedTenderItem,
  TENDER_ID,
} from './fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);

const purchaser = claimsFor('purchaser');

beforeEach(() => {
  ddb.reset();
  rawDdb.reset();
  s3.reset();
  prepareHandlerEnv();
});

function expectNoWrites(): void {
  expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
  expect(rawDdb.calls()).toHaveLength(0);
}

function publishEvent() {
  return apiEvent({
    method: 'POST',
    route: '/api/tenders/{tenderId}/publish',
    pathParameters: { tenderId: TENDER_ID },
    claims: purchaser,
  });
}

/** A goods draft scored 20% on price: the criteria still add up to 100, only the floor is broken. */
function lowPriceWeightDraft(overrides: Partial<Tender> = {}): Tender {
  return draftTender(overrides, {
    evaluation: {
      method: 'comprehensive',
      priceWeightPercent: 20,
      criteria: [
        { name: '技术参数响应', maxPoints: 50 },
        { name: '售后服务', maxPoints: 20 },
        { name: '业绩', maxPoints: 10 },
      ],
    },
  });
}

describe('publishTender applies the rules table', () => {
  test('a goods tender with a 20% price weight is refused (422) with its rule and citation', async () => {
    // Prepare
    const floor = findRule('tender.price-weight-floor');
    ddb
      .on(GetCommand)
      .resolves({ Item: storedTenderItem(lowPriceWeightDraft({ documents: [pendingDocument()] })) });

    // Act
    const result = await publishTender(publishEvent(), lambdaContext());

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.type).toBe('urn:ggzy-portal:problem:rule-violation');
    expect(problem.errors).toEqual([
      expect.objectContaining({
        path: 'evaluation.priceWeightPercent',
        rule: 'tender.price-weight-floor',
        citation: floor?.citation,
      }),
    ]);
    expect(floor?.citation).toBe('87号令第五十五条');
    const issue = problem.errors?.[0];
    expect(issue?.message_zh).toContain('30%');
    expect(issue?.message_en).toContain('at least 30%');
    expect(problem.detail_zh).toContain('87号令第五十五条');
    expectNoWrites();
    // The cheap checks come first: no document was even read back.
    expect(s3.calls()).toHaveLength(0);
  });

  test('every broken rule is listed at once, each with its own citation', async () => {
    // Prepare
    const draft = lowPriceWeightDraft();
    draft.content.timeline.bidDeadline = daysAfter(NOW, 10).toISOString();
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draft) });

    // Act
    const result = await publishTender(publishEvent(), lambdaContext());

    // Assess
    const problem = expectProblem(result, 422);
    const rules = (problem.errors ?? []).map((e) => [e.rule, e.citation]);
    expect(rules).toEqual(
      expect.arrayContaining([
        ['tender.price-weight-floor', '87号令第五十五条'],
        ['tender.min-bid-period', '政府采购法第三十五条'],
      ]),
    );
    for (const issue of problem.errors ?? []) {
      expect(issue.rule).toBeTruthy();
      expect(issue.citation).toBeTruthy();
    }
    expect(problem.detail_en).toMatch(/and \d+ more/);
    expectNoWrites();
  });

  test('a services tender may weigh price at 10% (the services floor)', async () => {
    // Prepare
    const draft = draftTender(
      {},
      {
        category: 'services',
        title: '区政务服务中心物业管理服务项目',
        evaluation: {
          method: 'comprehensive',
          priceWeightPercent: 10,
          criteria: [
            { name: '服务方案', maxPoints: 60 },
            { name: '人员配备', maxPoints: 30 },
          ],
        },
      },
    );
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draft) });
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    const result = await publishTender(publishEvent(), lambdaContext());

    // Assess
    const tender = expectJson<Tender>(result, 200);
    expect(tender.status).toBe('tendering');
    expect(result.headers?.['etag']).toBe('"v4"');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  test('a valid draft publishes: verified documents, a procurement notice, one transaction', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    const result = await publishTender(publishEvent(), lambdaContext());

    // Assess
    const tender = expectJson<Tender>(result, 200);
    expect(tender).toMatchObject({
      status: 'tendering',
      version: 4,
      noticeCount: 1,
      publishedAt: NOW.toISOString(),
    });
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems ?? [];
    // The tender's bid gates move with it (publication opens them), in the same transaction
    expect(items.map((i) => i.Put?.Item?.['entity'])).toEqual([
      'tender',
      'auditEvent',
      'notice',
      ...Array.from({ length: GATE_SHARDS }, () => 'tenderGate'),
    ]);
    expect(items[0]?.Put?.Item).toMatchObject({
      feedPk: 'FEED#TENDER',
      statusPk: 'STATUS#tendering',
      duePk: 'DUE',
    });
    expect(items[2]?.Put?.Item?.['data']).toMatchObject({
      type: 'procurement',
      typeLabel: '采购公告',
      body: { budgetFen: 3_500_000_00 },
    });
  });

  test('a draft without documents cannot be published: 422, nothing written', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender({ documents: [] })) });

    // Act
    const result = await publishTender(publishEvent(), lambdaContext());

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.type).toBe('urn:ggzy-portal:problem:documents-required');
    expectNoWrites();
  });

  test('publishing a tender that is already tendering is an illegal transition: 409', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(publishedTender()) });

    // Act
    const result = await publishTender(publishEvent(), lambdaContext());

    // Assess
    const problem = expectProblem(result, 409);
    expect(problem.type).toBe('urn:ggzy-portal:problem:illegal-transition');
    expect(problem).toMatchObject({ from: 'tendering', action: 'publish' });
    expectNoWrites();
  });
});

describe('correctTender applies the rules table', () => {
  /** Twenty days after publication: the deadline (25 days out) is 5 days away. */
  const CORRECTION_AT = daysAfter(NOW, 20);

  function correctionEvent(body: unknown) {
    return apiEvent({
      method: 'POST',
      route: '/api/tenders/{tenderId}/corrections',
      pathParameters: { tenderId: TENDER_ID },
      body,
      claims: purchaser,
    });
  }

  test('changing the criteria 5 days before the deadline moves the deadline out (87号令第二十七条)', async () => {
    // Prepare
    prepareHandlerEnv(CORRECTION_AT);
    const tender = publishedTender();
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(tender) });
    ddb.on(TransactWriteCommand).resolves({});
    const body = {
      summary: '调整评分标准',
      evaluation: {
        method: 'comprehensive',
        priceWeightPercent: 40,
        criteria: [
          { name: '技术参数响应', maxPoints: 30 },
          { name: '售后服务', maxPoints: 20 },
          { name: '业绩', maxPoints: 10 },
        ],
      },
    };

    // Act
    const result = await correctTender(correctionEvent(body), lambdaContext());

    // Assess
    const corrected = expectJson<Tender>(result, 200);
    const deadline = new Date(corrected.content.timeline.bidDeadline);
    expect(deadline.getTime()).toBeGreaterThanOrEqual(daysAfter(CORRECTION_AT, 15).getTime());
    expect(corrected.correctionCount).toBe(1);
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems ?? [];
    // The tender's bid gates move with the deadline, in the same transaction
    expect(items.map((i) => i.Put?.Item?.['entity'])).toEqual([
      'tender',
      'auditEvent',
      'notice',
      ...Array.from({ length: GATE_SHARDS }, () => 'tenderGate'),
    ]);
    expect(items.at(-1)?.Put?.Item?.['bidDeadline']).toBe(deadline.toISOString());
    expect(items[2]?.Put?.Item?.['data']).toMatchObject({
      type: 'correction',
      body: { deadlineExtended: true, rule: { citation: '87号令第二十七条' } },
    });
  });

  test('a correction that would break the price-weight floor is refused (422), nothing written', async () => {
    // Prepare
    prepareHandlerEnv(CORRECTION_AT);
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(publishedTender()) });
    const body = {
      summary: '调整评分标准',
      evaluation: {
        method: 'comprehensive',
        priceWeightPercent: 10,
        criteria: [{ name: '技术参数响应', maxPoints: 90 }],
      },
    };

    // Act
    const result = await correctTender(correctionEvent(body), lambdaContext());

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.errors).toEqual([
      expect.objectContaining({ rule: 'tender.price-weight-floor', citation: '87号令第五十五条' }),
    ]);
    expectNoWrites();
  });

  test('a correction asking for a deadline in the past is a 400 on body.bidDeadline', async () => {
    // Prepare
    prepareHandlerEnv(CORRECTION_AT);
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(publishedTender()) });

    // Act
    const result = await correctTender(
      correctionEvent({ summary: '提前截止', bidDeadline: daysAfter(CORRECTION_AT, -1).toISOString() }),
      lambdaContext(),
    );

    // Assess
    const problem = expectProblem(result, 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.bidDeadline']);
    expectNoWrites();
  });

  test('a draft cannot be corrected: 409, nothing written', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });

    // Act
    const result = await correctTender(correctionEvent({ summary: '补充说明' }), lambdaContext());

    // Assess
    expect(expectProblem(result, 409).type).toBe('urn:ggzy-portal:problem:illegal-transition');
    expectNoWrites();
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });
});

describe('createTender input the chain accepts', () => {
  test('a base64-encoded body with a +json content type is decoded, and defaults are applied', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    const { description: _d, qualifications: _q, ...content } = openTenderContent(NOW);
    const event = {
      ...apiEvent({
        method: 'POST',
        route: '/api/tenders',
        body: Buffer.from(JSON.stringify(content), 'utf8').toString('base64'),
        headers: { 'content-type': 'application/vnd.ggzy+json; charset=utf-8' },
        claims: purchaser,
      }),
      isBase64Encoded: true,
    };

    // Act
    const result = await createTender(event, lambdaContext());

    // Assess
    const tender = expectJson<Tender>(result, 201);
    expect(tender.content.title).toBe(content.title);
    expect(tender.content.description).toBe('');
    expect(tender.content.qualifications).toEqual([]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
