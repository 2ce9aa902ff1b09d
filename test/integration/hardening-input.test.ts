import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDocumentClient } from '../../shared/adapters/deps';
import { DynamoTenderRepository } from '../../shared/adapters/dynamodb/tender-repository';
import { ENV } from '../../shared/config/env';
import { AppError } from '../../shared/domain/errors';
import { findRule } from '../../shared/domain/rules';
import { ROUTES } from '../../shared/http/routes';
import { OPERATIONS } from '../../shared/schemas/operations';
import type { Tender } from '../../shared/schemas/tender';
import { GENESIS_HASH, sealEvent } from '../../shared/usecases/audit-chain';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier } from '../helpers/bidder';
import { daysAfter, openTenderContent } from '../helpers/fixtures';

let api: ApiClient;
let purchaser: string;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-hardening-input');
});

afterAll(async () => {
  await api.gateway.stop();
});

/** Asserts a problem+json answer with Chinese and English text. */
function expectBilingualProblem(
  response: { status: number; headers: Headers; body: unknown },
  status: number,
) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({
    status,
    title_zh: expect.stringMatching(/\S/),
    title_en: expect.stringMatching(/\S/),
    detail_zh: expect.stringMatching(/\S/),
    detail_en: expect.stringMatching(/\S/),
  });
}

/** The error paths of a problem. */
function pathsOf(body: { errors?: { path: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.path);
}

describe('numbers the store cannot hold (finding 2)', () => {
  it.each([
    ['priceDeductionPercent', 1e-200],
    ['consortiumDeductionPercent', 5e-324],
    ['priceDeductionPercent', 10.125],
  ])('POST /api/tenders with sme.%s = %s is a 400 naming the field, never a 5xx', async (field, value) => {
    // Prepare
    const content = openTenderContent(api.gateway.clock.now());
    const body = { ...content, sme: { ...content.sme, [field]: value } };

    // Act
    const response = await api.call('POST', '/api/tenders', { token: purchaser, body });

    // Assess
    expectBilingualProblem(response, 400);
    expect(pathsOf(response.body)).toContain(`body.sme.${field}`);
  });

  it('PATCH with a percentage of 1e-200 is a 400, and two decimals are kept exactly', async () => {
    // Prepare
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(api.gateway.clock.now()),
    });
    const sme = { reservedForSme: false, priceDeductionPercent: 12.25, consortiumDeductionPercent: 1e-200 };

    // Act
    const bad = await api.call('PATCH', `/api/tenders/${created.body.id}`, {
      token: purchaser,
      body: { sme },
    });
    const good = await api.call('PATCH', `/api/tenders/${created.body.id}`, {
      token: purchaser,
      body: { sme: { ...sme, consortiumDeductionPercent: 3.5 } },
    });

    // Assess
    expectBilingualProblem(bad, 400);
    expect(pathsOf(bad.body)).toContain('body.sme.consortiumDeductionPercent');
    expect(good.status).toBe(200);
    expect(good.body.content.sme).toMatchObject({
      priceDeductionPercent: 12.25,
      consortiumDeductionPercent: 3.5,
    });
  });

  it('a ValidationException the store raises on a write is a bilingual 400 ValidationError', async () => {
    // Prepare: bypass the schemas, as a future field without a bound would
    const repository = new DynamoTenderRepository(createDocumentClient(), String(process.env[ENV.tableName]));
    const at = api.gateway.clock.now().toISOString();
    const id = '01J0000000000000000000HARD';
    const event = sealEvent(
      {
        tenderId: id,
        type: 'tender.created',
        at,
        actor: { sub: 's', orgId: 'o', role: 'purchaser' },
        data: {},
      },
      0,
      GENESIS_HASH,
    );
    const content = openTenderContent(api.gateway.clock.now());
    const tender = {
      id,
      orgId: 'o',
      createdBy: 's',
      status: 'draft',
      version: 1,
      createdAt: at,
      updatedAt: at,
      correctionCount: 0,
      noticeCount: 0,
      lastEventHash: event.hash,
      documents: [],
      content: { ...content, sme: { ...content.sme, priceDeductionPercent: 1e-200 } },
    } as Tender;

    // Act
    const error = await repository.create({ tender, event }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).detail.zh).toMatch(/\S/);
    expect((error as AppError).detail.en).toMatch(/\S/);
  });
});

describe('the gateway’s own errors (finding 3)', () => {
  it.each(['%zz', '%E0%A4%A', '%'])(
    'POST /api/tenders/%s/publish is a bilingual 400, not a 500',
    async (bad) => {
      // Act
      const response = await api.call('POST', `/api/tenders/${bad}/publish`, { token: purchaser });

      // Assess
      expectBilingualProblem(response, 400);
    },
  );

  it('404, 405, 413 and bad JSON on a dev endpoint are bilingual problems', async () => {
    // Act
    const notFound = await api.call('GET', '/api/no-such-route');
    const notAllowed = await api.call('DELETE', '/api/tenders');
    const tooLarge = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    const badJson = await api.call('POST', '/api/dev/token', { body: '{"role":' });
    const badClock = await api.call('POST', '/api/dev/clock', { body: '{' });

    // Assess
    expectBilingualProblem(notFound, 404);
    expectBilingualProblem(notAllowed, 405);
    expectBilingualProblem(tooLarge, 413);
    expectBilingualProblem(badJson, 400);
    expectBilingualProblem(badClock, 400);
  });
});

describe('unknown fields (finding 4)', () => {
  it.each([
    ['id', (c: Record<string, unknown>) => ({ ...c, id: '01J00000000000000000000000' }), 'body.id'],
    ['status', (c: Record<string, unknown>) => ({ ...c, status: 'tendering' }), 'body.status'],
    ['orgId', (c: Record<string, unknown>) => ({ ...c, orgId: 'someone-else' }), 'body.orgId'],
    [
      'sme.extra',
      (c: Record<string, unknown>) => ({ ...c, sme: { ...(c['sme'] as object), extra: 1 } }),
      'body.sme.extra',
    ],
    [
      'evaluation.criteria[0].weight',
      (c: Record<string, unknown>) => {
        const evaluation = c['evaluation'] as { criteria: object[] };
        return { ...c, evaluation: { ...evaluation, criteria: [{ ...evaluation.criteria[0], weight: 1 }] } };
      },
      'body.evaluation.criteria.0.weight',
    ],
  ])('POST /api/tenders with an unknown %s is a 400 naming it', async (_name, mutate, path) => {
    // Prepare
    const body = mutate(openTenderContent(api.gateway.clock.now()) as unknown as Record<string, unknown>);

    // Act
    const response = await api.call('POST', '/api/tenders', { token: purchaser, body });

    // Assess
    expectBilingualProblem(response, 400);
    expect(pathsOf(response.body)).toContain(path);
  });

  it('"__proto__" at the top, nested, and in a correction is reported, not swallowed', async () => {
    // Prepare
    const text = JSON.stringify(openTenderContent(api.gateway.clock.now()));
    const top = `${text.slice(0, -1)},"__proto__":{"status":"tendering"}}`;
    const nested = text.replace('"timeline":{', '"timeline":{"__proto__":{"x":1},');
    const tender = await publishTender(api, purchaser);

    // Act
    const atTop = await api.call('POST', '/api/tenders', { token: purchaser, body: top });
    const atNested = await api.call('POST', '/api/tenders', { token: purchaser, body: nested });
    const inCorrection = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: '{"summary":"更正采购需求","__proto__":{"title":"x"}}',
    });

    // Assess
    expectBilingualProblem(atTop, 400);
    expect(pathsOf(atTop.body)).toContain('body.__proto__');
    expectBilingualProblem(atNested, 400);
    expect(pathsOf(atNested.body)).toContain('body.timeline.__proto__');
    expectBilingualProblem(inCorrection, 400);
    expect(pathsOf(inCorrection.body)).toContain('body.__proto__');
  });

  it('a correction naming the subject still cites 87号令第二十七条, and an unknown nested field is refused', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);

    // Act
    const subject = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: { summary: '更正标题', title: '新标题' },
    });
    const nested = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: { summary: '更正评分', evaluation: { method: 'lowestPrice', extra: true } },
    });

    // Assess
    expectBilingualProblem(subject, 400);
    expect(subject.body.errors).toContainEqual(
      expect.objectContaining({
        path: 'body.title',
        message_zh: expect.stringContaining('87号令第二十七条'),
      }),
    );
    expectBilingualProblem(nested, 400);
    expect(pathsOf(nested.body)).toContain('body.evaluation.extra');
  });

  it('every write route’s body schema is strict at every nesting level', () => {
    // Prepare
    const writes = ROUTES.filter((route) => route.method !== 'GET');

    // Act
    const loose = writes.flatMap((route) => {
      const operation = OPERATIONS[route.id as keyof typeof OPERATIONS] as { body?: z.ZodType };
      return operation.body ? findLooseObjects(operation.body, route.id) : [];
    });

    // Assess
    expect(writes.length).toBeGreaterThan(20);
    expect(loose).toEqual([]);
  });
});

/** Paths of every object schema under `schema` that does not refuse unknown keys. */
function findLooseObjects(schema: z.ZodType, at: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const walk = (child: unknown, where: string) => findLooseObjects(child as z.ZodType, where, seen);
  switch (def.type) {
    case 'object': {
      const catchall = def['catchall'] as z.ZodType | undefined;
      const strict =
        catchall !== undefined &&
        (catchall as unknown as { _zod: { def: { type: string } } })._zod.def.type === 'never';
      const shape = def['shape'] as Record<string, z.ZodType>;
      return [
        ...(strict ? [] : [at]),
        ...Object.entries(shape).flatMap(([key, child]) => walk(child, `${at}.${key}`)),
      ];
    }
    case 'array':
      return walk(def['element'], `${at}[]`);
    case 'record':
      return walk(def['valueType'], `${at}{}`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return walk(def['innerType'], at);
    case 'pipe':
      return [...walk(def['in'], at), ...walk(def['out'], at)];
    case 'union':
      return (def['options'] as z.ZodType[]).flatMap((option, i) => walk(option, `${at}|${i}`));
    case 'intersection':
      return [...walk(def['left'], at), ...walk(def['right'], at)];
    case 'lazy':
      return walk((def['getter'] as () => z.ZodType)(), at);
    default:
      return [];
  }
}

describe('instants and the longest bid period (finding 5)', () => {
  it.each(['0000-01-01T00:00:00Z', '9999-12-31T00:00:00Z', '1999-12-31T23:59:59Z', '2100-01-01T00:00:01Z'])(
    'a draft with a bid deadline of %s is a 400',
    async (instant) => {
      // Prepare
      const content = openTenderContent(api.gateway.clock.now());
      const body = { ...content, timeline: { ...content.timeline, bidDeadline: instant } };

      // Act
      const response = await api.call('POST', '/api/tenders', { token: purchaser, body });

      // Assess
      expectBilingualProblem(response, 400);
      expect(pathsOf(response.body)).toContain('body.timeline.bidDeadline');
    },
  );

  it('publication refuses a bid deadline past the centre’s longest bid period, citing the centre policy row', async () => {
    // Prepare
    const now = api.gateway.clock.now();
    const content = openTenderContent(now);
    const rule = findRule('tender.max-bid-period');
    const far = {
      ...content,
      timeline: { ...content.timeline, bidDeadline: daysAfter(now, 200).toISOString() },
    };
    const created = await api.call('POST', '/api/tenders', { token: purchaser, body: far });

    // Act
    const published = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });

    // Assess
    expect(rule).toMatchObject({ kind: 'maxPeriod', source: 'centrePolicy', count: 180, unit: 'days' });
    expect(created.status).toBe(201);
    expectBilingualProblem(published, 422);
    expect(published.body.errors).toContainEqual(
      expect.objectContaining({ path: 'timeline.bidDeadline', rule: 'tender.max-bid-period' }),
    );
  });
});

describe('idempotency records expire (finding 16)', () => {
  it('past its expiry a key is new again: the same key and body create a second tender, another body is no 409', async () => {
    // Prepare
    const key = `expiry-${Date.now()}`;
    const content = openTenderContent(api.gateway.clock.now());
    const first = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: content,
      headers: { 'idempotency-key': key },
    });
    const replay = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: content,
      headers: { 'idempotency-key': key },
    });
    await api.advance(25 * 60 * 60 * 1000);

    // Act
    const again = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: content,
      headers: { 'idempotency-key': key },
    });
    await api.advance(25 * 60 * 60 * 1000);
    const other = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: { ...content, title: '另一个采购项目名称' },
      headers: { 'idempotency-key': key },
    });

    // Assess
    expect(first.status).toBe(201);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.body.id);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(again.body.id);
    const replayOfNew = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: { ...content, title: '另一个采购项目名称' },
      headers: { 'idempotency-key': key },
    });
    expect(replayOfNew.status).toBe(200);
    expect(replayOfNew.body.id).toBe(other.body.id);
  });

  it('a bid’s Idempotency-Key also expires: after 24 hours the same key and body declare a new bid draft', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const supplier = await makeSupplier(api, 4242);
    await api.call('POST', `/api/tenders/${tender.id}/registrations`, { token: supplier.token });
    const hex = (c: string) => c.repeat(64);
    const body = {
      priceCommitment: hex('a'),
      keyCommitment: hex('b'),
      documents: [{ fileName: '投标文件.pdf', sha256: hex('c'), size: 100 }],
    };
    const send = (payload: object) =>
      api.call('POST', `/api/tenders/${tender.id}/bids`, {
        token: supplier.token,
        headers: { 'idempotency-key': 'bid-expiry-0001' },
        body: payload,
      });
    const first = await send(body);
    const replay = await send(body);
    await api.advance(25 * 60 * 60 * 1000);

    // Act
    const again = await send(body);
    await api.advance(25 * 60 * 60 * 1000);
    const other = await send({ ...body, priceCommitment: hex('d') });

    // Assess
    expect([first.status, replay.status, again.status, other.status]).toEqual([201, 200, 201, 201]);
    expect(replay.body.bid.id).toBe(first.body.bid.id);
    expect(again.body.bid.id).not.toBe(first.body.bid.id);
    expect(other.body.bid.id).not.toBe(again.body.bid.id);
  });
});
