import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { handler as cancelTender } from '../../functions/cancel-tender';
import { handler as correctTender } from '../../functions/correct-tender';
import { handler as createTender } from '../../functions/create-tender';
import { handler as drawCommittee } from '../../functions/draw-committee';
import { handler as getTender } from '../../functions/get-tender';
import { handler as listNotices } from '../../functions/list-notices';
import { handler as listTenders } from '../../functions/list-tenders';
import { handler as publishTender } from '../../functions/publish-tender';
import { handler as revealBid } from '../../functions/reveal-bid';
import { handler as updateTender } from '../../functions/update-tender';
import { CORRECTION_IMMUTABLE_FIELDS } from '../../shared/domain/rules';
import { openTenderContent } from '../helpers/fixtures';
import {
  apiEvent,
  claimsFor,
  expectProblem,
  issuePaths,
  lambdaContext,
  NOW,
  type Problem,
  prepareHandlerEnv,
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

afterEach(() => {
  // Bad input must change nothing and, here, never even reach storage.
  expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
  expect(rawDdb.calls()).toHaveLength(0);
});

/** Asserts every field issue is bilingual: Chinese and English, both present and different. */
function expectBilingualIssues(problem: Problem): void {
  expect(problem.errors?.length ?? 0).toBeGreaterThan(0);
  for (const issue of problem.errors ?? []) {
    expect(issue.message_zh, issue.path).toMatch(/\p{Script=Han}/u);
    expect(issue.message_en, issue.path).toMatch(/[A-Za-z]{3}/);
    expect(issue.message_en, issue.path).toMatch(/^[\x20-\x7e]/);
    expect(issue.message_zh, issue.path).not.toContain(' / ');
    expect(issue.message_zh, issue.path).not.toBe(issue.message_en);
    expect(issue.message).toBe(`${issue.message_zh} / ${issue.message_en}`);
  }
}

describe('createTender body validation', () => {
  test('several bad fields are all reported at once, with paths and both languages', async () => {
    // Prepare
    const { timeline: _timeline, ...content } = openTenderContent(NOW);
    const body = { ...content, budgetFen: 12.5, method: 'bogus' };

    // Act
    const result = await createTender(
      apiEvent({ method: 'POST', route: '/api/tenders', body, claims: purchaser }),
      lambdaContext(),
    );

    // Assess
    const problem = expectProblem(result, 400);
    expect(problem.type).toBe('urn:ggzy-portal:problem:validation');
    expect(issuePaths(problem)).toEqual(
      expect.arrayContaining(['body.budgetFen', 'body.method', 'body.timeline']),
    );
    expectBilingualIssues(problem);
    expect(problem.errors?.find((e) => e.path === 'body.budgetFen')?.message_zh).toContain('分');
    expect(problem.detail_zh).toMatch(/\p{Script=Han}/u);
    expect(problem.detail_en).toContain('nothing was changed');
    expect(problem.instance).toBe('/api/tenders');
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a float amount is refused even when nothing else is wrong', async () => {
    // Prepare
    const body = openTenderContent(NOW, { budgetFen: 3_500_000.5 });

    // Act
    const result = await createTender(
      apiEvent({ method: 'POST', route: '/api/tenders', body, claims: purchaser }),
      lambdaContext(),
    );

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.budgetFen']);
  });

  test('nested fields are reported with their full path', async () => {
    // Prepare
    const content = openTenderContent(NOW);
    const body = { ...content, timeline: { ...content.timeline, bidDeadline: '下周一上午' } };

    // Act
    const result = await createTender(
      apiEvent({ method: 'POST', route: '/api/tenders', body, claims: purchaser }),
      lambdaContext(),
    );

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.timeline.bidDeadline']);
    expectBilingualIssues(problem);
  });

  test('malformed JSON is a 400, not a 500', async () => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: '{"title": "区政务服务中心", "budgetFen": ',
      headers: { 'Content-Type': 'application/json' },
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(problem.errors).toEqual([
      expect.objectContaining({
        path: 'body',
        message_en: 'The body is not valid JSON',
        message_zh: '请求体不是有效的 JSON',
      }),
    ]);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a body that is not declared as JSON is a 400', async () => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: JSON.stringify(openTenderContent(NOW)),
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(problem.errors?.[0]?.path).toBe('headers.content-type');
    expect(problem.errors?.[0]?.message_en).toContain('Content-Type: application/json');
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a JSON body sent without any content type is a 400', async () => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: JSON.stringify(openTenderContent(NOW)),
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext());

    // Assess
    expectProblem(result, 400);
  });

  test.each([
    ['too short', 'abc'],
    ['with a space', 'retry key 0001'],
    ['with non-ASCII characters', '幂等键幂等键幂等键'],
  ])('an Idempotency-Key %s is a 400 on headers.idempotency-key', async (_why, key) => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: openTenderContent(NOW),
      headers: { 'Idempotency-Key': key },
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['headers.idempotency-key']);
    expectBilingualIssues(problem);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('path, query and header validation', () => {
  test('a bad tender id in the path of a write is a 400 on params.tenderId', async () => {
    // Prepare
    const event = apiEvent({
      method: 'PATCH',
      route: '/api/tenders/{tenderId}',
      pathParameters: { tenderId: 'TENDER#1 OR 1=1' },
      body: { title: '新的项目名称' },
      claims: purchaser,
    });

    // Act
    const result = await updateTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['params.tenderId']);
    expectBilingualIssues(problem);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a bad tender id on a public read is a 400 too', async () => {
    // Prepare
    const event = apiEvent({
      method: 'GET',
      route: '/api/tenders/{tenderId}',
      pathParameters: { tenderId: 'not-a-ulid' },
    });

    // Act
    const result = await getTender(event, lambdaContext());

    // Assess
    expect(issuePaths(expectProblem(result, 400))).toEqual(['params.tenderId']);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('path, body and header problems of one request are reported together', async () => {
    // Prepare
    const event = apiEvent({
      method: 'PATCH',
      route: '/api/tenders/{tenderId}',
      pathParameters: { tenderId: 'x' },
      headers: { 'If-Match': 'version 3' },
      body: { budgetFen: -1 },
      claims: purchaser,
    });

    // Act
    const result = await updateTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem).sort()).toEqual(['body.budgetFen', 'headers.if-match', 'params.tenderId']);
    expectBilingualIssues(problem);
  });

  test.each([
    ['0', 'at least 1'],
    ['101', 'at most 100'],
    ['ten', ''],
    ['2.5', ''],
  ])('limit=%s is a 400 on query.limit', async (limit, english) => {
    // Prepare
    const event = apiEvent({ method: 'GET', route: '/api/tenders', query: { limit } });

    // Act
    const result = await listTenders(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['query.limit']);
    expectBilingualIssues(problem);
    expect(problem.errors?.[0]?.message_en).toContain(english);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('each unknown key of a strict body is reported at its own path', async () => {
    // Prepare
    const event = apiEvent({
      method: 'PATCH',
      route: '/api/tenders/{tenderId}',
      pathParameters: { tenderId: '01JDQ3Z6B2W7X9Y0A1B2C3D4E5' },
      body: { status: 'tendering', version: 9 },
      claims: purchaser,
    });

    // Act
    const result = await updateTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.status', 'body.version']);
    expect(problem.errors?.[0]?.message_zh).toContain('未知字段');
    expect(ddb.calls()).toHaveLength(0);
  });

  test('an unknown notice type filter is a 400 on query.type', async () => {
    // Prepare
    const event = apiEvent({ method: 'GET', route: '/api/notices', query: { type: 'rumour' } });

    // Act
    const result = await listNotices(event, lambdaContext());

    // Assess
    expect(issuePaths(expectProblem(result, 400))).toEqual(['query.type']);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('drafts cannot be asked for through the public status filter', async () => {
    // Prepare
    const event = apiEvent({ method: 'GET', route: '/api/tenders', query: { status: 'draft' } });

    // Act
    const result = await listTenders(event, lambdaContext());

    // Assess
    expect(issuePaths(expectProblem(result, 400))).toEqual(['query.status']);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a forged cursor is a 400 on query.cursor, before any read', async () => {
    // Prepare
    const cursor = Buffer.from(
      JSON.stringify({ pk: 'TENDER#x', sk: 'TENDER', ownerPk: 'ORG#other' }),
    ).toString('base64url');
    const event = apiEvent({ method: 'GET', route: '/api/tenders', query: { cursor } });

    // Act
    const result = await listTenders(event, lambdaContext());

    // Assess
    expect(issuePaths(expectProblem(result, 400))).toEqual(['query.cursor']);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a malformed If-Match on publish is a 400 on headers.if-match', async () => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders/{tenderId}/publish',
      pathParameters: { tenderId: TENDER_ID },
      headers: { 'IF-MATCH': 'v3' },
      claims: purchaser,
    });

    // Act
    const result = await publishTender(event, lambdaContext());

    // Assess
    expect(issuePaths(expectProblem(result, 400))).toEqual(['headers.if-match']);
    expect(ddb.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('update and cancel body validation', () => {
  test('an update naming a field that does not exist is a 400', async () => {
    // Prepare
    const event = apiEvent({
      method: 'PATCH',
      route: '/api/tenders/{tenderId}',
      pathParameters: { tenderId: TENDER_ID },
      body: { status: 'tendering' },
      claims: purchaser,
    });

    // Act
    const result = await updateTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(problem.errors?.some((e) => e.message_en.includes('status'))).toBe(true);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('an empty update is a 400 and reads nothing', async () => {
    // Prepare
    const event = apiEvent({
      method: 'PATCH',
      route: '/api/tenders/{tenderId}',
      pathParameters: { tenderId: TENDER_ID },
      body: {},
      claims: purchaser,
    });

    // Act
    const result = await updateTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(problem.detail_en).toBe('Nothing to change');
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a cancel without a reason is a 400 on body.reason', async () => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders/{tenderId}/cancel',
      pathParameters: { tenderId: TENDER_ID },
      body: {},
      claims: purchaser,
    });

    // Act
    const result = await cancelTender(event, lambdaContext());

    // Assess
    expect(issuePaths(expectProblem(result, 400))).toEqual(['body.reason']);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('correctTender body validation (87号令第二十七条)', () => {
  function correctionEvent(body: unknown) {
    return apiEvent({
      method: 'POST',
      route: '/api/tenders/{tenderId}/corrections',
      pathParameters: { tenderId: TENDER_ID },
      body,
      claims: purchaser,
    });
  }

  test('a correction that changes the title is refused with its legal citation', async () => {
    // Prepare
    const event = correctionEvent({ summary: '修改项目名称', title: '另一个采购项目' });

    // Act
    const result = await correctTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.title']);
    const issue = problem.errors?.[0];
    expect(issue?.message_zh).toContain('87号令第二十七条');
    expect(issue?.message_en).toContain('87号令第二十七条');
    expect(issue?.message_en).toContain('subject or qualification');
    expect(ddb.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('every immutable field is refused, each with its own path', async () => {
    // Prepare
    const content = openTenderContent(NOW);
    const body: Record<string, unknown> = { summary: '一次性修改多项内容' };
    for (const field of CORRECTION_IMMUTABLE_FIELDS) body[field] = content[field];

    // Act
    const result = await correctTender(correctionEvent(body), lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem).sort()).toEqual(CORRECTION_IMMUTABLE_FIELDS.map((f) => `body.${f}`).sort());
    for (const issue of problem.errors ?? []) expect(issue.message_zh).toContain('87号令第二十七条');
    expectBilingualIssues(problem);
  });

  test('an unknown field is refused as unknown, not cited as immutable', async () => {
    // Prepare
    const event = correctionEvent({ summary: '调整开标地点', openingVenue: '三楼开标室' });

    // Act
    const result = await correctTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.openingVenue']);
    expect(problem.errors?.[0]?.message_en).toBe('Unknown field');
    expect(problem.errors?.[0]?.message_zh).toBe('未知字段');
  });

  test('a correction without a summary is a 400 on body.summary', async () => {
    // Prepare
    const event = correctionEvent({ bidDeadline: '2025-04-10T09:30:00+08:00' });

    // Act
    const result = await correctTender(event, lambdaContext());

    // Assess
    expect(issuePaths(expectProblem(result, 400))).toEqual(['body.summary']);
  });
});

describe('sealed-bid and committee bodies', () => {
  const tenderId = '01JDQ3Z6B2W7X9Y0A1B2C3D4E5';
  const bidId = '01JDQ3Z6B2W7X9Y0A1B2C3D4E6';

  test('a reveal of price 0 is refused before anything is read (a zero price would stall scoring)', async () => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders/{tenderId}/bids/{bidId}/reveal',
      pathParameters: { tenderId, bidId },
      body: { priceFen: 0, nonce: 'a'.repeat(64), key: 'b'.repeat(64) },
      claims: claimsFor('supplier'),
    });

    // Act
    const result = await revealBid(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.priceFen']);
    expect(problem.errors?.[0]?.message_zh).toContain('报价须大于 0');
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a draw that names its own seed is refused: the seed is always the server’s', async () => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders/{tenderId}/committee',
      pathParameters: { tenderId },
      body: { size: 5, reserveSize: 2, specialties: ['A02'], seed: 'c'.repeat(64) },
      claims: claimsFor('centre'),
    });

    // Act
    const result = await drawCommittee(event, lambdaContext());

    // Assess
    expect(issuePaths(expectProblem(result, 400))).toEqual(['body.seed']);
    expect(ddb.calls()).toHaveLength(0);
  });
});
