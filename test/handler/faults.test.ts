import { Readable } from 'node:stream';
import { DynamoDBClient, InternalServerError, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  CopyObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest';
import { handler as createTender } from '../../functions/create-tender';
import { handler as getMyTender } from '../../functions/get-my-tender';
import { handler as publishTender } from '../../functions/publish-tender';
import { handler as updateTender } from '../../functions/update-tender';
import { GATE_SHARDS } from '../../shared/adapters/dynamodb/keys';
import { logger } from '../../shared/adapters/logger';
import { openTenderContent } from '../helpers/fixtures';
import {
  apiEvent,
  BUCKET_NAME,
  claimsFor,
  DOCUMENT_BYTES,
  DOCUMENT_ID,
  draftTender,
  expectJson,
  expectProblem,
  lambdaContext,
  NOW,
  ORG_A,
  pendingDocument,
  prepareHandlerEnv,
  storedTenderItem,
  TABLE_NAME,
  TENDER_ID,
} from './fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);

const REQUEST_ID = '5e1f0a2b-7c3d-4e5f-8a9b-0c1d2e3f4a5b';
const SECRET_ARN = `arn:aws:dynamodb:cn-north-1:123456789012:table/${TABLE_NAME}`;
const purchaser = claimsFor('purchaser');

let logError: MockInstance<typeof logger.error>;

beforeEach(() => {
  ddb.reset();
  rawDdb.reset();
  s3.reset();
  // Verification copies each upload slot to the document's own key before re-reading it
  s3.on(CopyObjectCommand).resolves({});
  prepareHandlerEnv();
  logError = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  return () => logError.mockRestore();
});

/** An S3 object body the document store can stream and hash. */
function objectBody(bytes: Buffer): GetObjectCommandOutput['Body'] {
  return Readable.from([bytes]) as unknown as GetObjectCommandOutput['Body'];
}

/** Asserts a bare 500 that leaks nothing but the request id, and returns the raw body text. */
function expectOpaque500(result: APIGatewayProxyStructuredResultV2, leaks: readonly string[]): string {
  const problem = expectProblem(result, 500);
  expect(problem.type).toBe('urn:ggzy-portal:problem:internal');
  expect(problem.requestId).toBe(REQUEST_ID);
  expect(problem.detail_en).toBe('The request failed and changed nothing; try again later');
  expect(problem).not.toHaveProperty('errors');
  expect(problem).not.toHaveProperty('stack');
  expect(problem).not.toHaveProperty('cause');
  const text = String(result.body);
  for (const secret of [
    'arn:',
    TABLE_NAME,
    BUCKET_NAME,
    'stack',
    '    at ',
    '.ts:',
    'node_modules',
    ...leaks,
  ]) {
    expect(text).not.toContain(secret);
  }
  return text;
}

/** Asserts the one transaction was the only write, so no partial write is possible. */
function expectOnlyOneTransaction(): TransactWriteCommandInput {
  const writes = ddb.commandCalls(TransactWriteCommand);
  expect(writes).toHaveLength(1);
  expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
  expect(rawDdb.calls()).toHaveLength(0);
  return writes[0]!.args[0].input;
}

/** Asserts the error middleware logged the real error with the request id (the log keeps the detail). */
function expectLogged(message: string): void {
  expect(logError).toHaveBeenCalledWith(
    'Unhandled error',
    expect.objectContaining({
      requestId: REQUEST_ID,
      error: expect.objectContaining({ message: expect.stringContaining(message) }),
    }),
  );
}

describe('createTender when DynamoDB fails', () => {
  test('an internal error on the transaction is an opaque 500 after exactly one write attempt', async () => {
    // Prepare
    const message = `ProvisionedThroughputExceeded at ${SECRET_ARN}`;
    ddb.on(TransactWriteCommand).rejects(new Error(message));
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: openTenderContent(NOW),
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext(REQUEST_ID));

    // Assess
    expectOpaque500(result, ['ProvisionedThroughput']);
    const input = expectOnlyOneTransaction();
    expect(input.TransactItems?.map((item) => item.Put?.Item?.['entity'])).toEqual(['tender', 'auditEvent']);
    expectLogged('ProvisionedThroughputExceeded');
  });

  test('with an Idempotency-Key the record joins the same single transaction, which fails whole', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    ddb
      .on(TransactWriteCommand)
      .rejects(new InternalServerError({ message: `Internal server error (${SECRET_ARN})`, $metadata: {} }));
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: openTenderContent(NOW),
      headers: { 'Idempotency-Key': '8b0c2d4e-retry-key-0001' },
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext(REQUEST_ID));

    // Assess
    expectOpaque500(result, ['Internal server error (']);
    const input = expectOnlyOneTransaction();
    expect(input.TransactItems?.map((item) => item.Put?.Item?.['entity'])).toEqual([
      'tender',
      'auditEvent',
      'idempotency',
    ]);
    expect(input.TransactItems?.[2]?.Put?.Item?.['pk']).toBe(`IDEMPOTENCY#${ORG_A}#8b0c2d4e-retry-key-0001`);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
  });

  test('a tender id collision (condition failed on the tender item) is a 409', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: openTenderContent(NOW),
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext(REQUEST_ID));

    // Assess
    const problem = expectProblem(result, 409);
    expect(problem.type).toBe('urn:ggzy-portal:problem:conflict');
    expect(result.body).not.toContain('cancellation reasons');
    expectOnlyOneTransaction();
  });

  test('a racing retry with the same key gets the winner’s draft back, not a second draft', async () => {
    // Prepare
    const key = 'race-key-2025-03-03-0001';
    let written: Record<string, unknown>[] = [];
    ddb.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
      written = (input.TransactItems ?? []).map((item) => item.Put?.Item ?? {});
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      });
    });
    ddb
      .on(GetCommand, { Key: { pk: `IDEMPOTENCY#${ORG_A}#${key}`, sk: 'IDEMPOTENCY' } })
      .resolvesOnce({})
      .callsFake(() => ({ Item: written[2] }));
    ddb.on(GetCommand, { Key: { sk: 'TENDER' } }).callsFake(() => ({ Item: written[0] }));
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: openTenderContent(NOW),
      headers: { 'idempotency-key': key },
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext(REQUEST_ID));

    // Assess
    const tender = expectJson<{ id: string }>(result, 200);
    expect(result.headers?.['idempotent-replayed']).toBe('true');
    const winner = written[0]?.['data'] as { id: string } | undefined;
    expect(winner?.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(tender.id).toBe(winner?.id);
    expectOnlyOneTransaction();
  });

  test('reusing a key with a different body is a 409 and writes nothing', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({
      Item: { pk: 'IDEMPOTENCY#x', sk: 'IDEMPOTENCY', requestHash: 'f'.repeat(64), resultId: TENDER_ID },
    });
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders',
      body: openTenderContent(NOW),
      headers: { 'Idempotency-Key': 'reused-key-000001' },
      claims: purchaser,
    });

    // Act
    const result = await createTender(event, lambdaContext(REQUEST_ID));

    // Assess
    const problem = expectProblem(result, 409);
    expect(problem.detail_en).toContain('Idempotency-Key');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('publishTender when DynamoDB fails', () => {
  function publishEvent(headers: Record<string, string> = {}) {
    return apiEvent({
      method: 'POST',
      route: '/api/tenders/{tenderId}/publish',
      pathParameters: { tenderId: TENDER_ID },
      headers,
      claims: purchaser,
    });
  }

  test('an internal error on the publish transaction is an opaque 500; tender, event and notice were one write', async () => {
    // Prepare
    const draft = draftTender({ documents: [pendingDocument()] });
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draft) });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(DOCUMENT_BYTES) });
    ddb
      .on(TransactWriteCommand)
      .rejects(new InternalServerError({ message: `Internal server error on ${SECRET_ARN}`, $metadata: {} }));

    // Act
    const result = await publishTender(publishEvent({ 'If-Match': '"v3"' }), lambdaContext(REQUEST_ID));

    // Assess
    expectOpaque500(result, ['Internal server error on']);
    const input = expectOnlyOneTransaction();
    const items = input.TransactItems ?? [];
    // The tender's bid gates (one per shard) open in the same write as the tender
    expect(items.map((item) => item.Put?.Item?.['entity'])).toEqual([
      'tender',
      'auditEvent',
      'notice',
      ...Array.from({ length: GATE_SHARDS }, () => 'tenderGate'),
    ]);
    expect(items[0]?.Put).toMatchObject({
      TableName: TABLE_NAME,
      ConditionExpression: 'attribute_exists(pk) AND version = :expected',
      ExpressionAttributeValues: { ':expected': 3 },
      Item: {
        status: 'tendering',
        version: 4,
        data: { status: 'tendering', publishedAt: NOW.toISOString() },
      },
    });
    expect(items[1]?.Put?.Item?.['data']).toMatchObject({
      seq: 4,
      type: 'tender.published',
      prevHash: draft.lastEventHash,
    });
    expect(items[2]?.Put?.Item?.['data']).toMatchObject({ type: 'procurement', tenderId: TENDER_ID, seq: 1 });
    const reads = s3.commandCalls(GetObjectCommand);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.args[0].input).toMatchObject({
      Bucket: BUCKET_NAME,
      Key: `tenders/${TENDER_ID}/documents/${DOCUMENT_ID}`,
    });
    expectLogged('Internal server error on');
  });

  test('an S3 failure while verifying documents is an opaque 500 and nothing is written', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender({ documents: [pendingDocument()] })) });
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: `Access Denied to arn:aws:s3:::${BUCKET_NAME}/tenders/${TENDER_ID}`,
      }),
    );

    // Act
    const result = await publishTender(publishEvent(), lambdaContext(REQUEST_ID));

    // Assess
    expectOpaque500(result, ['Access Denied']);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(rawDdb.calls()).toHaveLength(0);
  });

  test('a document whose stored bytes differ from its declared hash blocks publication: 422, nothing written', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender({ documents: [pendingDocument()] })) });
    s3.on(GetObjectCommand).resolves({ Body: objectBody(Buffer.from('%PDF-1.7 篡改过的招标文件', 'utf8')) });

    // Act
    const result = await publishTender(publishEvent(), lambdaContext(REQUEST_ID));

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.type).toBe('urn:ggzy-portal:problem:document-mismatch');
    expect(problem.errors?.[0]?.path).toBe('documents.0');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  test('a concurrent change (condition failed) on publish is a 409', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );

    // Act
    const result = await publishTender(publishEvent(), lambdaContext(REQUEST_ID));

    // Assess
    expectProblem(result, 409);
    expectOnlyOneTransaction();
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('updateTender when DynamoDB fails', () => {
  function patchEvent(headers: Record<string, string> = {}) {
    return apiEvent({
      method: 'PATCH',
      route: '/api/tenders/{tenderId}',
      pathParameters: { tenderId: TENDER_ID },
      headers,
      body: { description: '采购台式计算机 220 台、打印机 30 台。' },
      claims: purchaser,
    });
  }

  test('a TransactionCanceledException with ConditionalCheckFailed is a 409 problem', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: `Transaction cancelled on ${SECRET_ARN}`,
        $metadata: {},
        CancellationReasons: [
          { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
          { Code: 'None' },
        ],
      }),
    );

    // Act
    const result = await updateTender(patchEvent(), lambdaContext(REQUEST_ID));

    // Assess
    const problem = expectProblem(result, 409);
    expect(problem.type).toBe('urn:ggzy-portal:problem:conflict');
    expect(problem.detail_en).toContain('reload and try again');
    expect(problem['expectedVersion']).toBe(3);
    expect(result.body).not.toContain('arn:');
    expect(result.body).not.toContain(TABLE_NAME);
    expectOnlyOneTransaction();
  });

  test('a transaction cancelled for another reason (throttling) is an opaque 500', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: `Transaction cancelled: ThrottlingError on ${SECRET_ARN}`,
        $metadata: {},
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }],
      }),
    );

    // Act
    const result = await updateTender(patchEvent(), lambdaContext(REQUEST_ID));

    // Assess
    expectOpaque500(result, ['ThrottlingError']);
    expectOnlyOneTransaction();
  });

  test('a stale If-Match is a 412 and never reaches the write', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: storedTenderItem(draftTender()) });

    // Act
    const result = await updateTender(patchEvent({ 'If-Match': '"v2"' }), lambdaContext(REQUEST_ID));

    // Assess
    const problem = expectProblem(result, 412);
    expect(problem['currentVersion']).toBe(3);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('reads when DynamoDB fails', () => {
  test('a failing GetCommand is an opaque 500', async () => {
    // Prepare
    ddb
      .on(GetCommand)
      .rejects(new Error(`ResourceNotFoundException: Requested resource not found: ${SECRET_ARN}`));
    const event = apiEvent({
      method: 'GET',
      route: '/api/manage/tenders/{tenderId}',
      pathParameters: { tenderId: TENDER_ID },
      claims: purchaser,
    });

    // Act
    const result = await getMyTender(event, lambdaContext(REQUEST_ID));

    // Assess
    expectOpaque500(result, ['ResourceNotFoundException', 'Requested resource']);
    expectLogged('ResourceNotFoundException');
  });

  test('a stored item that fails the schema is an opaque 500 that does not echo the item', async () => {
    // Prepare
    const corrupt = storedTenderItem(draftTender());
    corrupt['data'] = {
      ...draftTender(),
      version: 'three',
      orgId: ORG_A,
      createdBy: 'secret-sub-of-creator',
    };
    ddb.on(GetCommand).resolves({ Item: corrupt });
    const event = apiEvent({
      method: 'GET',
      route: '/api/manage/tenders/{tenderId}',
      pathParameters: { tenderId: TENDER_ID },
      claims: purchaser,
    });

    // Act
    const result = await getMyTender(event, lambdaContext(REQUEST_ID));

    // Assess
    expectOpaque500(result, ['secret-sub-of-creator', 'version', 'three']);
  });
});
