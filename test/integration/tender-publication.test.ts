import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoClient } from '../../infra/local/local-stack';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { chinaDate } from '../../shared/domain/calendar';
import { type ApiClient, attachDocument, publishTender, startTestApi } from '../helpers/api';
import { openTenderContent, sha256 } from '../helpers/fixtures';

const DAY = 24 * 60 * 60 * 1000;

let api: ApiClient;
let purchaser: string;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-district-hospital');
});

afterAll(async () => {
  await api.gateway.stop();
});

/** Publishes one tender of the purchaser (or another token). */
function publishOne(token = purchaser, overrides = {}) {
  return publishTender(api, token, overrides);
}

describe('publication with documents (DynamoDB Local + s3rver, through the HTTP gateway)', () => {
  it('publishes a draft whose document matches its hash, then shows it in the public list and notice feed', async () => {
    // Prepare
    const now = api.gateway.clock.now();
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(now),
    });
    const bytes = '%PDF-1.7 招标文件：区政务服务中心办公设备采购';
    const doc = await attachDocument(api, purchaser, created.body.id, bytes);

    // Act
    const published = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });

    // Assess
    expect(created.status).toBe(201);
    expect(doc.uploadStatus).toBe(200);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('tendering');
    expect(published.body.documents[0]).toMatchObject({
      status: 'verified',
      sha256: sha256(bytes),
      active: true,
    });
    const list = await api.call('GET', '/api/tenders');
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(created.body.id);
    const notices = await api.call('GET', '/api/notices?type=procurement');
    const notice = notices.body.items.find((n: { tenderId: string }) => n.tenderId === created.body.id);
    expect(notice).toMatchObject({ type: 'procurement', typeLabel: '采购公告' });
    const link = await api.call('GET', `/api/tenders/${created.body.id}/documents/${doc.documentId}`);
    expect(link.status).toBe(200);
    const downloaded = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
    expect(sha256(downloaded)).toBe(sha256(bytes));
  });

  it('refuses to publish when the uploaded bytes differ from the declared hash, and changes nothing', async () => {
    // Prepare
    const now = api.gateway.clock.now();
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(now),
    });
    await attachDocument(api, purchaser, created.body.id, 'the declared bytes', {
      uploaded: 'other bytes!!!!!!!',
    });
    const before = await api.call('GET', `/api/manage/tenders/${created.body.id}`, { token: purchaser });

    // Act
    const published = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });

    // Assess
    expect(published.status).toBe(422);
    expect(published.headers.get('content-type')).toContain('application/problem+json');
    expect(published.body.type).toContain('document-mismatch');
    const after = await api.call('GET', `/api/manage/tenders/${created.body.id}`, { token: purchaser });
    expect(after.body.status).toBe('draft');
    expect(after.body.version).toBe(before.body.version);
    expect((await api.call('GET', `/api/tenders/${created.body.id}`)).status).toBe(404);
  });

  it('refuses to publish without any document, and a document never uploaded', async () => {
    // Prepare
    const now = api.gateway.clock.now();
    const bare = await api.call('POST', '/api/tenders', { token: purchaser, body: openTenderContent(now) });
    const missing = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(now),
    });
    await api.call('POST', `/api/tenders/${missing.body.id}/documents`, {
      token: purchaser,
      body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 3, sha256: sha256('abc') },
    });

    // Act
    const noDocs = await api.call('POST', `/api/tenders/${bare.body.id}/publish`, { token: purchaser });
    const notUploaded = await api.call('POST', `/api/tenders/${missing.body.id}/publish`, {
      token: purchaser,
    });

    // Assess
    expect(noDocs.status).toBe(422);
    expect(noDocs.body.type).toContain('documents-required');
    expect(notUploaded.status).toBe(422);
    expect(notUploaded.body.errors[0].message_en).toContain('has not been uploaded');
  });

  it('refuses a tender that breaks a publication rule, naming the rule and its citation (政府采购法第三十五条)', async () => {
    // Prepare: an open tender with a deadline only 10 days after the documents are issued
    const now = api.gateway.clock.now();
    const content = openTenderContent(now);
    content.timeline.bidDeadline = new Date(now.getTime() + 10 * DAY).toISOString();
    const created = await api.call('POST', '/api/tenders', { token: purchaser, body: content });
    await attachDocument(api, purchaser, created.body.id, 'doc');

    // Act
    const published = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });

    // Assess
    expect(published.status).toBe(422);
    const citations = published.body.errors.map((e: { citation: string }) => e.citation);
    expect(citations).toContain('政府采购法第三十五条');
    expect(published.body.detail_zh).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('corrections (更正公告, 87号令第二十七条)', () => {
  it('moves the deadline to at least 15 days out when a document changes fewer than 15 days before it', async () => {
    // Prepare: publish, then move the clock to 5 days before the deadline and stage a new document
    const tender = await publishOne();
    const deadline = new Date(tender.content.timeline.bidDeadline);
    await api.gateway.clock.set(new Date(deadline.getTime() - 5 * DAY));
    const doc = await attachDocument(api, purchaser, tender.id, '更正后的技术参数');
    const correctionAt = api.gateway.clock.now();

    // Act
    const corrected = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: { summary: '更正技术参数表', addDocumentIds: [doc.documentId] },
    });

    // Assess
    expect(corrected.status).toBe(200);
    const newDeadline = new Date(corrected.body.content.timeline.bidDeadline);
    expect(newDeadline.getTime() - correctionAt.getTime()).toBeGreaterThanOrEqual(15 * DAY);
    expect(corrected.body.status).toBe('tendering');
    expect(corrected.body.documents.filter((d: { active: boolean }) => d.active)).toHaveLength(2);
    const notices = await api.call('GET', '/api/notices?type=correction');
    const notice = notices.body.items.find((n: { tenderId: string }) => n.tenderId === tender.id);
    expect(notice.body).toMatchObject({ deadlineExtended: true, rule: { citation: '87号令第二十七条' } });
    expect(notice.body.bidDeadline.to).toBe(corrected.body.content.timeline.bidDeadline);
  });

  it('keeps the deadline when the change cannot affect bid preparation', async () => {
    // Prepare
    const tender = await publishOne();
    const deadline = tender.content.timeline.bidDeadline;
    await api.gateway.clock.set(new Date(new Date(deadline).getTime() - 5 * DAY));

    // Act
    const corrected = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: {
        summary: '更正联系人电话',
        description: '联系人：王工 0571-00000000',
        affectsBidPreparation: false,
      },
    });

    // Assess
    expect(corrected.status).toBe(200);
    expect(corrected.body.content.timeline.bidDeadline).toBe(new Date(deadline).toISOString());
  });

  it('refuses to change the subject of procurement in a correction', async () => {
    // Prepare
    const tender = await publishOne();

    // Act
    const corrected = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: { summary: '改名', title: '另一个项目' },
    });

    // Assess
    expect(corrected.status).toBe(400);
    expect(corrected.body.errors[0].path).toBe('body.title');
    expect(corrected.body.errors[0].message).toContain('87号令第二十七条');
  });
});

describe('optimistic locking', () => {
  it('answers 412 to an If-Match naming an old version, and changes nothing', async () => {
    // Prepare
    const now = api.gateway.clock.now();
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(now),
    });
    const etag = created.headers.get('etag') ?? '';
    await api.call('PATCH', `/api/tenders/${created.body.id}`, {
      token: purchaser,
      body: { title: '第一次修改的标题' },
      headers: { 'if-match': etag },
    });

    // Act
    const stale = await api.call('PATCH', `/api/tenders/${created.body.id}`, {
      token: purchaser,
      body: { title: '基于旧版本的修改' },
      headers: { 'if-match': etag },
    });

    // Assess
    expect(etag).toBe('"v1"');
    expect(stale.status).toBe(412);
    const current = await api.call('GET', `/api/manage/tenders/${created.body.id}`, { token: purchaser });
    expect(current.body.content.title).toBe('第一次修改的标题');
    expect(current.body.version).toBe(2);
  });

  it('lets exactly one of racing writers win each version; losers get 409 and the chain stays whole', async () => {
    // Prepare
    const now = api.gateway.clock.now();
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(now),
    });

    // Act: eight concurrent edits of the same draft
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.call('PATCH', `/api/tenders/${created.body.id}`, {
          token: purchaser,
          body: { title: `并发修改 ${i}` },
        }),
      ),
    );

    // Assess
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const wins = statuses.filter((s) => s === 200).length;
    expect(wins).toBeGreaterThanOrEqual(1);
    const current = await api.call('GET', `/api/manage/tenders/${created.body.id}`, { token: purchaser });
    expect(current.body.version).toBe(1 + wins);
    const doc = await attachDocument(api, purchaser, created.body.id, 'x');
    expect(doc.status).toBe(201);
    await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });
    const audit = await api.call('GET', `/api/tenders/${created.body.id}/audit`);
    expect(audit.body.verification.valid).toBe(true);
    expect(audit.body.events.filter((e: { type: string }) => e.type === 'tender.updated')).toHaveLength(wins);
  });
});

describe('idempotent create (Idempotency-Key)', () => {
  it('creates once for a repeated key and body, and answers the same tender', async () => {
    // Prepare
    const org = await api.token('purchaser', 'org-idempotent');
    const body = openTenderContent(api.gateway.clock.now());
    const headers = { 'idempotency-key': 'create-2026-0001' };

    // Act
    const first = await api.call('POST', '/api/tenders', { token: org, body, headers });
    const second = await api.call('POST', '/api/tenders', { token: org, body, headers });
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.call('POST', '/api/tenders', {
          token: org,
          body,
          headers: { 'idempotency-key': 'create-2026-0002' },
        }),
      ),
    );

    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
    const mine = await api.call('GET', '/api/manage/tenders?limit=100', { token: org });
    expect(mine.body.items).toHaveLength(2);
  });

  it('refuses the same key with a different body', async () => {
    // Prepare
    const org = await api.token('purchaser', 'org-idempotent-2');
    const body = openTenderContent(api.gateway.clock.now());
    await api.call('POST', '/api/tenders', {
      token: org,
      body,
      headers: { 'idempotency-key': 'same-key-0001' },
    });

    // Act
    const other = await api.call('POST', '/api/tenders', {
      token: org,
      body: { ...body, title: '另一个采购项目' },
      headers: { 'idempotency-key': 'same-key-0001' },
    });

    // Assess
    expect(other.status).toBe(409);
    const mine = await api.call('GET', '/api/manage/tenders', { token: org });
    expect(mine.body.items).toHaveLength(1);
  });
});

describe('pagination', () => {
  it('pages through more than one page of drafts, newest first, without gaps or repeats', async () => {
    // Prepare
    const org = await api.token('purchaser', 'org-paging');
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const created = await api.call('POST', '/api/tenders', {
        token: org,
        body: openTenderContent(api.gateway.clock.now(), { title: `分页测试项目 ${i}` }),
      });
      ids.push(created.body.id);
      await api.advance(1000);
    }

    // Act
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=10&cursor=${encodeURIComponent(cursor)}` : '?limit=10';
      const page = await api.call('GET', `/api/manage/tenders${query}`, { token: org });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    // Assess
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('pages the public list with a filter and rejects a forged cursor', async () => {
    // Prepare: three published tenders of one method, one of another category
    const org = await api.token('purchaser', 'org-public-paging');
    const published = [];
    for (let i = 0; i < 3; i += 1) {
      published.push(await publishOne(org));
      await api.advance(1000);
    }
    const services = await publishOne(org, {
      category: 'services',
      evaluation: {
        method: 'comprehensive',
        priceWeightPercent: 10,
        criteria: [{ name: '服务方案', maxPoints: 90 }],
      },
    });

    // Act
    const first = await api.call('GET', '/api/tenders?limit=2&category=services');
    const firstGoods = await api.call('GET', '/api/tenders?limit=2&category=goods&status=tendering');
    const next = await api.call(
      'GET',
      `/api/tenders?limit=2&category=goods&status=tendering&cursor=${encodeURIComponent(firstGoods.body.nextCursor)}`,
    );
    const forged = await api.call(
      'GET',
      `/api/tenders?cursor=${Buffer.from('{"x":1}').toString('base64url')}`,
    );

    // Assess
    expect(first.body.items.map((t: { id: string }) => t.id)).toEqual([services.id]);
    expect(firstGoods.body.items).toHaveLength(2);
    expect(
      firstGoods.body.items.every((t: { content: { category: string } }) => t.content.category === 'goods'),
    ).toBe(true);
    expect(next.body.items.length).toBeGreaterThanOrEqual(1);
    const pageIds = [...firstGoods.body.items, ...next.body.items].map((t: { id: string }) => t.id);
    expect(new Set(pageIds).size).toBe(pageIds.length);
    expect(pageIds.slice(0, 3)).toEqual(published.map((t) => t.id).reverse());
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].path).toBe('query.cursor');
    // A cursor with the right attribute names but another list's partition is a 400, not a 500
    const alien = Buffer.from(JSON.stringify({ pk: 'x', sk: 'y', feedPk: 'OTHER', feedSk: 'z' })).toString(
      'base64url',
    );
    expect((await api.call('GET', `/api/notices?cursor=${alien}`)).status).toBe(400);
    expect((await api.call('GET', `/api/ocds/releases?cursor=${alien}`)).status).toBe(400);
  });
});

describe('audit log (hash chain)', () => {
  it('verifies the chain of a published tender and detects an event edited in the table', async () => {
    // Prepare
    const tender = await publishOne();
    const intact = await api.call('GET', `/api/tenders/${tender.id}/audit`);
    const dynamo = localDynamoClient(inject('emulators').dynamo);

    // Act: an operator rewrites the reason of event 1 directly in DynamoDB
    await dynamo.send(
      new UpdateItemCommand({
        TableName: process.env['TABLE_NAME'],
        Key: { pk: { S: keys.event(tender.id, 1).pk }, sk: { S: keys.event(tender.id, 1).sk } },
        UpdateExpression: 'SET #d.#t = :t',
        ExpressionAttributeNames: { '#d': 'data', '#t': 'type' },
        ExpressionAttributeValues: { ':t': { S: 'tender.createdByAnotherUnit' } },
      }),
    );
    const tampered = await api.call('GET', `/api/tenders/${tender.id}/audit`);
    dynamo.destroy();

    // Assess
    expect(intact.body.verification).toMatchObject({ valid: true, brokenAtSeq: null });
    expect(intact.body.events.map((e: { type: string }) => e.type)).toEqual([
      'tender.created',
      'tender.documentDeclared',
      'tender.published',
    ]);
    expect(intact.body.events[1].prevHash).toBe(intact.body.events[0].hash);
    expect(tampered.body.verification).toMatchObject({ valid: false, brokenAtSeq: 1 });
  });
});

describe('cancel, tick and visibility', () => {
  it('cancels a published tender with a termination notice; a cancelled draft stays invisible', async () => {
    // Prepare
    const tender = await publishOne();
    const draft = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(api.gateway.clock.now()),
    });

    // Act
    const cancelled = await api.call('POST', `/api/tenders/${tender.id}/cancel`, {
      token: purchaser,
      body: { reason: '采购需求发生重大变化' },
    });
    const cancelledDraft = await api.call('POST', `/api/tenders/${draft.body.id}/cancel`, {
      token: purchaser,
      body: { reason: '重复立项' },
    });
    const again = await api.call('POST', `/api/tenders/${tender.id}/cancel`, {
      token: purchaser,
      body: { reason: '再次终止' },
    });

    // Assess
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelledDraft.body.status).toBe('cancelled');
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('illegal-transition');
    const notices = await api.call('GET', '/api/notices?type=termination');
    expect(notices.body.items.map((n: { tenderId: string }) => n.tenderId)).toContain(tender.id);
    expect(notices.body.items.map((n: { tenderId: string }) => n.tenderId)).not.toContain(draft.body.id);
    expect((await api.call('GET', `/api/tenders/${draft.body.id}`)).status).toBe(404);
  });

  it('moves a tender to opening when the tick runs after its bid deadline, not before', async () => {
    // Prepare
    const tender = await publishOne();
    const deadline = new Date(tender.content.timeline.bidDeadline);
    await api.gateway.clock.set(new Date(deadline.getTime() - 60_000));
    await api.tick();
    const before = await api.call('GET', `/api/tenders/${tender.id}`);

    // Act
    await api.gateway.clock.set(deadline);
    await api.tick();
    const after = await api.call('GET', `/api/tenders/${tender.id}`);

    // Assess
    expect(before.body.status).toBe('tendering');
    expect(after.body.status).toBe('opening');
    const audit = await api.call('GET', `/api/tenders/${tender.id}/audit`);
    expect(audit.body.events.at(-1)).toMatchObject({ type: 'tender.opened', actor: { role: 'system' } });
    expect(chinaDate(deadline)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keeps drafts out of every public route', async () => {
    // Prepare
    const draft = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(api.gateway.clock.now(), { title: '保密的草稿项目' }),
    });

    // Act
    const single = await api.call('GET', `/api/tenders/${draft.body.id}`);
    const audit = await api.call('GET', `/api/tenders/${draft.body.id}/audit`);
    const list = await api.call('GET', '/api/tenders?limit=100');
    const otherOrg = await api.call('GET', `/api/manage/tenders/${draft.body.id}`, {
      token: await api.token('purchaser', 'org-curious'),
    });

    // Assess
    expect(single.status).toBe(404);
    expect(audit.status).toBe(404);
    expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(draft.body.id);
    expect(otherOrg.status).toBe(404);
  });
});
