/**
 * Event fixtures for handler tests: API Gateway HTTP API (payload v2) events, a Lambda context,
 * JWT claims as the HTTP API's JWT authorizer passes them, and tenders as the DynamoDB adapter
 * stores them.
 *
 * Why here: every handler test drives the full middy chain with the same shapes of input.
 */
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { expect } from 'vitest';
import { overrideDeps, resetDeps } from '../../shared/adapters/deps';
import { provideS3DocumentStore } from '../../shared/adapters/s3/provide';
import { fixedClock } from '../../shared/domain/clock';
import type { HttpMethod, Role } from '../../shared/http/routes';
import type { Tender, TenderContent, TenderDocument } from '../../shared/schemas/tender';
import { openTenderContent, sha256 } from '../helpers/fixtures';

/** A table name distinctive enough to spot if it ever leaks into a response. */
export const TABLE_NAME = 'ggzy-secret-table-name';
/** The bucket name the handlers get. */
export const BUCKET_NAME = 'ggzy-secret-bucket-name';

/** The fixed "now" of every handler test: Monday 2025-03-03, 10:00 Beijing time. */
export const NOW = new Date('2025-03-03T10:00:00+08:00');

/** Organisation of the tenders under test. */
export const ORG_A = 'org-a-procurement-centre';
/** Another purchasing unit. */
export const ORG_B = 'org-b-water-bureau';

/** ULIDs used as fixed ids. */
export const TENDER_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z2';
export const OTHER_TENDER_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z3';
export const DOCUMENT_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z4';
export const NOTICE_ID = '01JNB8Z3Q4R5S6T7V8W9X0Y1Z5';

/** The bytes of the one tender document, and their digest. */
export const DOCUMENT_BYTES = Buffer.from('%PDF-1.7 招标文件 第一册 技术要求', 'utf8');
export const DOCUMENT_SHA256 = sha256(DOCUMENT_BYTES);

/** Environment the Lambda functions get from the stack, pointed at the (mocked) real AWS SDK clients. */
export function prepareHandlerEnv(now: Date = NOW): void {
  process.env['TABLE_NAME'] = TABLE_NAME;
  process.env['BUCKET_NAME'] = BUCKET_NAME;
  delete process.env['DYNAMODB_ENDPOINT'];
  delete process.env['S3_ENDPOINT'];
  process.env['AWS_REGION'] = 'cn-north-1';
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIAHANDLERTEST00000';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'handler-test-secret-key-not-real';
  process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
  resetDeps();
  // As the context functions that touch the bucket do: the (mocked) S3 client behind the port
  provideS3DocumentStore();
  overrideDeps({ clock: fixedClock(now) });
}

/** The Lambda context the runtime passes; `awsRequestId` is what a 500 answer quotes. */
export function lambdaContext(awsRequestId = 'c0ffee00-1111-4222-8333-444455556666'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'ggzy-portal-handler-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:cn-north-1:123456789012:function:ggzy-portal-handler-test',
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: '/aws/lambda/ggzy-portal-handler-test',
    logStreamName: '2025/03/03/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** JWT claims as the HTTP API authorizer passes them (every value a string, groups as "[a b]"). */
export type Claims = Record<string, string | number | boolean | string[]>;

/** Options of {@link claimsFor}. */
export interface ClaimsOptions {
  /** Organisation; `null` leaves the `custom:orgId` claim out. */
  orgId?: string | null;
  /** Token subject. */
  sub?: string;
  /** How `cognito:groups` is passed: as API Gateway does ("[a b]") or as a JSON array. */
  groupsAs?: 'string' | 'array';
}

/** Claims of a signed-in user in the given roles. */
export function claimsFor(roles: Role | readonly Role[], options: ClaimsOptions = {}): Claims {
  const groups = typeof roles === 'string' ? [roles] : [...roles];
  const claims: Claims = {
    sub: options.sub ?? 'a1b2c3d4-0000-4000-8000-000000000001',
    iss: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_TestPool',
    token_use: 'id',
    auth_time: '1740967200',
    exp: '1740970800',
    iat: '1740967200',
    'cognito:groups': options.groupsAs === 'array' ? groups : `[${groups.join(' ')}]`,
  };
  const orgId = options.orgId === undefined ? ORG_A : options.orgId;
  if (orgId !== null) claims['custom:orgId'] = orgId;
  return claims;
}

/** What one API request carries. */
export interface ApiRequest {
  /** HTTP method. */
  method: HttpMethod;
  /** The route's path template, e.g. `/api/tenders/{tenderId}`. */
  route: string;
  /** Path parameters substituted into the template. */
  pathParameters?: Record<string, string>;
  /** Query string parameters. */
  query?: Record<string, string>;
  /** Request headers, in any case. */
  headers?: Record<string, string>;
  /** A JSON value (serialised, with a JSON content type unless one is given) or the raw body text. */
  body?: unknown;
  /** JWT claims; absent for an anonymous call. */
  claims?: Claims;
}

/** An API Gateway HTTP API (payload v2) event, with the JWT authorizer's claims when signed in. */
export function apiEvent(request: ApiRequest): APIGatewayProxyEventV2 {
  const rawPath = request.route.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = request.pathParameters?.[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = request.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: 'api.ggzy.example.cn',
    'user-agent': 'vitest-handler',
    'x-forwarded-proto': 'https',
  };
  let body: string | undefined;
  if (typeof request.body === 'string') body = request.body;
  else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, request.headers);
  if (request.claims) headers['authorization'] = 'Bearer eyJhbGciOiJSUzI1NiJ9.test.signature';
  const requestContext: APIGatewayProxyEventV2['requestContext'] = {
    accountId: '123456789012',
    apiId: 'abc123defg',
    domainName: 'api.ggzy.example.cn',
    domainPrefix: 'api',
    http: {
      method: request.method,
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.7',
      userAgent: 'vitest-handler',
    },
    requestId: 'gw-request-id-0001',
    routeKey: `${request.method} ${request.route}`,
    stage: '$default',
    time: '03/Mar/2025:02:00:00 +0000',
    timeEpoch: NOW.getTime(),
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: `${request.method} ${request.route}`,
    rawPath,
    rawQueryString,
    headers,
    requestContext,
    isBase64Encoded: false,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    ...(body !== undefined ? { body } : {}),
  };
  if (!request.claims) return event;
  const signedIn: APIGatewayProxyEventV2WithJWTAuthorizer = {
    ...event,
    requestContext: {
      ...requestContext,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: request.claims, scopes: null } },
    },
  };
  return signedIn;
}

/** One entry of a problem document's `errors` list. */
export interface ProblemIssue {
  path: string;
  message: string;
  message_zh: string;
  message_en: string;
  rule?: string;
  citation?: string;
}

/** A problem+json document as the error middleware renders it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  title_zh: string;
  title_en: string;
  detail_zh: string;
  detail_en: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemIssue[];
  [extension: string]: unknown;
}

/** Asserts the result is an RFC 9457 problem with this status, and returns it parsed. */
export function expectProblem(result: APIGatewayProxyStructuredResultV2, status: number): Problem {
  expect(result.statusCode).toBe(status);
  expect(String(result.headers?.['content-type'])).toMatch(/^application\/problem\+json\b/);
  const problem = JSON.parse(String(result.body)) as Problem;
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^urn:ggzy-portal:problem:/);
  expect(problem.title_zh).toMatch(/\p{Script=Han}/u);
  expect(problem.title_en).toMatch(/[A-Za-z]/);
  return problem;
}

/** Asserts the result is a JSON success with this status, and returns the body parsed. */
export function expectJson<T = Record<string, unknown>>(
  result: APIGatewayProxyStructuredResultV2,
  status: number,
): T {
  expect(result.statusCode, String(result.body)).toBe(status);
  expect(String(result.headers?.['content-type'])).toMatch(/^application\/json\b/);
  return JSON.parse(String(result.body)) as T;
}

/** The field paths of a problem's `errors` list. */
export function issuePaths(problem: Problem): string[] {
  return (problem.errors ?? []).map((issue) => issue.path);
}

/** A verified, active tender document. */
export function verifiedDocument(overrides: Partial<TenderDocument> = {}): TenderDocument {
  return {
    id: DOCUMENT_ID,
    fileName: '招标文件.pdf',
    contentType: 'application/pdf',
    size: DOCUMENT_BYTES.length,
    sha256: DOCUMENT_SHA256,
    status: 'verified',
    declaredAt: '2025-03-01T01:00:00.000Z',
    verifiedAt: '2025-03-01T01:05:00.000Z',
    active: true,
    ...overrides,
  };
}

/** A declared, not yet verified, active document of a draft (publishing reads its bytes back). */
export function pendingDocument(overrides: Partial<TenderDocument> = {}): TenderDocument {
  const { verifiedAt: _verifiedAt, ...doc } = verifiedDocument({ status: 'pending', ...overrides });
  return doc;
}

/** A draft of {@link ORG_A}, valid per TenderSchema, publishable at {@link NOW}. */
export function draftTender(overrides: Partial<Tender> = {}, content?: Partial<TenderContent>): Tender {
  return {
    id: TENDER_ID,
    orgId: ORG_A,
    createdBy: 'a1b2c3d4-0000-4000-8000-000000000001',
    status: 'draft',
    version: 3,
    createdAt: '2025-02-28T02:00:00.000Z',
    updatedAt: '2025-03-01T01:00:00.000Z',
    correctionCount: 0,
    noticeCount: 0,
    lastEventHash: sha256('event 3 of the draft'),
    documents: [verifiedDocument()],
    content: openTenderContent(NOW, content),
    ...overrides,
  };
}

/** A tendering (published) tender of {@link ORG_A}. */
export function publishedTender(overrides: Partial<Tender> = {}): Tender {
  return draftTender({
    status: 'tendering',
    version: 4,
    publishedAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    noticeCount: 1,
    lastEventHash: sha256('event 4: published'),
    ...overrides,
  });
}

/** A tender item as the DynamoDB adapter stores it: keys, index attributes and facets, the tender under `data`. */
export function storedTenderItem(tender: Tender): Record<string, unknown> {
  const createdAt = new Date(tender.createdAt).toISOString();
  const item: Record<string, unknown> = {
    pk: `TENDER#${tender.id}`,
    sk: 'TENDER',
    entity: 'tender',
    version: tender.version,
    status: tender.status,
    method: tender.content.method,
    category: tender.content.category,
    tradeType: tender.content.tradeType,
    ownerPk: `ORG#${tender.orgId}`,
    ownerSk: `${createdAt}#${tender.id}`,
    data: tender,
  };
  if (tender.publishedAt) {
    const publishedAt = new Date(tender.publishedAt).toISOString();
    Object.assign(item, {
      feedPk: 'FEED#TENDER',
      feedSk: `${publishedAt}#${tender.id}`,
      statusPk: `STATUS#${tender.status}`,
      statusSk: `${publishedAt}#${tender.id}`,
    });
  }
  return item;
}

/** A procurement notice item as the DynamoDB adapter stores it. */
export function storedNoticeItem(tender: Tender): Record<string, unknown> {
  const publishedAt = new Date(tender.publishedAt ?? NOW).toISOString();
  return {
    pk: `TENDER#${tender.id}`,
    sk: 'NOTICE#00000001',
    entity: 'notice',
    noticeType: 'procurement',
    feedPk: 'FEED#NOTICE',
    feedSk: `${publishedAt}#${NOTICE_ID}`,
    data: {
      id: NOTICE_ID,
      tenderId: tender.id,
      seq: 1,
      type: 'procurement',
      typeLabel: '采购公告',
      title: `${tender.content.title}采购公告`,
      publishedAt,
      purchasingUnitName: tender.content.purchasingUnitName,
      tradeType: tender.content.tradeType,
      category: tender.content.category,
      method: tender.content.method,
      body: { budgetFen: tender.content.budgetFen ?? null },
    },
  };
}
