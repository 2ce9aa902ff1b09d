/**
 * Handler tests of the sealed-bid routes (supplier profile, registration, bids, reveal, opening),
 * through the full middy chain with API Gateway v2 events and the real DynamoDB and S3 adapters on
 * mocked SDK clients.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  CopyObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest';
import { handler as createBid } from '../../functions/create-bid';
import { handler as getBidAudit } from '../../functions/get-bid-audit';
import { handler as getBidDocument } from '../../functions/get-bid-document';
import { handler as getMySupplierProfile } from '../../functions/get-my-supplier-profile';
import { handler as getOpeningRecord } from '../../functions/get-opening-record';
import { handler as listBids } from '../../functions/list-bids';
import { handler as listMyBids } from '../../functions/list-my-bids';
import { handler as listRegistrations } from '../../functions/list-registrations';
import { handler as putMySupplierProfile } from '../../functions/put-my-supplier-profile';
import { handler as reconfirmBid } from '../../functions/reconfirm-bid';
import { handler as registerForTender } from '../../functions/register-for-tender';
import { handler as respondToOpening } from '../../functions/respond-to-opening';
import { handler as revealBid } from '../../functions/reveal-bid';
import { handler as submitBid } from '../../functions/submit-bid';
import { handler as withdrawBid } from '../../functions/withdraw-bid';
import { overrideDeps } from '../../shared/adapters/deps';
import { gateShardOf, keys } from '../../shared/adapters/dynamodb/keys';
import { logger } from '../../shared/adapters/logger';
import { fixedClock } from '../../shared/domain/clock';
import { sealBid } from '../../shared/domain/sealing';
import { ROUTES, type Role } from '../../shared/http/routes';
import type { Bid, Registration } from '../../shared/schemas/bid';
import type { SupplierProfile } from '../../shared/schemas/supplier';
import type { Tender } from '../../shared/schemas/tender';
import { creditCodeFor } from '../helpers/bidder';
import { sha256 } from '../helpers/fixtures';
import {
  type ApiRequest,
  apiEvent,
  BUCKET_NAME,
  type Claims,
  claimsFor,
  expectJson,
  expectProblem,
  issuePaths,
  lambdaContext,
  NOW,
  ORG_A,
  type Problem,
  prepareHandlerEnv,
  publishedTender,
  storedTenderItem,
  TABLE_NAME,
  TENDER_ID,
} from './fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const rawDdb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);

/** The bidding supplier organisation. */
const SUPPLIER_ORG = 'org-supplier-hz-0001';
/** Fixed ids of the bid under test and of its one sealed document. */
const BID_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z6';
const BID_DOCUMENT_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z7';
/** The price sealed into the bid, in 分; it must never reach the server before the opening. */
const PRICE_FEN = 3_280_000_00;
/** The request id a 500 answer quotes. */
const REQUEST_ID = '9d2e4f60-aaaa-4bbb-8ccc-ddddeeee0001';

/** The bid sealed as a real client seals it: fresh key and nonce, commitments, one ciphertext. */
const SEALED = await sealBid({
  tenderId: TENDER_ID,
  supplierId: SUPPLIER_ORG,
  priceFen: PRICE_FEN,
  documents: [
    { name: '投标文件.pdf', bytes: Buffer.from('投标文件：技术响应、售后服务承诺与报价一览表', 'utf8') },
  ],
});
const SEALED_DOCUMENT = SEALED.documents[0]!;

/** The tender under test: tendering, with its deadline 25 days after {@link NOW}. */
const TENDER = publishedTender();
const DEADLINE = new Date(TENDER.content.timeline.bidDeadline);
/** When the decryption window of {@link TENDER} closes. */
const DECRYPTION_ENDS = new Date(
  DEADLINE.getTime() + TENDER.content.timeline.decryptionWindowMinutes * 60_000,
);

const supplier = claimsFor('supplier', { orgId: SUPPLIER_ORG, sub: 'a1b2c3d4-0000-4000-8000-00000000b1d0' });

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

// ---------------------------------------------------------------------------------------------
// Fixtures: items as the DynamoDB adapter stores them ({ pk, sk, entity, ..., data: <entity> }).
// ---------------------------------------------------------------------------------------------

/** Pins the handlers' clock. */
function clockAt(at: Date): void {
  overrideDeps({ clock: fixedClock(at) });
}

/** A tender item with the `bidDeadline` attribute the adapter writes for the bid ConditionCheck. */
function tenderItem(tender: Tender): Record<string, unknown> {
  return {
    ...storedTenderItem(tender),
    bidDeadline: new Date(tender.content.timeline.bidDeadline).toISOString(),
  };
}

/** The tender after the tick opened it at its deadline: the decryption window runs. */
function openingTender(overrides: Partial<Tender> = {}): Tender {
  return publishedTender({
    status: 'opening',
    version: 5,
    opening: { decryptionEndsAt: DECRYPTION_ENDS.toISOString() },
    ...overrides,
  });
}

/** A valid profile body (PUT /api/suppliers/me). */
function profileBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '杭州测试供应商1号有限公司',
    creditCode: creditCodeFor(1),
    scale: 'small',
    scaleDeclaredAt: '2025-01-06',
    contact: { name: '李经理', phone: '0571-88880000' },
    ...overrides,
  };
}

/** The supplier's stored profile. */
function supplierProfile(): SupplierProfile {
  return {
    name: '杭州测试供应商1号有限公司',
    creditCode: creditCodeFor(1),
    scale: 'small',
    scaleDeclaredAt: '2025-01-06',
    contact: { name: '李经理', phone: '0571-88880000' },
    orgId: SUPPLIER_ORG,
    version: 1,
    updatedAt: '2025-03-01T02:00:00.000Z',
  };
}

function profileItem(profile: SupplierProfile = supplierProfile()): Record<string, unknown> {
  return {
    pk: `ORG#${profile.orgId}`,
    sk: 'SUPPLIER_PROFILE',
    entity: 'supplierProfile',
    version: profile.version,
    data: profile,
  };
}

function registration(orgId = SUPPLIER_ORG): Registration {
  return {
    tenderId: TENDER_ID,
    supplierOrgId: orgId,
    supplierName: '杭州测试供应商1号有限公司',
    supplierScale: 'small',
    registeredAt: '2025-03-02T02:00:00.000Z',
  };
}

function registrationItem(reg: Registration = registration()): Record<string, unknown> {
  return { pk: `TENDER#${reg.tenderId}`, sk: `REG#${reg.supplierOrgId}`, entity: 'registration', data: reg };
}

/** The supplier's bid draft of {@link SEALED}, created before {@link NOW}. */
function draftBid(overrides: Partial<Bid> = {}): Bid {
  return {
    id: BID_ID,
    tenderId: TENDER_ID,
    supplierOrgId: SUPPLIER_ORG,
    supplierName: '杭州测试供应商1号有限公司',
    supplierScale: 'small',
    status: 'draft',
    priceCommitment: SEALED.priceCommitment,
    keyCommitment: SEALED.keyCommitment,
    documents: [
      {
        id: BID_DOCUMENT_ID,
        fileName: SEALED_DOCUMENT.name,
        size: SEALED_DOCUMENT.size,
        sha256: SEALED_DOCUMENT.sha256,
        verified: false,
      },
    ],
    createdAt: '2025-03-03T01:00:00.000Z',
    updatedAt: '2025-03-03T01:00:00.000Z',
    version: 1,
    lastEventHash: sha256('bid event 1: created'),
    ...overrides,
  };
}

/** The same bid, submitted (its receipt issued) before the deadline. */
function submittedBid(): Bid {
  const at = '2025-03-03T01:30:00.000Z';
  return draftBid({
    status: 'submitted',
    submittedAt: at,
    confirmedAt: at,
    updatedAt: at,
    version: 2,
    lastEventHash: sha256('bid event 2: submitted'),
    documents: draftBid().documents.map((doc) => ({ ...doc, verified: true })),
    receipt: {
      bidId: BID_ID,
      tenderId: TENDER_ID,
      submittedAt: at,
      manifestDigest: sha256('manifest'),
      auditSeq: 2,
      auditHash: sha256('bid event 2: submitted'),
    },
  });
}

function bidItem(bid: Bid): Record<string, unknown> {
  return {
    pk: `TENDER#${bid.tenderId}`,
    sk: `BID#${bid.id}`,
    entity: 'bid',
    version: bid.version,
    status: bid.status,
    data: bid,
  };
}

/** Answers GetCommand with these items by key, and with nothing for any other key. */
function givenItems(...items: Record<string, unknown>[]): void {
  ddb.on(GetCommand).resolves({});
  for (const item of items) {
    ddb.on(GetCommand, { Key: { pk: item['pk'], sk: item['sk'] } }).resolves({ Item: item });
  }
}

/** Serves the sealed ciphertext of the bid's document from the (mocked) bucket, a fresh stream each read. */
function givenUploadedCiphertext(bytes: Uint8Array = SEALED_DOCUMENT.sealed): void {
  s3.on(GetObjectCommand).callsFake(() => ({
    Body: Readable.from([Buffer.from(bytes)]) as unknown as GetObjectCommandOutput['Body'],
  }));
}

/** A valid create-bid body: commitments and the ciphertext manifest, never a price. */
function createBidBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    priceCommitment: SEALED.priceCommitment,
    keyCommitment: SEALED.keyCommitment,
    documents: [
      { fileName: SEALED_DOCUMENT.name, sha256: SEALED_DOCUMENT.sha256, size: SEALED_DOCUMENT.size },
    ],
    ...overrides,
  };
}

function revealBody(): Record<string, unknown> {
  return { priceFen: PRICE_FEN, nonce: SEALED.nonce, key: SEALED.keyHex };
}

/** A TransactionCanceledException as DynamoDB raises it, with one reason per transaction item. */
function cancelled(codes: readonly string[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

/** Asserts nothing at all was written to the table or the bucket. */
function expectNoWrites(): void {
  expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
  expect(rawDdb.calls()).toHaveLength(0);
}

/** The items of the one TransactWriteCommand sent. */
function theTransaction(): NonNullable<TransactWriteCommandInput['TransactItems']> {
  const writes = ddb.commandCalls(TransactWriteCommand);
  expect(writes).toHaveLength(1);
  return writes[0]!.args[0].input.TransactItems ?? [];
}

// ---------------------------------------------------------------------------------------------
// The routes of the sealed-bid block of the route table, each with a well-formed request.
// ---------------------------------------------------------------------------------------------

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

interface RouteCase {
  handler: Handler;
  request: Omit<ApiRequest, 'claims'>;
}

const tenderPath = { tenderId: TENDER_ID };
const bidPath = { tenderId: TENDER_ID, bidId: BID_ID };

const CASES: Record<string, RouteCase> = {
  getMySupplierProfile: {
    handler: getMySupplierProfile,
    request: { method: 'GET', route: '/api/suppliers/me' },
  },
  putMySupplierProfile: {
    handler: putMySupplierProfile,
    request: { method: 'PUT', route: '/api/suppliers/me', body: profileBody() },
  },
  registerForTender: {
    handler: registerForTender,
    request: { method: 'POST', route: '/api/tenders/{tenderId}/registrations', pathParameters: tenderPath },
  },
  listRegistrations: {
    handler: listRegistrations,
    request: { method: 'GET', route: '/api/tenders/{tenderId}/registrations', pathParameters: tenderPath },
  },
  createBid: {
    handler: createBid,
    request: {
      method: 'POST',
      route: '/api/tenders/{tenderId}/bids',
      pathParameters: tenderPath,
      body: createBidBody(),
    },
  },
  listBids: {
    handler: listBids,
    request: { method: 'GET', route: '/api/tenders/{tenderId}/bids', pathParameters: tenderPath },
  },
  listMyBids: {
    handler: listMyBids,
    request: { method: 'GET', route: '/api/tenders/{tenderId}/my-bids', pathParameters: tenderPath },
  },
  submitBid: {
    handler: submitBid,
    request: {
      method: 'POST',
      route: '/api/tenders/{tenderId}/bids/{bidId}/submit',
      pathParameters: bidPath,
    },
  },
  withdrawBid: {
    handler: withdrawBid,
    request: {
      method: 'POST',
      route: '/api/tenders/{tenderId}/bids/{bidId}/withdraw',
      pathParameters: bidPath,
    },
  },
  reconfirmBid: {
    handler: reconfirmBid,
    request: {
      method: 'POST',
      route: '/api/tenders/{tenderId}/bids/{bidId}/reconfirm',
      pathParameters: bidPath,
    },
  },
  revealBid: {
    handler: revealBid,
    request: {
      method: 'POST',
      route: '/api/tenders/{tenderId}/bids/{bidId}/reveal',
      pathParameters: bidPath,
      body: revealBody(),
    },
  },
  getBidAudit: {
    handler: getBidAudit,
    request: { method: 'GET', route: '/api/tenders/{tenderId}/bids/{bidId}/audit', pathParameters: bidPath },
  },
  getBidDocument: {
    handler: getBidDocument,
    request: {
      method: 'GET',
      route: '/api/tenders/{tenderId}/bids/{bidId}/documents/{documentId}',
      pathParameters: { ...bidPath, documentId: BID_DOCUMENT_ID },
    },
  },
  getOpeningRecord: {
    handler: getOpeningRecord,
    request: { method: 'GET', route: '/api/tenders/{tenderId}/opening', pathParameters: tenderPath },
  },
  respondToOpening: {
    handler: respondToOpening,
    request: {
      method: 'POST',
      route: '/api/tenders/{tenderId}/opening/responses',
      pathParameters: tenderPath,
      body: { decision: 'confirm' },
    },
  },
};

/** The route-table entries from getMySupplierProfile to respondToOpening. */
const BLOCK = ROUTES.slice(
  ROUTES.findIndex((route) => route.id === 'getMySupplierProfile'),
  ROUTES.findIndex((route) => route.id === 'respondToOpening') + 1,
);

function rolesOf(routeId: string): readonly Role[] {
  const auth = BLOCK.find((route) => route.id === routeId)?.auth;
  return auth === undefined || auth === 'public' ? [] : auth.roles;
}

/** The routes of the block only a supplier may call (the route table must agree, see the first test). */
const SUPPLIER_ONLY = [
  'getMySupplierProfile',
  'putMySupplierProfile',
  'registerForTender',
  'createBid',
  'listMyBids',
  'submitBid',
  'withdrawBid',
  'reconfirmBid',
  'revealBid',
  'respondToOpening',
] as const;

/** Calls one route of {@link CASES} as the given claims (none: anonymous). */
function call(routeId: string, claims?: Claims): Promise<APIGatewayProxyStructuredResultV2> {
  const routeCase = CASES[routeId];
  if (!routeCase) throw new Error(`no case for ${routeId}`);
  return routeCase.handler(
    apiEvent({ ...routeCase.request, ...(claims ? { claims } : {}) }),
    lambdaContext(REQUEST_ID),
  );
}

describe('roles on the sealed-bid routes', () => {
  test('the cases below cover every route of the block, and the block has the expected audiences', () => {
    // Prepare
    const ids = BLOCK.map((route) => route.id);

    // Act
    const covered = Object.keys(CASES);

    // Assess
    expect(covered.sort()).toEqual([...ids].sort());
    for (const [id, routeCase] of Object.entries(CASES)) {
      const spec = BLOCK.find(
        (route) => route.path === routeCase.request.route && route.method === routeCase.request.method,
      );
      expect(spec?.id, `${routeCase.request.method} ${routeCase.request.route}`).toBe(id);
    }
    const supplierOnly = ids.filter((id) => rolesOf(id).join() === 'supplier');
    expect(supplierOnly.sort()).toEqual([...SUPPLIER_ONLY].sort());
    expect(rolesOf('listRegistrations')).toEqual(['purchaser', 'centre']);
    expect(rolesOf('listBids')).toEqual(['purchaser', 'centre']);
  });

  const supplierOnlyCases = SUPPLIER_ONLY.flatMap((routeId) =>
    (['purchaser', 'centre', 'expert'] as const).map((role) => [routeId, role] as const),
  );

  test.each(supplierOnlyCases)(
    '%s refuses the %s role: 403, nothing read or written',
    async (routeId, role) => {
      // Prepare
      givenItems(tenderItem(TENDER), profileItem(), registrationItem(), bidItem(draftBid()));
      const claims = claimsFor(role, { orgId: SUPPLIER_ORG });

      // Act
      const result = await call(routeId, claims);

      // Assess
      const problem = expectProblem(result, 403);
      expect(problem.type).toBe('urn:ggzy-portal:problem:forbidden');
      expect(problem.detail_en).toBe('Only these roles may do this: supplier');
      expect(problem.detail_zh).toContain('supplier');
      expect(ddb.calls()).toHaveLength(0);
      expect(s3.calls()).toHaveLength(0);
      expectNoWrites();
    },
  );

  test.each([
    ['listRegistrations', 'supplier'],
    ['listRegistrations', 'expert'],
    ['listBids', 'supplier'],
    ['listBids', 'expert'],
  ] as const)('%s refuses the %s role: 403, nothing read', async (routeId, role) => {
    // Prepare
    givenItems(tenderItem(openingTender({ status: 'evaluating' })));
    clockAt(DECRYPTION_ENDS);

    // Act
    const result = await call(routeId, claimsFor(role, { orgId: ORG_A }));

    // Assess
    const problem = expectProblem(result, 403);
    expect(problem.type).toBe('urn:ggzy-portal:problem:forbidden');
    expect(problem.detail_en).toBe('Only these roles may do this: purchaser, centre');
    expect(ddb.calls()).toHaveLength(0);
    expectNoWrites();
  });

  test.each(['getOpeningRecord', 'getBidAudit'])(
    '%s refuses the expert role: 403, nothing read',
    async (routeId) => {
      // Prepare
      givenItems(tenderItem(openingTender()));

      // Act
      const result = await call(routeId, claimsFor('expert', { orgId: ORG_A }));

      // Assess
      const problem = expectProblem(result, 403);
      expect(problem.detail_en).toBe('Only these roles may do this: supplier, purchaser, centre');
      expect(ddb.calls()).toHaveLength(0);
    },
  );

  test.each(Object.keys(CASES))('%s without claims is 401 with a Bearer challenge', async (routeId) => {
    // Prepare
    givenItems(tenderItem(TENDER), profileItem(), registrationItem(), bidItem(draftBid()));

    // Act
    const result = await call(routeId);

    // Assess
    const problem = expectProblem(result, 401);
    expect(problem.type).toBe('urn:ggzy-portal:problem:unauthorized');
    expect(result.headers?.['www-authenticate']).toMatch(/^Bearer /);
    expect(ddb.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('a supplier passes the gate of a supplier-only route (its own profile, 200)', async () => {
    // Prepare
    givenItems(profileItem());

    // Act
    const result = await call('getMySupplierProfile', supplier);

    // Assess
    const profile = expectJson<SupplierProfile>(result, 200);
    expect(profile).toMatchObject({ orgId: SUPPLIER_ORG, creditCode: creditCodeFor(1) });
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({
      pk: `ORG#${SUPPLIER_ORG}`,
      sk: 'SUPPLIER_PROFILE',
    });
  });

  test.each(['purchaser', 'centre'] as const)(
    'the %s role passes the gate of listRegistrations after the deadline (200)',
    async (role) => {
      // Prepare
      givenItems(tenderItem(openingTender()));
      ddb.on(QueryCommand).resolves({ Items: [registrationItem()] });
      clockAt(DEADLINE);

      // Act
      const result = await call('listRegistrations', claimsFor(role, { orgId: ORG_A }));

      // Assess
      const body = expectJson<{ items: Registration[] }>(result, 200);
      expect(body.items).toEqual([registration()]);
    },
  );
});

describe('supplier profile validation (PUT /api/suppliers/me)', () => {
  function putProfile(body: unknown) {
    return putMySupplierProfile(
      apiEvent({ method: 'PUT', route: '/api/suppliers/me', body, claims: supplier }),
      lambdaContext(),
    );
  }

  test('a credit code with a wrong check character is 400 at body.creditCode, in Chinese and English', async () => {
    // Prepare
    const valid = creditCodeFor(1);
    const wrong = `${valid.slice(0, -1)}${valid.endsWith('D') ? 'E' : 'D'}`;

    // Act
    const result = await putProfile(profileBody({ creditCode: wrong }));

    // Assess
    const problem = expectProblem(result, 400);
    expect(problem.type).toBe('urn:ggzy-portal:problem:validation');
    expect(issuePaths(problem)).toEqual(['body.creditCode']);
    const issue = problem.errors?.[0];
    expect(issue?.message_zh).toMatch(/\p{Script=Han}/u);
    expect(issue?.message_zh).toContain('统一社会信用代码');
    expect(issue?.message_zh).not.toContain(' / ');
    expect(issue?.message_en).toMatch(/credit code/i);
    expect(issue?.message_en).not.toMatch(/\p{Script=Han}/u);
    expect(ddb.calls()).toHaveLength(0);
    expectNoWrites();
  });

  test('a valid code in lower case is accepted and stored in upper case', async () => {
    // Prepare
    const code = creditCodeFor(1);
    expect(code).toMatch(/[A-Z]/);
    givenItems();
    ddb.on(PutCommand).resolves({});

    // Act
    const result = await putProfile(profileBody({ creditCode: code.toLowerCase() }));

    // Assess
    const saved = expectJson<SupplierProfile>(result, 201);
    expect(saved.creditCode).toBe(code);
    const puts = ddb.commandCalls(PutCommand);
    expect(puts).toHaveLength(1);
    const input = puts[0]!.args[0].input;
    expect(input.TableName).toBe(TABLE_NAME);
    expect(input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(input.Item).toEqual({
      pk: `ORG#${SUPPLIER_ORG}`,
      sk: 'SUPPLIER_PROFILE',
      entity: 'supplierProfile',
      version: 1,
      data: {
        ...profileBody(),
        creditCode: code,
        orgId: SUPPLIER_ORG,
        version: 1,
        updatedAt: NOW.toISOString(),
      },
    });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  test.each([
    [
      'registeredCapitalFen',
      profileBody({ registeredCapitalFen: 1_000_000_00 }),
      'body.registeredCapitalFen',
    ],
    [
      'contact.wechat',
      profileBody({ contact: { name: '李经理', phone: '0571-88880000', wechat: 'li' } }),
      'body.contact.wechat',
    ],
  ])('an unknown field (%s) is 400 at its own path, nothing written', async (_name, body, path) => {
    // Act
    const result = await putProfile(body);

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual([path]);
    const field = path.split('.').at(-1);
    expect(problem.errors?.[0]?.message_en).toBe(`Unknown field '${field}'`);
    expect(problem.errors?.[0]?.message_zh).toBe(`未知字段“${field}”`);
    expect(ddb.calls()).toHaveLength(0);
    expectNoWrites();
  });
});

describe('createBid validation (POST /api/tenders/{tenderId}/bids)', () => {
  function postBid(body: unknown) {
    return createBid(
      apiEvent({
        method: 'POST',
        route: '/api/tenders/{tenderId}/bids',
        pathParameters: tenderPath,
        body,
        claims: supplier,
      }),
      lambdaContext(),
    );
  }

  beforeEach(() => {
    // Everything a valid request would need, so only validation can refuse.
    givenItems(tenderItem(TENDER), registrationItem(), profileItem());
    ddb.on(TransactWriteCommand).resolves({});
  });

  test.each([
    ['upper-case hex', SEALED.priceCommitment.toUpperCase()],
    ['63 hex digits', SEALED.priceCommitment.slice(1)],
    ['65 hex digits', `${SEALED.priceCommitment}0`],
    ['a non-hex digit', `g${SEALED.priceCommitment.slice(1)}`],
    ['a number', 42],
  ])('a priceCommitment of %s is 400 at body.priceCommitment', async (_name, priceCommitment) => {
    // Act
    const result = await postBid(createBidBody({ priceCommitment }));

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.priceCommitment']);
    expect(problem.errors?.[0]?.message_zh).toMatch(/\p{Script=Han}/u);
    expect(problem.errors?.[0]?.message_en).toMatch(/[A-Za-z]{3}/);
    expect(ddb.calls()).toHaveLength(0);
    expectNoWrites();
  });

  test.each([
    ['an empty list', createBidBody({ documents: [] })],
    ['no documents field', (({ documents: _documents, ...rest }) => rest)(createBidBody())],
  ])('%s of documents is 400 at body.documents', async (_name, body) => {
    // Act
    const result = await postBid(body);

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.documents']);
    expect(ddb.calls()).toHaveLength(0);
    expectNoWrites();
  });

  test('a body carrying priceFen is 400 at body.priceFen: no price is ever sent before the opening', async () => {
    // Act
    const result = await postBid(createBidBody({ priceFen: PRICE_FEN }));

    // Assess
    const problem = expectProblem(result, 400);
    expect(issuePaths(problem)).toEqual(['body.priceFen']);
    expect(problem.errors?.[0]?.message_en).toBe("Unknown field 'priceFen'");
    expect(ddb.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
    expectNoWrites();
    expect(String(result.body)).not.toContain(String(PRICE_FEN));
  });

  test('the same body without priceFen is accepted (the control for the tests above)', async () => {
    // Act
    const result = await postBid(createBidBody());

    // Assess
    expectJson(result, 201);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

describe('the bid deadline at the handler level', () => {
  function postBid() {
    return call('createBid', supplier);
  }

  test('createBid exactly at the deadline is 422 deadline-passed and sends no transaction', async () => {
    // Prepare
    givenItems(tenderItem(TENDER), registrationItem(), profileItem());
    ddb.on(TransactWriteCommand).resolves({});
    clockAt(DEADLINE);

    // Act
    const result = await postBid();

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.type).toBe('urn:ggzy-portal:problem:deadline-passed');
    expect(problem.detail_zh).toContain('87号令第三十三条');
    expect(problem.detail_en).toContain('deadline has passed');
    expectNoWrites();
    expect(s3.calls()).toHaveLength(0);
  });

  test('createBid 1 s before the deadline (a URL lasts whole seconds) sends the one transaction: bid and its first event, no price', async () => {
    // Prepare
    const at = new Date(DEADLINE.getTime() - 1000);
    givenItems(tenderItem(TENDER), registrationItem(), profileItem());
    ddb.on(TransactWriteCommand).resolves({});
    clockAt(at);

    // Act
    const result = await postBid();

    // Assess
    const body = expectJson<{
      bid: Bid;
      uploads: { documentId: string; method: string; headers: Record<string, string> }[];
    }>(result, 201);
    expect(body.bid).toMatchObject({
      tenderId: TENDER_ID,
      supplierOrgId: SUPPLIER_ORG,
      status: 'draft',
      createdAt: at.toISOString(),
      priceCommitment: SEALED.priceCommitment,
    });
    const items = theTransaction();
    expect(items.map((item) => item.Put?.Item?.['entity'])).toEqual(['bid', 'bidEvent']);
    expect(items[0]?.Put?.Item?.['sk']).toBe(`BID#${body.bid.id}`);
    expect(JSON.stringify(items)).not.toContain(String(PRICE_FEN));
    expect(JSON.stringify(items)).not.toContain(SEALED.keyHex);
    expect(body.uploads).toEqual([
      expect.objectContaining({
        documentId: body.bid.documents[0]?.id,
        method: 'PUT',
        headers: expect.objectContaining({
          'x-amz-checksum-sha256': Buffer.from(SEALED_DOCUMENT.sha256, 'hex').toString('base64'),
        }),
      }),
    ]);
  });

  test('submitBid: a failed tender gate ConditionCheck is 422 deadline-passed though the handler clock was before it', async () => {
    // Prepare
    const at = new Date(DEADLINE.getTime() - 60_000);
    const gate = keys.gate(TENDER_ID, gateShardOf(SUPPLIER_ORG));
    givenItems(tenderItem(TENDER), bidItem(draftBid()), {
      ...tenderItem(TENDER),
      ...gate,
      entity: 'tenderGate',
    });
    givenUploadedCiphertext();
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled(['ConditionalCheckFailed', 'None', 'None', 'None', 'None']));
    clockAt(at);

    // Act
    const result = await call('submitBid', supplier);

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.type).toBe('urn:ggzy-portal:problem:deadline-passed');
    expect(String(result.body)).not.toContain('cancellation reasons');
    const items = theTransaction();
    expect(items[0]?.ConditionCheck).toEqual({
      TableName: TABLE_NAME,
      // The supplier's gate of the tender's K: a copy of its status and deadline (tender-gates.ts)
      Key: gate,
      ConditionExpression: '#status = :tendering AND bidDeadline > :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':tendering': 'tendering', ':now': at.toISOString() },
    });
    expect(items.slice(1).map((item) => item.Put?.Item?.['entity'] ?? item.Update?.Key?.['sk'])).toEqual([
      'bid',
      'bidEvent',
      'bidder',
    ]);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  test('withdrawBid at the deadline is 422 deadline-passed and sends no transaction', async () => {
    // Prepare
    givenItems(tenderItem(TENDER), bidItem(submittedBid()));
    clockAt(DEADLINE);

    // Act
    const result = await call('withdrawBid', supplier);

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.type).toBe('urn:ggzy-portal:problem:deadline-passed');
    expectNoWrites();
  });
});

describe('listRegistrations before the deadline (87号令第二十八条)', () => {
  test.each([
    ['a centre officer', claimsFor('centre', { orgId: 'org-trading-centre' })],
    ['the purchasing unit', claimsFor('purchaser', { orgId: ORG_A })],
  ])(
    '%s is refused with 403 citing 87号令第二十八条, and no registration is queried',
    async (_who, claims) => {
      // Prepare
      givenItems(tenderItem(TENDER));
      ddb.on(QueryCommand).resolves({ Items: [registrationItem()] });

      // Act
      const result = await call('listRegistrations', claims);

      // Assess
      const problem = expectProblem(result, 403);
      expect(problem.type).toBe('urn:ggzy-portal:problem:forbidden');
      expect(problem.detail_zh).toContain('87号令第二十八条');
      expect(problem.detail_en).toContain('87号令第二十八条');
      expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
      expect(String(result.body)).not.toContain(SUPPLIER_ORG);
      expect(String(result.body)).not.toContain('杭州测试供应商');
    },
  );

  test('1 ms before the deadline, even with the tender already marked opening, nothing is queried', async () => {
    // Prepare
    givenItems(tenderItem(openingTender()));
    ddb.on(QueryCommand).resolves({ Items: [registrationItem()] });
    clockAt(new Date(DEADLINE.getTime() - 1));

    // Act
    const result = await call('listRegistrations', claimsFor('centre', { orgId: 'org-trading-centre' }));

    // Assess
    const problem = expectProblem(result, 403);
    expect(problem.detail_zh).toContain('87号令第二十八条');
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  test('after the deadline, once opened, the registrations are queried and listed', async () => {
    // Prepare
    givenItems(tenderItem(openingTender()));
    ddb.on(QueryCommand).resolves({ Items: [registrationItem()] });
    clockAt(DEADLINE);

    // Act
    const result = await call('listRegistrations', claimsFor('centre', { orgId: 'org-trading-centre' }));

    // Assess
    const body = expectJson<{ items: Registration[] }>(result, 200);
    expect(body.items).toEqual([registration()]);
    const queries = ddb.commandCalls(QueryCommand);
    expect(queries).toHaveLength(1);
    expect(queries[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': `TENDER#${TENDER_ID}`,
      ':prefix': 'REG#',
    });
  });
});

describe('submitBid when DynamoDB fails', () => {
  beforeEach(() => {
    givenItems(tenderItem(TENDER), bidItem(draftBid()));
    givenUploadedCiphertext();
  });

  test('a plain internal error is an opaque 500 after exactly one transaction attempt', async () => {
    // Prepare
    const arn = `arn:aws:dynamodb:cn-north-1:123456789012:table/${TABLE_NAME}`;
    ddb
      .on(TransactWriteCommand)
      .rejects(new Error(`Internal failure writing BIDDER#${SUPPLIER_ORG} at ${arn}`));

    // Act
    const result = await call('submitBid', supplier);

    // Assess
    const problem: Problem = expectProblem(result, 500);
    expect(problem.type).toBe('urn:ggzy-portal:problem:internal');
    expect(problem.requestId).toBe(REQUEST_ID);
    expect(problem).not.toHaveProperty('errors');
    expect(problem).not.toHaveProperty('stack');
    const text = String(result.body);
    for (const secret of [
      'arn:',
      TABLE_NAME,
      BUCKET_NAME,
      'Internal failure',
      'BIDDER#',
      '    at ',
      '.ts:',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(logError).toHaveBeenCalledWith(
      'Unhandled error',
      expect.objectContaining({
        requestId: REQUEST_ID,
        error: expect.objectContaining({ message: expect.stringContaining('arn:aws:dynamodb') }),
      }),
    );
  });

  test('a cancellation by TransactionConflict only is retried, and the third attempt’s success is a 200 receipt', async () => {
    // Prepare
    const conflict = () => cancelled(['None', 'TransactionConflict', 'None', 'None', 'None']);
    ddb.on(TransactWriteCommand).rejectsOnce(conflict()).rejectsOnce(conflict()).resolves({});

    // Act
    const result = await call('submitBid', supplier);

    // Assess
    const receipt = expectJson<{
      bidId: string;
      submittedAt: string;
      auditHash: string;
      manifestDigest: string;
    }>(result, 200);
    expect(receipt).toMatchObject({ bidId: BID_ID, tenderId: TENDER_ID, submittedAt: NOW.toISOString() });
    expect(receipt.manifestDigest).toMatch(/^[0-9a-f]{64}$/);
    const writes = ddb.commandCalls(TransactWriteCommand);
    expect(writes.length).toBeGreaterThan(1);
    expect(writes).toHaveLength(3);
    // Every attempt is the very same transaction, so the bid lands exactly once.
    const [first, ...retries] = writes.map((write) => JSON.stringify(write.args[0].input));
    for (const retry of retries) expect(retry).toBe(first);
    const event = writes[2]!.args[0].input.TransactItems?.[2]?.Put?.Item?.['data'] as { hash: string };
    expect(receipt.auditHash).toBe(event.hash);
  });

  test('a ConditionalCheckFailed beside a conflict is not retried', async () => {
    // Prepare
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled(['None', 'ConditionalCheckFailed', 'None', 'TransactionConflict', 'None']));

    // Act
    const result = await call('submitBid', supplier);

    // Assess
    const problem = expectProblem(result, 409);
    expect(problem.type).toBe('urn:ggzy-portal:problem:conflict');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

describe('revealBid outside the decryption window', () => {
  function reveal() {
    return call('revealBid', supplier);
  }

  test('while the tender is still tendering the reveal is 422 decryption-closed, nothing read or written', async () => {
    // Prepare
    givenItems(tenderItem(TENDER), bidItem(submittedBid()));
    givenUploadedCiphertext();

    // Act
    const result = await reveal();

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.type).toBe('urn:ggzy-portal:problem:decryption-closed');
    expect(problem.detail_zh).toMatch(/\p{Script=Han}/u);
    expect(problem.detail_en).toContain('decryption window');
    expectNoWrites();
    expect(s3.calls()).toHaveLength(0);
  });

  test('at the instant the window ends the reveal is 422 decryption-closed', async () => {
    // Prepare
    givenItems(tenderItem(openingTender()), bidItem(submittedBid()));
    givenUploadedCiphertext();
    clockAt(DECRYPTION_ENDS);

    // Act
    const result = await reveal();

    // Assess
    const problem = expectProblem(result, 422);
    expect(problem.type).toBe('urn:ggzy-portal:problem:decryption-closed');
    expectNoWrites();
  });

  test('inside the window the same reveal is checked, decrypted and stored (the control)', async () => {
    // Prepare
    givenItems(tenderItem(openingTender()), bidItem(submittedBid()));
    givenUploadedCiphertext();
    ddb.on(TransactWriteCommand).resolves({});
    clockAt(new Date(DECRYPTION_ENDS.getTime() - 1));

    // Act
    const result = await reveal();

    // Assess
    const body = expectJson(result, 200);
    expect(body).toEqual({
      priceMatches: true,
      keyMatches: true,
      documentsDecrypt: true,
      documentsIntact: true,
      status: 'valid',
      reason: null,
      attempt: 1,
    });
    const items = theTransaction();
    // First the database re-checks that the window is still open, then the bid and its event
    expect(items[0]?.ConditionCheck?.ConditionExpression).toContain(
      'attribute_not_exists(recordPublishedAt)',
    );
    expect(items.slice(1).map((item) => item.Put?.Item?.['entity'])).toEqual(['bid', 'bidEvent']);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });
});
