/**
 * Challenges (质疑, 财政部令第94号) through the local gateway on DynamoDB Local and s3rver: who may
 * challenge (第十一条), the 7-working-day window per subject on the working-day calendar
 * (政府采购法第五十二条; 实施条例第五十三条; 94号令第十条), the 7-working-day answer (第十三条), the
 * answer's content (第十五条, 第十六条), and the contract held while a challenge may affect the result
 * (实施条例第五十四条). One tender is played from publication to the contract; the dev clock only
 * moves forward, so the tests run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CALENDAR } from '../../infra/local/calendar-fixture-2027';
import { chinaDate, periodEnd } from '../../shared/domain/calendar';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi, uploadTo } from '../helpers/api';
import { makeSupplier, type PlacedBid, playToEvaluation, type TestSupplier } from '../helpers/bidder';
import { addExperts, playToAwarding } from '../helpers/evaluation';
import { chinaMorning, sha256 } from '../helpers/fixtures';

const SPECIALTY = 'A02-办公设备';
const CONTACT = {
  name: '王经理',
  phone: '0839-5550001',
  address: '广元市昭化区元坝镇建设路1号',
  postcode: '628017',
};

let api: ApiClient;
let purchaser: string;
let centre: string;
let a: TestSupplier;
let b: TestSupplier;
let c: TestSupplier;
let outsider: TestSupplier;
let tender: Tender;
let bids: PlacedBid[];

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-challenge-unit');
  centre = await api.token('centre', 'org-trading-centre');
  a = await makeSupplier(api, 711);
  b = await makeSupplier(api, 712);
  c = await makeSupplier(api, 713);
  outsider = await makeSupplier(api, 714);
  // Friday 8 January 2027: the deadline falls on 2 February, the award on Friday 5 February
  clockTo(chinaMorning('2027-01-08').toISOString());
  tender = await publishTender(api, purchaser);
});

afterAll(async () => {
  await api.gateway.stop();
});

/** Moves the dev clock forward to an instant (never back). */
function clockTo(instant: string): void {
  const target = new Date(instant);
  expect(target.getTime()).toBeGreaterThan(api.gateway.clock.now().getTime());
  api.gateway.clock.set(target);
}

/** A challenge letter (94号令第十二条) about a subject. */
function letter(subject: 'documents' | 'process' | 'result', extra: Record<string, unknown> = {}) {
  return {
    subject,
    matters: '请求撤销中标结果并重新评审，理由见事实依据。',
    facts: '第一中标候选人的业绩证明与招标文件要求的类似项目不符。',
    legalBasis: '87号令第六十三条',
    contact: CONTACT,
    ...extra,
  };
}

function file(supplier: TestSupplier, body: unknown) {
  return api.call('POST', `/api/tenders/${tender.id}/challenges`, { token: supplier.token, body });
}

function answer(challengeId: string, body: unknown) {
  return api.call('POST', `/api/tenders/${tender.id}/challenges/${challengeId}/answer`, {
    token: purchaser,
    body,
  });
}

describe('challenges (94号令)', () => {
  let documentsChallenge: string;

  it('a supplier that obtained the documents may challenge them; one that did not may not (第十一条)', async () => {
    // Prepare: A registers (obtains the documents)
    const registered = await api.call('POST', `/api/tenders/${tender.id}/registrations`, { token: a.token });

    // Act
    const filed = await file(a, letter('documents', { matters: '技术参数指向特定品牌，请求修改采购文件。' }));
    const refused = await file(outsider, letter('documents'));
    const incomplete = await file(a, letter('process'));
    const publicAudit = await api.call('GET', `/api/tenders/${tender.id}/audit`);

    // Assess
    expect(registered.status).toBeLessThan(300);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    documentsChallenge = filed.body.id;
    // The documents were available until documentsUntil; the window runs 7 working days from that day
    const documentsEnd = chinaDate(new Date(tender.content.timeline.documentsUntil));
    expect(filed.body.window).toEqual({
      startDay: documentsEnd,
      basis: '采购文件公告期限届满之日',
      lastDay: periodEnd(documentsEnd, 7, 'workingDays', TEST_CALENDAR),
    });
    expect(filed.body).toMatchObject({ status: 'pending', blocksContract: true, supplierName: a.name });
    expect(refused.status).toBe(403);
    expect(refused.body.detail_zh).toContain('94号令第十一条');
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors[0].path).toBe('body.step');
    // Before the deadline no potential bidder is named in public (87号令第二十八条)
    const text = JSON.stringify(publicAudit.body);
    expect(text).toContain('challenge.filed');
    expect(text).not.toContain(a.orgId);
    expect(text).not.toContain(a.name);
  });

  it('the purchasing unit answers with 第十五条’s content; an answer needs its remedy when upheld (第十六条)', async () => {
    // Act
    const noRemedy = await answer(documentsChallenge, {
      outcome: 'upheld',
      reply: '质疑成立，将修改采购文件。',
    });
    const answered = await answer(documentsChallenge, {
      outcome: 'rejected',
      reply: '技术参数系通用标准，三个以上品牌均可满足，质疑不成立。您可依法向财政部门投诉。',
    });
    const twice = await answer(documentsChallenge, { outcome: 'rejected', reply: '再次答复，质疑不成立。' });
    const stranger = await api.call(
      'POST',
      `/api/tenders/${tender.id}/challenges/${documentsChallenge}/answer`,
      {
        token: await api.token('purchaser', 'org-other-unit'),
        body: { outcome: 'rejected', reply: '不是我的项目，不能答复。' },
      },
    );

    // Assess
    expect(noRemedy.status).toBe(400);
    expect(noRemedy.body.errors[0].path).toBe('body.remedy');
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'answered',
      blocksContract: false,
      answer: {
        outcome: 'rejected',
        late: false,
        answeredBy: tender.content.purchasingUnitName,
        remedy: null,
      },
    });
    expect(twice.status).toBe(409);
    expect(stranger.status).toBe(403);
  });

  it('a result published on the Friday before the Spring Festival: the last day accepted, the next refused with the date', async () => {
    // Prepare: bidding, opening, evaluation, then the award on Friday 5 February 2027
    const pool = await addExperts(api, centre, SPECIALTY, 1, 5);
    bids = await playToEvaluation(api, tender, [
      { supplier: a, priceFen: 318_000_000 },
      { supplier: b, priceFen: 325_000_000 },
      { supplier: c, priceFen: 309_900_000 },
    ]);
    await playToAwarding(api, centre, pool, tender.id, SPECIALTY, bids);
    clockTo(chinaMorning('2027-02-05').toISOString());
    const awarded = await api.call('POST', `/api/tenders/${tender.id}/award`, {
      token: purchaser,
      body: { bidId: bids[2]?.bidId },
    });
    expect(awarded.status, JSON.stringify(awarded.body)).toBeLessThan(300);

    // Act: the notice runs 1 working day (ends Mon 15 Feb, 87号令第六十九条); 7 working days from
    // then: 16, 17, 18, 19, Sun 21 (a make-up working day), 22, 23 February
    clockTo('2027-02-23T15:59:59.000Z');
    const lastDay = await file(b, letter('result'));
    clockTo('2027-02-23T16:00:00.500Z');
    const dayAfter = await file(a, letter('result'));

    // Assess
    expect(lastDay.status, JSON.stringify(lastDay.body)).toBe(201);
    expect(lastDay.body.window).toEqual({
      startDay: '2027-02-15',
      basis: '中标（成交）结果公告期限届满之日',
      lastDay: '2027-02-23',
    });
    // Received on the 23rd (Beijing): the answer is due 7 working days later, 4 March
    expect(lastDay.body.answerDueOn).toBe('2027-03-04');
    expect(dayAfter.status).toBe(422);
    expect(dayAfter.body.errors[0]).toMatchObject({ rule: 'challenge.period' });
    expect(dayAfter.body.errors[0].citation).toContain('94号令第十条');
    expect(dayAfter.body.detail_zh).toContain('质疑期已于 2027-02-23 届满');
  });

  it('holds the contract while the result challenge is open, then records it once answered (实施条例第五十四条)', async () => {
    // Prepare
    const list = await api.call('GET', `/api/tenders/${tender.id}/challenges`, { token: purchaser });
    const open = list.body.items.find((item: { subject: string }) => item.subject === 'result');
    const text = '合同正文：甲方某区政务服务中心，乙方……';
    const declared = await api.call('POST', `/api/tenders/${tender.id}/contract/document`, {
      token: purchaser,
      body: { fileName: '政府采购合同.pdf', sha256: sha256(text), size: Buffer.byteLength(text) },
    });
    await uploadTo(declared.body.upload, text);
    const contract = {
      amountFen: 309_900_000,
      signedOn: '2027-02-24',
      document: {
        id: declared.body.documentId,
        fileName: '政府采购合同.pdf',
        sha256: sha256(text),
        size: Buffer.byteLength(text),
      },
    };

    // Act
    const held = await api.call('POST', `/api/tenders/${tender.id}/contract`, {
      token: purchaser,
      body: contract,
    });
    const answered = await answer(open.id, {
      outcome: 'rejected',
      reply: '经原评标委员会复核，第一中标候选人业绩符合要求，质疑不成立。',
      committeeAssisted: true,
    });
    const recorded = await api.call('POST', `/api/tenders/${tender.id}/contract`, {
      token: purchaser,
      body: contract,
    });

    // Assess
    expect(list.body).toMatchObject({ pending: 1, overdue: 0 });
    expect(held.status).toBe(422);
    expect(held.body.errors[0]).toMatchObject({
      rule: 'challenge.contract-hold',
      citation: '实施条例第五十四条',
    });
    expect(held.body.detail_zh).toContain('尚未答复');
    expect(answered.body.answer).toMatchObject({ committeeAssisted: true, outcome: 'rejected' });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  });

  it('shows each party what it may read: the unit and the centre all, a bidder its own and the answered ones', async () => {
    // Act
    const views = {
      unit: await api.call('GET', `/api/tenders/${tender.id}/challenges`, { token: purchaser }),
      centre: await api.call('GET', `/api/tenders/${tender.id}/challenges`, { token: centre }),
      c: await api.call('GET', `/api/tenders/${tender.id}/challenges`, { token: c.token }),
      outsider: await api.call('GET', `/api/tenders/${tender.id}/challenges`, { token: outsider.token }),
      anonymous: await api.call('GET', `/api/tenders/${tender.id}/challenges`),
      otherUnit: await api.call('GET', `/api/tenders/${tender.id}/challenges`, {
        token: await api.token('purchaser', 'org-other-unit'),
      }),
    };

    // Assess
    expect(views.unit.body.items).toHaveLength(2);
    expect(views.centre.body.items).toHaveLength(2);
    // C took part and the deadline has passed: it reads both answers (94号令第十三条)
    expect(views.c.body.items.map((i: { supplierName: string }) => i.supplierName).sort()).toEqual(
      [a.name, b.name].sort(),
    );
    expect(views.outsider.body.items).toEqual([]);
    expect(views.anonymous.status).toBe(401);
    expect(views.otherUnit.status).toBe(403);
  });
});
