import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { z } from 'zod';
import { localDynamoClient } from '../../infra/local/local-stack';
import { createS3Client } from '../../shared/adapters/s3/document-store';
import { ENV } from '../../shared/config/env';
import { ROLES, ROUTES, type Role, type RouteSpec } from '../../shared/http/routes';
import { OPERATIONS } from '../../shared/schemas/operations';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, placeBid } from '../helpers/bidder';
import { openTenderContent } from '../helpers/fixtures';

/** How many bad requests the run sends, from a fixed seed so every run sends the same ones. */
const RUNS = 2_400;
const SEED = 20_261_201;
/** Requests in flight at once. */
const CONCURRENCY = 8;

/** Every write route of the route table. */
const WRITE_ROUTES = ROUTES.filter((route) => route.method !== 'GET');

/** A JSON value spliced into the body text as written (so -0, 1e400 and huge integers arrive as such). */
class RawJson {
  constructor(readonly text: string) {
    Object.freeze(this);
  }
}

/** A generated request, before it is made certainly bad. */
interface FuzzCase {
  route: RouteSpec;
  role: Role | 'none';
  params: Record<string, { kind: 'real' | 'raw' | 'text'; value: string }>;
  body:
    | { kind: 'none' }
    | { kind: 'text'; text: string }
    | { kind: 'value'; value: unknown }
    | { kind: 'mutated'; mutations: Mutation[] };
  contentType: string;
  headers: Record<string, string>;
}

/** One change to a route's base body: a value replaced, a key removed, or an unknown key added. */
type Mutation =
  | { op: 'replace'; pick: number; value: unknown }
  | { op: 'delete'; pick: number }
  | { op: 'unknown'; pick: number; key: string; value: unknown };

let api: ApiClient;
let tokens: Record<Role, string>;
/** Real ids by path parameter name, so handlers of existing entities are reached. */
let real: Record<string, string[]>;

beforeAll(async () => {
  api = await startTestApi();
  tokens = {
    purchaser: await api.token('purchaser', 'org-fuzz-unit'),
    supplier: '',
    expert: await api.token('expert', 'org-fuzz-expert', 'expert-fuzz-1'),
    centre: await api.token('centre', 'org-fuzz-centre'),
  };
  const draft = await api.call('POST', '/api/tenders', {
    token: tokens.purchaser,
    body: openTenderContent(api.gateway.clock.now()),
  });
  const published = await publishTender(api, tokens.purchaser);
  const supplier = await makeSupplier(api, 9101);
  tokens.supplier = supplier.token;
  const bid = await placeBid(api, supplier, published.id, 3_000_000_00);
  const expert = await api.call('POST', '/api/experts', {
    token: tokens.centre,
    body: {
      name: '模糊测试专家',
      userSub: 'expert-fuzz-1',
      specialties: ['信息技术'],
      region: '某区',
      employerOrgId: 'org-fuzz-employer',
    },
  });
  expect([draft.status, expert.status]).toEqual([201, 201]);
  real = {
    tenderId: [draft.body.id, published.id],
    bidId: [bid.bidId],
    expertId: [expert.body.id],
    documentId: published.documents.map((d) => d.id),
    year: ['2026'],
  };
}, 120_000);

afterAll(async () => {
  await api.gateway.stop();
});

/** Every item of the test's table, sorted, as stored. */
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

/** Every object of the test's bucket: key, size and ETag. */
async function listBucket(): Promise<string[]> {
  const s3 = createS3Client();
  const objects: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: String(process.env[ENV.bucketName]), ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) objects.push(`${o.Key} ${o.Size} ${o.ETag}`);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  s3.destroy();
  return objects.sort();
}

/** Path parameter names of a route template. */
function paramNames(route: RouteSpec): string[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => String(m[1]));
}

/** A rough body per route: the shape bad values are put into (it need not itself be valid). */
function baseBody(route: RouteSpec): Record<string, unknown> {
  const now = api.gateway.clock.now();
  const content = openTenderContent(now) as unknown as Record<string, unknown>;
  const hex = 'a'.repeat(64);
  const bodies: Record<string, Record<string, unknown>> = {
    createTender: content,
    checkTenderDraft: { content },
    updateTender: { title: '更新后的采购项目', sme: content['sme'], timeline: content['timeline'] },
    correctTender: {
      summary: '更正采购需求',
      bidDeadline: now.toISOString(),
      evaluation: content['evaluation'],
    },
    cancelTender: { reason: '采购需求变更' },
    addTenderDocument: { fileName: '招标文件.pdf', contentType: 'application/pdf', size: 10, sha256: hex },
    putMySupplierProfile: {
      name: '某某科技有限公司',
      creditCode: '91330100000009101X',
      scale: 'small',
      scaleDeclaredAt: '2026-01-01',
      contact: { name: '张三', phone: '13800000000' },
    },
    createBid: {
      priceCommitment: hex,
      keyCommitment: hex,
      documents: [{ fileName: '投标文件.pdf', size: 100, sha256: hex }],
    },
    revealBid: { priceFen: 100, nonce: hex, key: hex },
    respondToOpening: { decision: 'object', reason: '开标记录有误' },
    createExpert: {
      name: '专家',
      userSub: 'sub',
      specialties: ['信息技术'],
      region: '某区',
      employerOrgId: 'org',
      relations: [{ orgId: 'org', kind: 'employment', until: '2020-01-01' }],
    },
    updateExpert: { region: '某区', relations: [{ orgId: 'org', kind: 'kin' }] },
    assessExpert: {
      tenderId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      ratings: { punctuality: 5, professionalism: 5, fairness: 5 },
      violations: ['late'],
    },
    drawCommittee: { size: 5, reserveSize: 2, specialties: ['信息技术'], regions: ['某区'] },
    declareConflict: { conflict: true, detail: '曾任职于投标单位' },
    saveScoreSheet: { scores: { '01ARZ3NDEKTSV4RRFFQ69G5FAV': { c1: 10 } }, disqualify: {} },
    confirmOutliers: { note: '评分有据' },
    recordCollusionFinding: { collusive: true, reason: '两家投标文件完全相同' },
    awardTender: { bidId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', outOfOrderReason: '第一候选人放弃' },
    declareContractDocument: { fileName: '合同.pdf', sha256: hex, size: 100 },
    recordContract: {
      amountFen: 100,
      signedOn: '2026-01-01',
      document: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', fileName: '合同.pdf', sha256: hex, size: 100 },
    },
    putTarget: { projects: 10 },
    askEnquiry: { question: '第三章技术参数是否含本数？' },
    answerEnquiry: { answer: '含本数。' },
    fileChallenge: {
      subject: 'process',
      step: 'opening',
      matters: '请求重新开标并公布全部报价',
      facts: '开标记录遗漏了一家投标人的报价',
      legalBasis: '87号令第四十条',
      contact: { name: '张三', phone: '13800000000', address: '某区某路1号某大厦', postcode: '628000' },
    },
    answerChallenge: { outcome: 'upheld', reply: '经核实质疑成立，重新组织评审。', remedy: 'reEvaluate' },
  };
  return structuredClone(bodies[route.id] ?? { value: 1 });
}

/** Every object and leaf of a value, as [parent, key] pairs, for mutations to pick from. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      out.push([value, i]);
      slots(child, out);
    });
  } else if (typeof value === 'object' && value !== null && !(value instanceof RawJson)) {
    for (const [key, child] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, key]);
      slots(child, out);
    }
  }
  return out;
}

/** The objects of a value (itself included), for unknown keys to land in. */
function objectsOf(value: unknown, out: Record<string, unknown>[] = []) {
  if (Array.isArray(value)) for (const child of value) objectsOf(child, out);
  else if (typeof value === 'object' && value !== null && !(value instanceof RawJson)) {
    out.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) objectsOf(child, out);
  }
  return out;
}

/** Adds an own, enumerable key (also `__proto__`, as JSON.parse makes it). */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of a generated value (generated constants are shared between cases); RawJson kept. */
function copyValue(value: unknown): unknown {
  if (value instanceof RawJson || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyValue);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) defineKey(copy, key, copyValue(child));
  return copy;
}

function applyMutations(body: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  for (const mutation of mutations) {
    if (mutation.op === 'unknown') {
      const objects = objectsOf(body);
      defineKey(objects[mutation.pick % objects.length] ?? body, mutation.key, copyValue(mutation.value));
      continue;
    }
    const all = slots(body);
    const slot = all[mutation.pick % Math.max(1, all.length)];
    if (!slot) continue;
    const [parent, key] = slot;
    if (mutation.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else if (Array.isArray(parent)) parent[Number(key)] = copyValue(mutation.value);
    else defineKey(parent, key as string, copyValue(mutation.value));
  }
  return body;
}

/** JSON text of a value, with {@link RawJson} values spliced in verbatim. */
function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000RAW${raws.length - 1}\u0000`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0000RAW(\d+)\\u0000"/g, (_m, i: string) => String(raws[Number(i)]));
}

/** Values no field should take as they are. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    1e-200,
    5e-324,
    -5e-324,
    1e308,
    -1e308,
    new RawJson('-0'),
    new RawJson('1e400'),
    new RawJson('-1e400'),
    new RawJson('123456789012345678901234567890'),
    new RawJson('0.1e-400'),
    2 ** 53,
    -(2 ** 53) - 2,
    10.125,
    -1,
    0.001,
    null,
    true,
    [],
    {},
    [[[]]],
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\u202e\u0000',
    '😀'.repeat(3000),
    'x'.repeat(20_000),
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1999-12-31T23:59:59Z',
    '2100-01-01T00:00:01Z',
    '2026-02-30T09:30:00+08:00',
    '2026-13-01T00:00:00Z',
    '2026-01-01',
    '2026-01-01T00:00:00',
    '+275760-09-13T00:00:00Z',
    '0000-00-00',
    '9999-12-31',
    'not-a-date',
    '01ARZ3NDEKTSV4RRFFQ69G5FA',
    '../../etc/passwd',
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);

/** Keys a request body must not carry. */
const unknownKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'id',
    'status',
    'orgId',
    'version',
    'createdBy',
    '',
  ),
  fc.string({ minLength: 1, maxLength: 20 }).map((key) => `x-${key}`),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), pick: fc.nat(), value: badValue }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('unknown' as const), pick: fc.nat(), key: unknownKey, value: badValue }),
);

/** Texts that are not JSON, or not the JSON object a body must be. */
const badText = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '{"a":1}}',
    "{'a':1}",
    'NaN',
    'null',
    '[]',
    '"text"',
    '123',
    'true',
    '\ufeff{}',
    '{"__proto__":{"status":"tendering"}}',
    '{"constructor":{"prototype":{"x":1}}}',
    `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    '{"a":1e999999}',
    '\u0000',
  ),
  fc.string({ maxLength: 200 }),
);

/** A path segment that is not a valid parameter: bad escapes, over-long, unicode, odd ids. */
const badParam: fc.Arbitrary<{ kind: 'raw' | 'text'; value: string }> = fc.oneof(
  fc
    .constantFrom(
      '%zz',
      '%E0%A4%A',
      '%',
      '%%',
      '%C0%AF',
      '%FF%FE',
      '%ED%A0%80',
      '%u0041',
      '%2',
      'abc%',
      '%00',
      '%2F..%2F',
      '01ARZ3NDEKTSV4RRFFQ69G5FA%',
    )
    .map((value) => ({ kind: 'raw' as const, value })),
  fc
    .constantFrom(
      'A'.repeat(4000),
      '招标项目',
      '😀',
      '\u0000',
      '01arz3ndektsv4rrffq69g5fav',
      '01ARZ3NDEKTSV4RRFFQ69G5FAVX',
      '0',
      '-1',
      '99999999999999999999',
      '1e3',
      ' ',
      '..',
      'null',
    )
    .map((value) => ({ kind: 'text' as const, value })),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    .map((value) => ({ kind: 'text' as const, value })),
  fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/).map((value) => ({ kind: 'text' as const, value })),
);

const fuzzCase: fc.Arbitrary<FuzzCase> = fc.constantFrom(...WRITE_ROUTES).chain((route) =>
  fc.record({
    route: fc.constant(route),
    // Mostly a role the route allows, so its checks run; sometimes any role or none.
    role: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom<Role | 'none'>(...(route.auth === 'public' ? ROLES : route.auth.roles)),
      },
      { weight: 1, arbitrary: fc.constantFrom<Role | 'none'>(...ROLES, 'none') },
    ),
    params: fc.record(
      Object.fromEntries(
        paramNames(route).map((name) => [
          name,
          fc.oneof(
            { weight: 3, arbitrary: fc.nat().map((i) => ({ kind: 'real' as const, value: String(i) })) },
            { weight: 2, arbitrary: badParam },
          ),
        ]),
      ) as Record<string, fc.Arbitrary<{ kind: 'real' | 'raw' | 'text'; value: string }>>,
    ),
    body: fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .array(mutation, { minLength: 1, maxLength: 3 })
          .map((mutations) => ({ kind: 'mutated' as const, mutations })),
      },
      { weight: 2, arbitrary: badText.map((text) => ({ kind: 'text' as const, text })) },
      {
        weight: 1,
        arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'value' as const, value })),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    ),
    contentType: fc.constantFrom(
      'application/json',
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
    ),
    headers: fc.record(
      {
        'idempotency-key': fc.oneof(
          fc.stringMatching(/^[\x21-\x7e]{0,300}$/),
          fc.constantFrom('', 'a', 'x'.repeat(1000), 'fuzz-key-0001'),
        ),
        'if-match': fc.oneof(
          fc.stringMatching(/^[\x21-\x7e]{0,40}$/),
          fc.constantFrom('"1"', '"999999"', 'W/"1"', '*'),
        ),
      },
      { requiredKeys: [] },
    ),
  }),
);

/** What the gateway would decode a path segment to, or null when it cannot. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** A request ready to send: method, path, headers and body text. */
interface BadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  label: string;
}

/**
 * Builds the request, then makes sure it cannot succeed: a body that would pass the route's schema
 * gets an unknown field; a route without a body whose parameters name real entities gets a bad one.
 */
function toBadRequest(c: FuzzCase): BadRequest {
  const operation = OPERATIONS[c.route.id as keyof typeof OPERATIONS] as {
    params?: z.ZodType;
    body?: z.ZodType;
  };
  const names = paramNames(c.route);
  const segments: Record<string, string> = {};
  const decoded: Record<string, string | null> = {};
  for (const name of names) {
    const p = c.params[name] ?? { kind: 'real', value: '0' };
    const pool = real[name] ?? ['01ARZ3NDEKTSV4RRFFQ69G5FAV'];
    const segment =
      p.kind === 'real'
        ? String(pool[Number(p.value) % pool.length])
        : p.kind === 'raw'
          ? p.value
          : encodeURIComponent(p.value);
    segments[name] = segment === '' ? '%zz' : segment;
    decoded[name] = decodeSegment(segments[name]);
  }
  const paramsValid =
    Object.values(decoded).every((v) => v !== null) &&
    (!operation.params || operation.params.safeParse(decoded).success);
  const namesReal = names.length > 0 && names.every((name) => c.params[name]?.kind === 'real');

  let text: string | undefined;
  if (c.body.kind === 'text') text = c.body.text;
  else if (c.body.kind === 'value') text = toJsonText(c.body.value);
  else if (c.body.kind === 'mutated') text = toJsonText(applyMutations(baseBody(c.route), c.body.mutations));
  let contentType = c.contentType;

  if (operation.body && paramsValid) {
    // Would the server accept this body? Mirror its reading: empty is {}, non-JSON types refused.
    const isJsonType = /^application\/([\w.+-]*\+)?json\b/i.test(contentType);
    let value: unknown;
    let readable = true;
    if (text === undefined || text === '') value = {};
    else if (!isJsonType) readable = false;
    else {
      try {
        value = JSON.parse(text);
      } catch {
        readable = false;
      }
    }
    if (readable && operation.body.safeParse(value).success) {
      const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
      text = toJsonText({ ...(object as object), 'x-fuzz-unknown': true });
      contentType = 'application/json';
    }
  } else if (!operation.body && paramsValid && (namesReal || names.length === 0)) {
    // No body to spoil: spoil the first parameter (every bodiless write route has one).
    const first = names[0] ?? 'tenderId';
    segments[first] = '%E0%A4%A';
  }

  const path = c.route.path.replace(/\{(\w+)\}/g, (_m, name: string) => String(segments[name]));
  const headers: Record<string, string> = { ...c.headers };
  if (text !== undefined) headers['content-type'] = contentType;
  if (c.role !== 'none') headers['authorization'] = `Bearer ${tokens[c.role]}`;
  return {
    method: c.route.method,
    path,
    headers,
    body: text,
    label: `${c.route.method} ${c.route.path} as ${c.role}`,
  };
}

/** One response, as the test judges it. */
interface Outcome {
  request: BadRequest;
  status: number;
  contentType: string;
  body: Record<string, unknown> | null;
}

async function send(request: BadRequest): Promise<Outcome> {
  const response = await fetch(`${api.gateway.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const text = await response.text();
  let body: Record<string, unknown> | null = null;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = null;
  }
  return { request, status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/** Why an outcome breaks the contract, or null when it keeps it. */
function judge(outcome: Outcome): string | null {
  if (outcome.status >= 500) return `answered ${outcome.status}`;
  if (outcome.status < 400) return `answered ${outcome.status} to a bad request`;
  if (!outcome.contentType.includes('application/problem+json')) return `content-type ${outcome.contentType}`;
  const body = outcome.body ?? {};
  for (const field of ['detail_zh', 'detail_en', 'title_zh', 'title_en']) {
    const value = body[field];
    if (typeof value !== 'string' || value.trim() === '') return `no ${field}`;
  }
  return null;
}

describe('fuzzing every write route with bad requests (local gateway, DynamoDB Local + s3rver)', () => {
  it(`${RUNS} generated bad requests: none answers ≥ 500, each is a bilingual problem, and nothing is stored`, async () => {
    // Prepare
    const cases = fc.sample(fuzzCase, { seed: SEED, numRuns: RUNS });
    const requests = cases.map(toBadRequest);
    const tableBefore = await scanTable();
    const bucketBefore = await listBucket();

    // Act
    const outcomes: Outcome[] = [];
    for (let i = 0; i < requests.length; i += CONCURRENCY) {
      outcomes.push(...(await Promise.all(requests.slice(i, i + CONCURRENCY).map(send))));
    }
    const tableAfter = await scanTable();
    const bucketAfter = await listBucket();

    // Assess
    const broken = outcomes
      .map((outcome) => ({ outcome, why: judge(outcome) }))
      .filter((entry) => entry.why !== null)
      .map(({ outcome, why }) => ({
        why,
        request: `${outcome.request.label}: ${outcome.request.method} ${outcome.request.path.slice(0, 120)}`,
        body: outcome.request.body?.slice(0, 300),
        answer: JSON.stringify(outcome.body)?.slice(0, 300),
      }));
    expect(new Set(requests.map((r) => r.label.split(' as ')[0])).size).toBe(WRITE_ROUTES.length);
    expect(outcomes).toHaveLength(RUNS);
    expect(broken.slice(0, 10)).toEqual([]);
    expect(broken).toHaveLength(0);
    expect(tableAfter).toEqual(tableBefore);
    expect(bucketAfter).toEqual(bucketBefore);
    // The run reached the handlers, not only the gateway: most answers are the handlers' 400s.
    const byHandlers = outcomes.filter(
      (o) =>
        String(o.body?.['type'] ?? '').startsWith('urn:ggzy-portal:problem:') &&
        !String(o.body?.['type']).includes('gateway'),
    );
    expect(byHandlers.length).toBeGreaterThan(RUNS / 2);
  }, 180_000);
});
