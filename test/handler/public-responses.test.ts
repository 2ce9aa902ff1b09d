/**
 * Handler tests of every public route: each response, from realistic stored items, must parse
 * with its route's own (strict) response schema, and no response may carry a user's subject or
 * network address — public views name roles and organisations only.
 */

import { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { handler as cancelTender } from '../../functions/cancel-tender';
import { handler as getAuction } from '../../functions/get-auction';
import { handler as getOpenApi } from '../../functions/get-openapi';
import { handler as getRestrictedTenderAudit } from '../../functions/get-restricted-tender-audit';
import { handler as getTender } from '../../functions/get-tender';
import { handler as getTenderAudit } from '../../functions/get-tender-audit';
import { handler as getTenderDocument } from '../../functions/get-tender-document';
import { handler as getTenderReleases } from '../../functions/get-tender-releases';
import { handler as getTenderResult } from '../../functions/get-tender-result';
import { handler as getTenderTimeline } from '../../functions/get-tender-timeline';
import { handler as listCalendarYears } from '../../functions/list-calendar-years';
import { handler as listEnquiries } from '../../functions/list-enquiries';
import { handler as listNotices } from '../../functions/list-notices';
import { handler as listQuotes } from '../../functions/list-quotes';
import { handler as listReleases } from '../../functions/list-releases';
import { handler as listTenders } from '../../functions/list-tenders';
import { logger } from '../../shared/adapters/logger';
import { ROUTES } from '../../shared/http/routes';
import { type Actor, RestrictedAuditLogSchema } from '../../shared/schemas/audit';
import type { Award, Contract } from '../../shared/schemas/award';
import type { OpeningRecord } from '../../shared/schemas/bid';
import type { Notice } from '../../shared/schemas/notice';
import { OPERATIONS } from '../../shared/schemas/operations';
import type { Tender } from '../../shared/schemas/tender';
import { GENESIS_HASH, hashEvent, SYSTEM_ACTOR, sealEvent } from '../../shared/usecases/audit-chain';
import {
  apiEvent,
  claimsFor,
  DOCUMENT_BYTES,
  DOCUMENT_ID,
  expectJson,
  lambdaContext,
  NOW,
  ORG_A,
  prepareHandlerEnv,
  publishedTender,
  storedTenderItem,
  TENDER_ID,
} from './fixtures';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

/** The purchaser's token subject: it must appear in no public response. */
const PURCHASER_SUB = 'f00dcafe-1234-4abc-8def-00000000p001';
/** The centre staff member's subject. */
const CENTRE_SUB = 'f00dcafe-1234-4abc-8def-00000000c001';
/** The network address the purchaser acted from. */
const PURCHASER_IP = '198.51.100.77';
const SUPPLIER_ORG = 'org-supplier-hz-0001';
const BID_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z6';
const CONTRACT_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z8';
const CONTRACT_DOC_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z9';
const TRANSFER_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1ZD';
const QUOTE_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1ZE';
const ENQUIRY_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1ZF';
/** The organisation that asked: named to the centre alone (DESIGN.md section 10). */
const ASKER_NAME = '昭化区询问供应商有限公司';
const NOTICE_IDS = ['01JNB8Z3Q4R5S6T7V8W9X0Y1ZA', '01JNB8Z3Q4R5S6T7V8W9X0Y1ZB', '01JNB8Z3Q4R5S6T7V8W9X0Y1ZC'];

const purchaser: Actor = { sub: PURCHASER_SUB, orgId: ORG_A, role: 'purchaser', sourceIp: PURCHASER_IP };

/** The in-memory table behind the mocked DocumentClient: Get and Query as DynamoDB answers them. */
let table: Record<string, unknown>[] = [];

function serveTable(): void {
  ddb.on(GetCommand).callsFake(async (input: { Key: { pk: string; sk: string } }) => ({
    Item: table.find((item) => item['pk'] === input.Key.pk && item['sk'] === input.Key.sk),
  }));
  ddb.on(QueryCommand).callsFake(async (input: QueryCommandInput) => {
    const values = input.ExpressionAttributeValues ?? {};
    const pkName = input.IndexName ? String(input.ExpressionAttributeNames?.['#pk']) : 'pk';
    const skName = pkName.replace(/Pk$/, 'Sk').replace(/^pk$/, 'sk');
    const prefix = typeof values[':prefix'] === 'string' ? values[':prefix'] : '';
    const items = table
      .filter((item) => item[pkName] === values[':pk'] && String(item[skName] ?? '').startsWith(prefix))
      .sort((a, b) => String(a[skName]).localeCompare(String(b[skName])));
    return { Items: input.ScanIndexForward === false ? items.reverse() : items };
  });
}

/** A notice as the repository stores it. */
function noticeItem(notice: Notice): Record<string, unknown> {
  return {
    pk: `TENDER#${notice.tenderId}`,
    sk: `NOTICE#${String(notice.seq).padStart(8, '0')}`,
    entity: 'notice',
    noticeType: notice.type,
    feedPk: 'FEED#NOTICE',
    feedSk: `${notice.publishedAt}#${notice.id}`,
    data: notice,
  };
}

/** A completed tender with its whole public history, as the adapters store it. */
function givenCompletedTender(): void {
  const base = publishedTender();
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
  const steps: { type: string; actor: Actor; data: Record<string, unknown> }[] = [
    { type: 'tender.created', actor: purchaser, data: {} },
    { type: 'tender.published', actor: purchaser, data: { fromStatus: 'draft', toStatus: 'tendering' } },
    { type: 'tender.opened', actor: SYSTEM_ACTOR, data: { fromStatus: 'tendering', toStatus: 'opening' } },
    { type: 'tender.awarded', actor: purchaser, data: { bidId: BID_ID, toStatus: 'awarded' } },
    { type: 'contract.recorded', actor: purchaser, data: { contractId: CONTRACT_ID, toStatus: 'complete' } },
  ];
  const events: Record<string, unknown>[] = [];
  let prevHash = GENESIS_HASH;
  for (const [i, step] of steps.entries()) {
    const sealed = sealEvent({ tenderId: TENDER_ID, at: at(i), ...step }, i, prevHash);
    prevHash = sealed.hash;
    const { restricted, ...data } = sealed as typeof sealed & { restricted?: unknown };
    events.push({
      pk: `TENDER#${TENDER_ID}`,
      sk: `EVENT#${String(sealed.seq).padStart(8, '0')}`,
      entity: 'auditEvent',
      data,
      ...(restricted ? { restricted } : {}),
    });
  }
  const tender: Tender = {
    ...base,
    status: 'complete',
    version: steps.length,
    noticeCount: 3,
    createdBy: PURCHASER_SUB,
    lastEventHash: prevHash,
  };
  const notice = (seq: number, type: Notice['type'], typeLabel: string, body: Record<string, unknown>) => ({
    id: NOTICE_IDS[seq - 1] as string,
    tenderId: TENDER_ID,
    seq,
    type,
    typeLabel,
    title: `${tender.content.title}${typeLabel}`,
    publishedAt: at(seq),
    purchasingUnitName: tender.content.purchasingUnitName,
    tradeType: tender.content.tradeType,
    category: tender.content.category,
    method: tender.content.method,
    body,
  });
  const openingRecord: OpeningRecord = {
    tenderId: TENDER_ID,
    bidDeadline: tender.content.timeline.bidDeadline,
    decryptionEndsAt: at(1),
    confirmationEndsAt: at(2),
    publishedAt: at(1),
    entries: [
      {
        bidId: BID_ID,
        supplierOrgId: SUPPLIER_ORG,
        supplierName: '华信办公设备有限公司',
        supplierScale: 'small',
        priceFen: 318_000_000,
        status: 'valid',
        reason: null,
        reasonLabel: null,
        revealedAt: at(1),
        receiptDigest: 'b'.repeat(64),
        bidChainHead: 'c'.repeat(64),
      },
    ],
    validCount: 1,
    responses: [],
  };
  const award: Award = {
    tenderId: TENDER_ID,
    bidId: BID_ID,
    supplierOrgId: SUPPLIER_ORG,
    supplierName: '华信办公设备有限公司',
    supplierScale: 'small',
    dealAmountFen: 318_000_000,
    candidateRank: 1,
    deemed: false,
    awardedAt: at(3),
    awardedBy: PURCHASER_SUB,
    reportAt: at(2),
    resultNoticeDueBy: at(3000),
    resultNoticeAt: at(3),
    lateNotice: false,
    contractDueBy: at(40_000),
  };
  const contract: Contract = {
    tenderId: TENDER_ID,
    id: CONTRACT_ID,
    amountFen: 318_000_000,
    signedOn: '2025-03-10',
    document: {
      id: CONTRACT_DOC_ID,
      fileName: '合同.pdf',
      sha256: 'a'.repeat(64),
      size: 1024,
      verified: true,
    },
    recordedAt: at(4),
    recordedBy: PURCHASER_SUB,
    late: false,
  };
  table = [
    { ...storedTenderItem(tender), statusPk: 'STATUS#complete' },
    ...events,
    noticeItem(notice(1, 'procurement', '采购公告', { budgetFen: tender.content.budgetFen ?? null })),
    noticeItem(
      notice(2, 'result', '中标（成交）结果公告', { supplier: award.supplierName, amountFen: 318_000_000 }),
    ),
    noticeItem(notice(3, 'contract', '合同公告', { supplier: award.supplierName, amountFen: 318_000_000 })),
    { pk: `TENDER#${TENDER_ID}`, sk: 'OPENING', entity: 'openingRecord', data: openingRecord },
    { pk: `TENDER#${TENDER_ID}`, sk: 'AWARD', entity: 'award', data: award },
    { pk: `TENDER#${TENDER_ID}`, sk: 'CONTRACT', entity: 'contract', data: contract },
    ...liveTransferItems(base, at),
    {
      pk: `TENDER#${TENDER_ID}`,
      sk: `ENQUIRY#${ENQUIRY_ID}`,
      entity: 'enquiry',
      version: 2,
      data: {
        id: ENQUIRY_ID,
        tenderId: TENDER_ID,
        question: '第三章技术参数中的“不低于”是否含本数？',
        askedAt: at(1),
        answerDueOn: '2025-03-05',
        answerDueAt: '2025-03-05T15:59:59.999Z',
        askerOrgId: SUPPLIER_ORG,
        askerName: ASKER_NAME,
        answer: { text: '含本数。', answeredAt: at(2), correctionNoticeId: null, late: false },
        version: 2,
      },
    },
  ];
}

/** A live listing (网上挂牌) with one accepted quote, as the adapters store it. */
function liveTransferItems(base: Tender, at: (minutes: number) => string): Record<string, unknown>[] {
  const { budgetFen: _budget, ...content } = base.content;
  const transfer: Tender = {
    ...base,
    id: TRANSFER_ID,
    createdBy: PURCHASER_SUB,
    content: {
      ...content,
      tradeType: 'landUseRights',
      method: 'listing',
      evaluation: { method: 'highestPrice', criteria: [] },
      transfer: {
        subject: {
          kind: 'land',
          parcelNo: 'G-01',
          location: '区东片区',
          areaSquareMetres: 1000,
          use: '住宅',
          termYears: 70,
          planning: '',
        },
        startPriceFen: 1_000_000_000,
        incrementFen: 10_000_000,
        depositFen: 200_000_000,
        reserveCommitment: 'd'.repeat(64),
        bidding: {},
      },
    },
    auction: {
      currentPriceFen: 1_000_000_000,
      leaderBidderNo: '314159',
      quoteCount: 1,
      lastQuoteAt: at(1),
      listingFrom: at(0),
      listingUntil: at(60 * 24 * 10),
      countdownFrom: null,
      countdownUntil: null,
      lateBidders: [],
    },
  };
  return [
    storedTenderItem(transfer),
    {
      pk: `TENDER#${TRANSFER_ID}`,
      sk: 'QUOTE#00000001',
      entity: 'quote',
      data: {
        id: QUOTE_ID,
        seq: 1,
        bidderNo: '314159',
        amountFen: 1_000_000_000,
        at: at(1),
        phase: 'listing',
        supplierOrgId: SUPPLIER_ORG,
      },
    },
  ];
}

type Handler = (
  event: ReturnType<typeof apiEvent>,
  context: ReturnType<typeof lambdaContext>,
) => Promise<unknown>;

/** How each public route is called; a public route missing here fails the coverage test. */
const CALLS: Record<string, { handler: Handler; pathParameters?: Record<string, string> }> = {
  getOpenApi: { handler: getOpenApi as Handler },
  listTenders: { handler: listTenders as Handler },
  getTender: { handler: getTender as Handler, pathParameters: { tenderId: TENDER_ID } },
  getTenderDocument: {
    handler: getTenderDocument as Handler,
    pathParameters: { tenderId: TENDER_ID, documentId: DOCUMENT_ID },
  },
  getTenderAudit: { handler: getTenderAudit as Handler, pathParameters: { tenderId: TENDER_ID } },
  listNotices: { handler: listNotices as Handler },
  getTenderResult: { handler: getTenderResult as Handler, pathParameters: { tenderId: TENDER_ID } },
  getTenderTimeline: { handler: getTenderTimeline as Handler, pathParameters: { tenderId: TENDER_ID } },
  getTenderReleases: { handler: getTenderReleases as Handler, pathParameters: { tenderId: TENDER_ID } },
  listReleases: { handler: listReleases as Handler },
  listCalendarYears: { handler: listCalendarYears as Handler },
  getAuction: { handler: getAuction as Handler, pathParameters: { tenderId: TRANSFER_ID } },
  listQuotes: { handler: listQuotes as Handler, pathParameters: { tenderId: TRANSFER_ID } },
  listEnquiries: { handler: listEnquiries as Handler, pathParameters: { tenderId: TENDER_ID } },
};

const PUBLIC_ROUTES = ROUTES.filter((route) => route.auth === 'public');

beforeEach(() => {
  ddb.reset();
  s3.reset();
  // The stored tender document, as published: the download re-hashes it before giving a URL
  s3.on(GetObjectCommand).callsFake(() => ({
    Body: Readable.from([Buffer.from(DOCUMENT_BYTES)]) as unknown as GetObjectCommandOutput['Body'],
  }));
  prepareHandlerEnv();
  givenCompletedTender();
  serveTable();
  const logError = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  return () => logError.mockRestore();
});

describe('public responses', () => {
  test('every public route of the route table is checked here', () => {
    // Assess
    expect(PUBLIC_ROUTES.map((route) => route.id).sort()).toEqual(Object.keys(CALLS).sort());
  });

  test.each(PUBLIC_ROUTES.map((route) => [route.id, route] as const))(
    '%s: the response parses with its own schema and names no user and no address',
    async (id, route) => {
      // Prepare
      const call = CALLS[id];
      if (!call) throw new Error(`no call for ${id}`);
      const schema = (
        OPERATIONS as Record<string, { response: { schema?: { parse: (v: unknown) => unknown } } }>
      )[id]?.response.schema;

      // Act
      const result = (await call.handler(
        apiEvent({
          method: route.method,
          route: route.path,
          ...(call.pathParameters ? { pathParameters: call.pathParameters } : {}),
        }),
        lambdaContext(),
      )) as APIGatewayProxyStructuredResultV2;
      const body = expectJson(result, 200);

      // Assess
      expect(schema, `${id} has a response schema`).toBeDefined();
      expect(() => schema?.parse(body)).not.toThrow();
      const text = String(result.body);
      expect(text).not.toContain(PURCHASER_SUB);
      expect(text).not.toContain(CENTRE_SUB);
      expect(text).not.toContain(PURCHASER_IP);
      expect(text).not.toContain(SYSTEM_ACTOR.sub);
      // A bidder in a live transfer is known by its 竞买号 alone (福建网上交易规则第二十五条)
      if (id === 'getAuction' || id === 'listQuotes') expect(text).not.toContain(SUPPLIER_ORG);
      // The asker of an enquiry is never named in public (ProZorro hides the author too)
      if (id === 'listEnquiries') {
        expect(text).toContain('含本数');
        expect(text).not.toContain(SUPPLIER_ORG);
        expect(text).not.toContain(ASKER_NAME);
      }
    },
  );

  test('getTenderAudit: the public events re-verify from public data alone', async () => {
    // Act
    const result = (await getTenderAudit(
      apiEvent({
        method: 'GET',
        route: '/api/tenders/{tenderId}/audit',
        pathParameters: { tenderId: TENDER_ID },
      }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    const body = expectJson<{
      events: ({ hash: string; prevHash: string; actor: Record<string, unknown> } & Record<
        string,
        unknown
      >)[];
      verification: { valid: boolean };
    }>(result, 200);

    // Assess
    expect(body.verification.valid).toBe(true);
    let prev = GENESIS_HASH;
    for (const event of body.events) {
      const { hash, ...rest } = event;
      expect(event.prevHash).toBe(prev);
      expect(hashEvent(rest as Parameters<typeof hashEvent>[0])).toBe(hash);
      expect(Object.keys(event.actor).sort()).toEqual(
        event.actor['orgId'] ? ['orgId', 'restrictedDigest', 'role'] : ['restrictedDigest', 'role'],
      );
      prev = hash;
    }
  });

  test('a response schema rejects an internal field the view should not carry', () => {
    // Prepare
    const result = OPERATIONS.getTenderResult.response.schema;
    const tender = OPERATIONS.getTender.response.schema;

    // Act
    const award = result.shape.award.safeParse({ awardedBy: PURCHASER_SUB });
    const withCreator = tender.safeParse({
      ...publishedTender(),
      lastEventHash: undefined,
      createdBy: PURCHASER_SUB,
    });

    // Assess
    expect(award.success).toBe(false);
    expect(withCreator.success).toBe(false);
  });
});

describe('restricted records (电子招标投标办法第四十九条)', () => {
  test("a change records the caller's address (IPv4 on a dual-stack socket as plain IPv4) and subject apart from the hashed event", async () => {
    // Prepare
    const tender = publishedTender({ version: 2, createdBy: PURCHASER_SUB });
    table = [storedTenderItem(tender)];
    let written: TransactWriteCommandInput | undefined;
    ddb.on(TransactWriteCommand).callsFake(async (input: TransactWriteCommandInput) => {
      written = input;
      return {};
    });
    const event = apiEvent({
      method: 'POST',
      route: '/api/tenders/{tenderId}/cancel',
      pathParameters: { tenderId: TENDER_ID },
      body: { reason: '项目预算调整，终止采购' },
      claims: claimsFor('purchaser', { sub: PURCHASER_SUB }),
    });
    event.requestContext.http.sourceIp = `::ffff:${PURCHASER_IP}`;

    // Act
    const result = (await cancelTender(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;

    // Assess
    expectJson(result, 200);
    const item = written?.TransactItems?.map((t) => t.Put?.Item).find((i) => i?.['entity'] === 'auditEvent');
    expect(item?.['restricted']).toMatchObject({ sub: PURCHASER_SUB, sourceIp: PURCHASER_IP });
    expect(JSON.stringify(item?.['data'])).not.toContain(PURCHASER_SUB);
    expect(JSON.stringify(item?.['data'])).not.toContain(PURCHASER_IP);
    expect(item?.['data']?.actor).toMatchObject({ role: 'purchaser', orgId: ORG_A });
  });

  test('centre staff read every event with its restricted record, checked against its digest', async () => {
    // Act
    const result = (await getRestrictedTenderAudit(
      apiEvent({
        method: 'GET',
        route: '/api/tenders/{tenderId}/audit/restricted',
        pathParameters: { tenderId: TENDER_ID },
        claims: claimsFor('centre', { sub: CENTRE_SUB, orgId: 'org-trading-centre' }),
      }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;

    // Assess
    const body = RestrictedAuditLogSchema.parse(expectJson(result, 200));
    expect(body.verification.valid).toBe(true);
    expect(body.events.map((e) => e.restricted?.sub)).toEqual([
      PURCHASER_SUB,
      PURCHASER_SUB,
      SYSTEM_ACTOR.sub,
      PURCHASER_SUB,
      PURCHASER_SUB,
    ]);
    expect(body.events.filter((e) => e.restricted?.sourceIp === PURCHASER_IP)).toHaveLength(4);
    expect(body.events.every((e) => e.restrictedValid === true)).toBe(true);
  });

  test('the restricted view is refused to a purchasing unit, even the owner', async () => {
    // Act
    const result = (await getRestrictedTenderAudit(
      apiEvent({
        method: 'GET',
        route: '/api/tenders/{tenderId}/audit/restricted',
        pathParameters: { tenderId: TENDER_ID },
        claims: claimsFor('purchaser', { sub: PURCHASER_SUB }),
      }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(result.statusCode).toBe(403);
    expect(String(result.body)).not.toContain(PURCHASER_IP);
  });
});
