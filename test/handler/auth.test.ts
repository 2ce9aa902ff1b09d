import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { handler as createTender } from '../../functions/create-tender';
import { handler as getMyTender } from '../../functions/get-my-tender';
import { handler as getOpenApi } from '../../functions/get-openapi';
import { handler as getTender } from '../../functions/get-tender';
import { handler as listNotices } from '../../functions/list-notices';
import { handler as listTenders } from '../../functions/list-tenders';
import { handler as updateTender } from '../../functions/update-tender';
import type { Role } from '../../shared/http/routes';
import { openTenderContent } from '../helpers/fixtures';
import {
  apiEvent,
  type Claims,
  claimsFor,
  draftTender,
  expectJson,
  expectProblem,
  lambdaContext,
  NOW,
  ORG_A,
  ORG_B,
  prepareHandlerEnv,
  publishedTender,
  storedNoticeItem,
  storedTenderItem,
  TABLE_NAME,
  TENDER_ID,
} from './fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);

/** Asserts that nothing at all was written to the table. */
function expectNoWrites(): void {
  expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
  expect(rawDdb.calls()).toHaveLength(0);
}

function createEvent(claims?: Claims) {
  return apiEvent({
    method: 'POST',
    route: '/api/tenders',
    body: openTenderContent(NOW),
    ...(claims ? { claims } : {}),
  });
}

function getMyTenderEvent(claims?: Claims) {
  return apiEvent({
    method: 'GET',
    route: '/api/manage/tenders/{tenderId}',
    pathParameters: { tenderId: TENDER_ID },
    ...(claims ? { claims } : {}),
  });
}

const OTHER_ROLES: readonly Role[] = ['supplier', 'expert', 'centre'];

beforeEach(() => {
  ddb.reset();
  rawDdb.reset();
  prepareHandlerEnv();
});

describe('createTender (POST /api/tenders) roles', () => {
  test('a purchaser creates a draft in one transaction', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    const result = await createTender(createEvent(claimsFor('purchaser')), lambdaContext());

    // Assess
    const tender = expectJson<{ id: string; orgId: string; status: string; version: number }>(result, 201);
    expect(tender).toMatchObject({ orgId: ORG_A, status: 'draft', version: 1 });
    expect(result.headers?.['location']).toBe(`/api/manage/tenders/${tender.id}`);
    expect(result.headers?.['etag']).toBe('"v1"');
    const writes = ddb.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(1);
    const items = writes[0]!.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.Put?.TableName).toBe(TABLE_NAME);
      expect(item.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    }
  });

  test.each(OTHER_ROLES)(
    'the %s role may not create a tender: 403 and nothing read or written',
    async (role) => {
      // Prepare
      const event = createEvent(claimsFor(role));

      // Act
      const result = await createTender(event, lambdaContext());

      // Assess
      const problem = expectProblem(result, 403);
      expect(problem.type).toBe('urn:ggzy-portal:problem:forbidden');
      expect(problem.detail_en).toContain('purchaser');
      expect(ddb.calls()).toHaveLength(0);
      expectNoWrites();
    },
  );

  test('no claims at all is 401', async () => {
    // Prepare
    const event = createEvent();

    // Act
    const result = await createTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 401);
    expect(problem.type).toBe('urn:ggzy-portal:problem:unauthorized');
    expect(result.headers?.['www-authenticate']).toMatch(/^Bearer /);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('claims without a subject are 401', async () => {
    // Prepare
    const { sub: _sub, ...claims } = claimsFor('purchaser');

    // Act
    const result = await createTender(createEvent(claims), lambdaContext());

    // Assess
    expectProblem(result, 401);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('a purchaser token without custom:orgId is 403, never "any organisation"', async () => {
    // Prepare
    const event = createEvent(claimsFor('purchaser', { orgId: null }));

    // Act
    const result = await createTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 403);
    expect(problem.detail_en).toContain('custom:orgId');
    expectNoWrites();
  });

  test.each([
    ['a JSON array', claimsFor(['purchaser'], { groupsAs: 'array' })],
    ['the API Gateway string "[purchaser centre]"', claimsFor(['purchaser', 'centre'])],
    ['the API Gateway string "[centre purchaser]"', claimsFor(['centre', 'purchaser'])],
  ])('groups passed as %s are understood', async (_how, claims) => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    const result = await createTender(createEvent(claims), lambdaContext());

    // Assess
    const tender = expectJson<{ orgId: string; createdBy: string }>(result, 201);
    expect(tender.orgId).toBe(ORG_A);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  test('a group string naming only other roles is 403', async () => {
    // Prepare
    const event = createEvent(claimsFor(['supplier', 'expert', 'centre']));

    // Act
    const result = await createTender(event, lambdaContext());

    // Assess
    expectProblem(result, 403);
    expectNoWrites();
  });

  test('a group that merely contains "purchaser" as a substring is not a purchaser', async () => {
    // Prepare
    const claims = { ...claimsFor('purchaser'), 'cognito:groups': '[purchasers]' };

    // Act
    const result = await createTender(createEvent(claims), lambdaContext());

    // Assess
    expectProblem(result, 403);
    expectNoWrites();
  });
});

describe('getMyTender (GET /api/manage/tenders/{tenderId}) roles', () => {
  test('a purchaser of the owning organisation reads its draft', async () => {
    // Prepare
    const draft = draftTender();
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draft) });

    // Act
    const result = await getMyTender(getMyTenderEvent(claimsFor('purchaser')), lambdaContext());

    // Assess
    const body = expectJson<{ id: string; status: string; createdBy: string }>(result, 200);
    expect(body).toMatchObject({ id: TENDER_ID, status: 'draft', createdBy: draft.createdBy });
    expect(result.headers?.['etag']).toBe('"v3"');
    const gets = ddb.commandCalls(GetCommand);
    expect(gets).toHaveLength(1);
    expect(gets[0]!.args[0].input).toMatchObject({
      TableName: TABLE_NAME,
      Key: { pk: `TENDER#${TENDER_ID}`, sk: 'TENDER' },
    });
  });

  test.each(OTHER_ROLES)('the %s role is refused before anything is read: 403', async (role) => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });

    // Act
    const result = await getMyTender(getMyTenderEvent(claimsFor(role)), lambdaContext());

    // Assess
    expectProblem(result, 403);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('no claims at all is 401', async () => {
    // Prepare
    const event = getMyTenderEvent();

    // Act
    const result = await getMyTender(event, lambdaContext());

    // Assess
    expectProblem(result, 401);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('claims without custom:orgId are 403', async () => {
    // Prepare
    const event = getMyTenderEvent(claimsFor('purchaser', { orgId: null }));

    // Act
    const result = await getMyTender(event, lambdaContext());

    // Assess
    const problem = expectProblem(result, 403);
    expect(problem.detail_zh).toContain('custom:orgId');
    expect(ddb.calls()).toHaveLength(0);
  });

  test.each([
    ['an array', claimsFor(['purchaser'], { groupsAs: 'array' })],
    ['the string "[purchaser centre]"', claimsFor(['purchaser', 'centre'])],
  ])('groups as %s both work', async (_how, claims) => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });

    // Act
    const result = await getMyTender(getMyTenderEvent(claims), lambdaContext());

    // Assess
    expect(expectJson<{ id: string }>(result, 200).id).toBe(TENDER_ID);
  });

  test("another organisation's draft does not exist for the caller: 404", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });

    // Act
    const result = await getMyTender(
      getMyTenderEvent(claimsFor('purchaser', { orgId: ORG_B })),
      lambdaContext(),
    );

    // Assess
    const problem = expectProblem(result, 404);
    expect(result.body).not.toContain(ORG_A);
    expect(problem.detail_en).toBe('Tender not found');
  });
});

describe('updateTender (PATCH /api/tenders/{tenderId}) across organisations', () => {
  function patchEvent(claims: Claims) {
    return apiEvent({
      method: 'PATCH',
      route: '/api/tenders/{tenderId}',
      pathParameters: { tenderId: TENDER_ID },
      body: { title: '区政务服务中心办公设备采购项目（二次）' },
      claims,
    });
  }

  test("a purchaser of org B may not change org A's published tender: 403, nothing written", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(publishedTender()) });
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    const result = await updateTender(patchEvent(claimsFor('purchaser', { orgId: ORG_B })), lambdaContext());

    // Assess
    const problem = expectProblem(result, 403);
    expect(problem.type).toBe('urn:ggzy-portal:problem:forbidden');
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
    expectNoWrites();
  });

  test("a purchaser of org B cannot even see org A's draft: 404, nothing written", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    const result = await updateTender(patchEvent(claimsFor('purchaser', { orgId: ORG_B })), lambdaContext());

    // Assess
    const problem = expectProblem(result, 404);
    expect(problem.type).toBe('urn:ggzy-portal:problem:not-found');
    expectNoWrites();
  });

  test('the owning organisation updates its draft with a version-checked transaction', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    const result = await updateTender(patchEvent(claimsFor('purchaser', { orgId: ORG_A })), lambdaContext());

    // Assess
    const body = expectJson<{ version: number; content: { title: string } }>(result, 200);
    expect(body.version).toBe(4);
    expect(body.content.title).toBe('区政务服务中心办公设备采购项目（二次）');
    const writes = ddb.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.args[0].input.TransactItems?.[0]?.Put).toMatchObject({
      ConditionExpression: 'attribute_exists(pk) AND version = :expected',
      ExpressionAttributeValues: { ':expected': 3 },
    });
  });
});

describe('public routes need no claims', () => {
  test('getTender shows a published tender without internal bookkeeping', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(publishedTender()) });

    // Act
    const result = await getTender(
      apiEvent({ method: 'GET', route: '/api/tenders/{tenderId}', pathParameters: { tenderId: TENDER_ID } }),
      lambdaContext(),
    );

    // Assess
    const body = expectJson(result, 200);
    expect(body['id']).toBe(TENDER_ID);
    expect(body['status']).toBe('tendering');
    expect(body).not.toHaveProperty('createdBy');
    expect(body).not.toHaveProperty('lastEventHash');
  });

  test('getTender answers 404 for a draft, even though it exists', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });

    // Act
    const result = await getTender(
      apiEvent({ method: 'GET', route: '/api/tenders/{tenderId}', pathParameters: { tenderId: TENDER_ID } }),
      lambdaContext(),
    );

    // Assess
    expectProblem(result, 404);
  });

  test('listTenders reads the public feed index, newest first', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [storedTenderItem(publishedTender())] });

    // Act
    const result = await listTenders(
      apiEvent({ method: 'GET', route: '/api/tenders', query: { limit: '5' } }),
      lambdaContext(),
    );

    // Assess
    const page = expectJson<{ items: { id: string }[]; nextCursor: string | null }>(result, 200);
    expect(page.items.map((t) => t.id)).toEqual([TENDER_ID]);
    expect(page.nextCursor).toBeNull();
    const query = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(query).toMatchObject({ IndexName: 'publicFeed', ScanIndexForward: false, Limit: 5 });
  });

  test('listNotices returns the notice feed', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [storedNoticeItem(publishedTender())] });

    // Act
    const result = await listNotices(
      apiEvent({ method: 'GET', route: '/api/notices', query: { type: 'procurement' } }),
      lambdaContext(),
    );

    // Assess
    const page = expectJson<{ items: { type: string; tenderId: string }[] }>(result, 200);
    expect(page.items).toEqual([expect.objectContaining({ type: 'procurement', tenderId: TENDER_ID })]);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':pk': 'FEED#NOTICE',
      ':f0': 'procurement',
    });
  });

  test('getOpenApi needs no token', async () => {
    // Prepare
    const event = apiEvent({ method: 'GET', route: '/api/openapi.json' });

    // Act
    const result = await getOpenApi(event, lambdaContext());

    // Assess
    expect(expectJson(result, 200)['openapi']).toBe('3.1.0');
    expect(ddb.calls()).toHaveLength(0);
  });
});
