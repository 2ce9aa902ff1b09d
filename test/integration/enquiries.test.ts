/**
 * Enquiries (询问) and their answers through the local gateway on DynamoDB Local: a supplier asks
 * about a government procurement (政府采购法第五十一条), the purchasing unit answers within 3 working
 * days on the working-day calendar (实施条例第五十二条; the day asked not counted, 87号令第八十五条),
 * everyone reads the question and the answer, and nobody but the centre learns who asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type TestSupplier } from '../helpers/bidder';
import { chinaMorning } from '../helpers/fixtures';
import { loadOcdsValidators } from '../helpers/ocds-validator';
import { publishTransfer } from '../helpers/transfer';

const validators = loadOcdsValidators();

let api: ApiClient;
let purchaser: string;
let otherPurchaser: string;
let centre: string;
let asker: TestSupplier;
let other: TestSupplier;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-enquiry-unit');
  otherPurchaser = await api.token('purchaser', 'org-enquiry-other-unit');
  centre = await api.token('centre', 'org-centre');
  asker = await makeSupplier(api, 701);
  other = await makeSupplier(api, 702);
});

afterAll(async () => {
  await api.gateway.stop();
});

/** Asks a question as a supplier; fails loudly unless it is accepted. */
async function ask(tenderId: string, supplier: TestSupplier, question: string) {
  const asked = await api.call('POST', `/api/tenders/${tenderId}/enquiries`, {
    token: supplier.token,
    body: { question },
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  return asked.body as { id: string; answerDueOn: string; answerDueAt: string };
}

/** The id of the notice an audit event of this type published (the procurement or a correction notice). */
async function noticeIdOf(tenderId: string, eventType: string): Promise<string> {
  const audit = await api.call('GET', `/api/tenders/${tenderId}/audit`);
  const event = (audit.body.events as { type: string; data: { noticeIds?: string[] } }[]).findLast(
    (e) => e.type === eventType,
  );
  const id = event?.data.noticeIds?.[0];
  if (!id) throw new Error(`no notice of ${eventType}`);
  return id;
}

/** Moves the dev clock forward to an instant (never back). */
function clockTo(instant: string): void {
  const target = new Date(instant);
  expect(target.getTime()).toBeGreaterThan(api.gateway.clock.now().getTime());
  api.gateway.clock.set(target);
}

describe('enquiries (政府采购法第五十一条)', () => {
  it('publishes the question and its answer to everyone and names the asker to the centre alone', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const question = '第三章技术参数中“不低于”是否含本数？';

    // Act
    const asked = await ask(tender.id, asker, question);
    const answered = await api.call('POST', `/api/tenders/${tender.id}/enquiries/${asked.id}/answer`, {
      token: purchaser,
      body: { answer: '含本数。' },
    });
    const views = {
      public: await api.call('GET', `/api/tenders/${tender.id}/enquiries`),
      purchaser: await api.call('GET', `/api/tenders/${tender.id}/enquiries`, { token: purchaser }),
      mine: await api.call('GET', `/api/tenders/${tender.id}/my-enquiries`, { token: asker.token }),
      others: await api.call('GET', `/api/tenders/${tender.id}/my-enquiries`, { token: other.token }),
      centre: await api.call('GET', `/api/tenders/${tender.id}/enquiries/restricted`, { token: centre }),
      audit: await api.call('GET', `/api/tenders/${tender.id}/audit`),
      ocds: await api.call('GET', `/api/ocds/tenders/${tender.id}`),
    };
    const refused = {
      purchaser: await api.call('GET', `/api/tenders/${tender.id}/enquiries/restricted`, {
        token: purchaser,
      }),
      supplier: await api.call('GET', `/api/tenders/${tender.id}/enquiries/restricted`, {
        token: asker.token,
      }),
      anonymous: await api.call('GET', `/api/tenders/${tender.id}/enquiries/restricted`),
    };

    // Assess
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'answered',
      overdue: false,
      answer: { text: '含本数。', late: false },
    });
    expect(views.public.status).toBe(200);
    expect(views.public.body.items).toEqual([answered.body]);
    expect(views.public.body).toMatchObject({ pending: 0, overdue: 0 });
    expect(views.purchaser.body).toEqual(views.public.body);
    expect(views.mine.body.items.map((e: { id: string }) => e.id)).toEqual([asked.id]);
    expect(views.others.body.items).toEqual([]);
    expect(views.centre.status).toBe(200);
    expect(views.centre.body.items[0]).toMatchObject({
      id: asked.id,
      question,
      asker: { orgId: asker.orgId, name: asker.name },
    });
    // Open data: the question and then its answer as tender updates (enquiries extension), no author
    expect(views.ocds.status).toBe(200);
    expect(validators.validatePackage(views.ocds.body)).toEqual([]);
    const releases = views.ocds.body.releases as { tag: string[]; tender: { enquiries?: unknown[] } }[];
    expect(releases.map((r) => r.tag[0])).toEqual(['tender', 'tenderUpdate', 'tenderUpdate']);
    expect(releases.at(-1)?.tender.enquiries).toEqual([
      {
        id: asked.id,
        date: expect.any(String),
        description: question,
        answer: '含本数。',
        dateAnswered: answered.body.answer.answeredAt,
      },
    ]);
    // Nobody but the centre learns who asked: not the public, not the purchasing unit, not the audit log
    for (const view of [views.public, views.purchaser, views.audit, views.ocds]) {
      const text = JSON.stringify(view.body);
      expect(text).not.toContain(asker.orgId);
      expect(text).not.toContain(asker.name);
    }
    const events = views.audit.body.events as { type: string; actor: { role: string; orgId?: string } }[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['enquiry.asked', 'enquiry.answered']));
    expect(events.find((e) => e.type === 'enquiry.asked')?.actor).toEqual({
      role: 'supplier',
      restrictedDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(views.audit.body.verification).toMatchObject({ valid: true });
    expect([refused.purchaser.status, refused.supplier.status, refused.anonymous.status]).toEqual([
      403, 403, 401,
    ]);
  });

  it('an answer that changes the documents must name a correction notice of the tender (87号令第二十七条)', async () => {
    // Prepare: the procurement notice is a notice of the tender, but not a correction
    const tender = await publishTender(api, purchaser);
    const asked = await ask(tender.id, asker, '第二包的交货期能否延长至60日？');
    const answerPath = `/api/tenders/${tender.id}/enquiries/${asked.id}/answer`;

    // Act
    const procurementNoticeId = await noticeIdOf(tender.id, 'tender.published');
    const withoutNotice = await api.call('POST', answerPath, {
      token: purchaser,
      body: { answer: '交货期改为60日，见更正公告。', correctionNoticeId: procurementNoticeId },
    });
    const corrected = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: { summary: '交货期改为60日', description: '第二包交货期改为合同签订后60日内' },
    });
    const correctionNoticeId = await noticeIdOf(tender.id, 'tender.corrected');
    const withNotice = await api.call('POST', answerPath, {
      token: purchaser,
      body: { answer: '交货期改为60日，见更正公告。', correctionNoticeId },
    });
    const again = await api.call('POST', answerPath, { token: purchaser, body: { answer: '再答一次。' } });

    // Assess
    expect(withoutNotice.status).toBe(422);
    expect(withoutNotice.body.errors[0]).toMatchObject({
      path: 'body.correctionNoticeId',
      citation: '87号令第二十七条',
    });
    expect(withoutNotice.body.detail_zh).toContain('更正公告');
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(withNotice.status, JSON.stringify(withNotice.body)).toBe(200);
    expect(withNotice.body.answer).toMatchObject({ correctionNoticeId });
    expect(again.status).toBe(409);
    expect(again.body.detail_zh).toContain('已答复');
  });

  it('refuses what the law does not give: another unit answering, no profile, a blank question, a purchaser asking', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const asked = await ask(tender.id, asker, '资格条件中的“类似业绩”指哪类项目？');
    const noProfile = await api.token('supplier', 'org-supplier-without-profile');

    // Act
    const strangerAnswer = await api.call('POST', `/api/tenders/${tender.id}/enquiries/${asked.id}/answer`, {
      token: otherPurchaser,
      body: { answer: '不是我的项目。' },
    });
    const withoutProfile = await api.call('POST', `/api/tenders/${tender.id}/enquiries`, {
      token: noProfile,
      body: { question: '可以询问吗？请答复' },
    });
    const blank = await api.call('POST', `/api/tenders/${tender.id}/enquiries`, {
      token: asker.token,
      body: { question: '   ' },
    });
    const byPurchaser = await api.call('POST', `/api/tenders/${tender.id}/enquiries`, {
      token: purchaser,
      body: { question: '采购人自己能问吗？' },
    });
    const unknown = await api.call('POST', `/api/tenders/${tender.id}/enquiries/${tender.id}/answer`, {
      token: purchaser,
      body: { answer: '没有这个询问。' },
    });

    // Assess
    expect(strangerAnswer.status).toBe(403);
    expect(withoutProfile.status).toBe(422);
    expect(withoutProfile.body.detail_zh).toContain('供应商资料');
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].path).toBe('body.question');
    expect(blank.body.detail_zh).toBeTruthy();
    expect(blank.body.detail_en).toBeTruthy();
    expect(byPurchaser.status).toBe(403);
    expect(unknown.status).toBe(404);
  });

  it('counts the 3 working days over the Spring Festival: due the 3rd working day, late one second after (实施条例第五十二条)', async () => {
    // Prepare: Friday 5 February 2027, the last working day before the (test-fixture) Spring Festival
    const tender = await publishTender(api, purchaser);
    clockTo(chinaMorning('2027-02-05').toISOString());
    const onTime = await ask(tender.id, asker, '投标保证金是否接受保函？');
    const late = await ask(tender.id, other, '样品须在何时送达？');
    const unanswered = await ask(tender.id, other, '评分标准第5项如何理解？');
    const lastInstant = '2027-02-17T15:59:59.999Z'; // 23:59:59.999 Beijing on the 3rd working day

    // Act
    clockTo('2027-02-17T15:59:59.000Z');
    const answeredInTime = await api.call('POST', `/api/tenders/${tender.id}/enquiries/${onTime.id}/answer`, {
      token: purchaser,
      body: { answer: '接受银行保函。' },
    });
    const stillInTime = await api.call('GET', `/api/tenders/${tender.id}/enquiries`);
    clockTo('2027-02-17T16:00:00.500Z');
    const answeredLate = await api.call('POST', `/api/tenders/${tender.id}/enquiries/${late.id}/answer`, {
      token: purchaser,
      body: { answer: '开标前一日送达。' },
    });
    const afterDue = await api.call('GET', `/api/tenders/${tender.id}/enquiries`);
    const centreView = await api.call('GET', `/api/tenders/${tender.id}/enquiries/restricted`, {
      token: centre,
    });
    const board = await api.call('GET', '/api/rights/clocks?limit=100', { token: centre });
    const tick = ((await api.tick()) as { result: { overdueAnswers: number } }).result;
    const boardForPurchaser = await api.call('GET', '/api/rights/clocks', { token: purchaser });

    // Assess: the 6th–14th are days off; the 15th, 16th and 17th are the three working days
    for (const enquiry of [onTime, late, unanswered]) {
      expect(enquiry.answerDueOn).toBe('2027-02-17');
      expect(enquiry.answerDueAt).toBe(lastInstant);
    }
    expect(answeredInTime.body).toMatchObject({
      status: 'answered',
      overdue: false,
      answer: { late: false },
    });
    expect(stillInTime.body).toMatchObject({ pending: 2, overdue: 0 });
    expect(answeredLate.status).toBe(200);
    expect(answeredLate.body).toMatchObject({ status: 'answered', overdue: true, answer: { late: true } });
    expect(afterDue.body).toMatchObject({ pending: 1, overdue: 1 });
    const byId = new Map(afterDue.body.items.map((e: { id: string }) => [e.id, e]));
    expect(byId.get(unanswered.id)).toMatchObject({ status: 'pending', overdue: true });
    expect(byId.get(onTime.id)).toMatchObject({ overdue: false });
    expect(centreView.body).toMatchObject({ pending: 1, overdue: 1 });
    // The centre's board across tenders: answered questions leave it, the unanswered one is flagged
    const clocks = board.body.items as { id: string; overdue: boolean; kind: string; supplierName: string }[];
    expect(clocks.map((c) => c.id)).toContain(unanswered.id);
    expect(clocks.map((c) => c.id)).not.toContain(onTime.id);
    expect(clocks.map((c) => c.id)).not.toContain(late.id);
    expect(clocks.find((c) => c.id === unanswered.id)).toMatchObject({
      kind: 'enquiry',
      overdue: true,
      supplierName: other.name,
      answerDueOn: '2027-02-17',
    });
    expect(board.body.overdue).toBe(clocks.filter((c) => c.overdue).length);
    expect(tick.overdueAnswers).toBe(board.body.overdue);
    expect(boardForPurchaser.status).toBe(403);
  });
});

describe('enquiries on a rights transfer', () => {
  it('are refused: the procurement law’s answer period governs government procurement only', async () => {
    // Prepare
    const { tender: transfer } = await publishTransfer(api, purchaser);

    // Act
    const asked = await api.call('POST', `/api/tenders/${transfer.id}/enquiries`, {
      token: asker.token,
      body: { question: '宗地的净地交付时间？' },
    });

    // Assess
    expect(asked.status).toBe(422);
    expect(asked.body.errors[0]).toMatchObject({ rule: 'enquiry.answer-period' });
    expect(asked.body.detail_en).toContain('government procurement');
  });
});
