import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type PlacedBid, playToEvaluation, type TestSupplier } from '../helpers/bidder';

let api: ApiClient;
let purchaser: string;
let centre: string;
let supplierNo = 500;

/** An expert of the pool as the test knows it. */
interface PoolExpert {
  id: string;
  userSub: string;
  token: string;
}

const SPECIALTY = 'A0201-计算机设备';

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-district-bureau');
  centre = await api.token('centre', 'org-trading-centre');
});

afterAll(async () => {
  await api.gateway.stop();
});

async function addExpert(n: number, overrides: Record<string, unknown> = {}): Promise<PoolExpert> {
  const userSub = `expert-user-${n}`;
  const created = await api.call('POST', '/api/experts', {
    token: centre,
    body: {
      name: `评审专家${n}`,
      userSub,
      specialties: [SPECIALTY],
      region: n % 2 === 0 ? '杭州市' : '宁波市',
      employerOrgId: `org-university-${n}`,
      ...overrides,
    },
  });
  if (created.status !== 201) throw new Error(`expert: ${JSON.stringify(created.body)}`);
  return { id: created.body.id, userSub, token: await api.token('expert', `org-university-${n}`, userSub) };
}

/** A tender played to evaluation with three bids: A small, B medium, C micro. */
async function tenderInEvaluation(): Promise<{ tender: Tender; bidders: TestSupplier[]; bids: PlacedBid[] }> {
  const tender = await publishTender(api, purchaser);
  const bidders: TestSupplier[] = [];
  for (const scale of ['small', 'medium', 'micro'] as const) {
    supplierNo += 1;
    bidders.push(await makeSupplier(api, supplierNo, scale));
  }
  const prices = [318_000_000, 325_000_000, 309_900_000];
  const bids = await playToEvaluation(
    api,
    tender,
    bidders.map((supplier, i) => ({ supplier, priceFen: prices[i] ?? 0 })),
  );
  return { tender, bidders, bids };
}

/** The same points from every member: A 40/15/8, B 35/18/9, C 30/20/10 on c1/c2/c3. */
function sheetFor(bids: PlacedBid[]) {
  const [a, b, c] = bids.map((bid) => bid.bidId);
  return {
    scores: {
      [a ?? '']: { c1: 40, c2: 15, c3: 8 },
      [b ?? '']: { c1: 35, c2: 18, c3: 9 },
      [c ?? '']: { c1: 30, c2: 20, c3: 10 },
    },
  };
}

describe('remote evaluation (远程异地评审) through HTTP', () => {
  let pool: PoolExpert[] = [];

  beforeAll(async () => {
    const experts: PoolExpert[] = [];
    for (let n = 1; n <= 9; n += 1) experts.push(await addExpert(n));
    pool = experts;
    // Related to the purchasing unit (employment ended a year ago): never drawn for its tenders
    await addExpert(90, {
      employerOrgId: 'org-other',
      relations: [{ orgId: 'org-district-bureau', kind: 'employment', until: '2026-01-01' }],
    });
    // Another specialty: not eligible
    await addExpert(91, { specialties: ['C1601-物业管理'] });
  });

  it('draws, declares, scores and reports: a conflict replaced from the reserve, sheets private and locked', async () => {
    // Prepare
    const { tender, bidders, bids } = await tenderInEvaluation();

    // Act: the draw
    const drawn = await api.call('POST', `/api/tenders/${tender.id}/committee`, {
      token: centre,
      body: { size: 5, reserveSize: 2, specialties: [SPECIALTY], regions: ['杭州市', '宁波市'] },
    });
    const asPurchaser = await api.call('GET', `/api/tenders/${tender.id}/committee`, { token: purchaser });
    const verification = await api.call('GET', `/api/tenders/${tender.id}/committee/verification`, {
      token: purchaser,
    });
    const members = drawn.body.members.map(
      (m: { expertId: string }) => pool.find((p) => p.id === m.expertId) as PoolExpert,
    );
    const [first, second, ...rest] = members as PoolExpert[];

    // The first member declares a conflict and is replaced by the first reserve
    const conflict = await api.call('POST', `/api/tenders/${tender.id}/evaluation/declaration`, {
      token: first?.token,
      body: { conflict: true, detail: '本人近三年曾在投标人处兼职' },
    });
    const reserve = pool.find((p) => p.id === conflict.body.replacedBy) as PoolExpert;
    const scorers = [second, ...rest, reserve] as PoolExpert[];
    const beforeDeclaring = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, {
      token: second?.token,
    });
    const scoreTooEarly = await api.call('PUT', `/api/tenders/${tender.id}/evaluation/sheet`, {
      token: second?.token,
      body: sheetFor(bids),
    });
    for (const member of scorers) {
      await api.call('POST', `/api/tenders/${tender.id}/evaluation/declaration`, {
        token: member.token,
        body: { conflict: false },
      });
    }
    // Everyone saves a draft; member 2 looks at its session
    for (const member of scorers) {
      const saved = await api.call('PUT', `/api/tenders/${tender.id}/evaluation/sheet`, {
        token: member.token,
        body: sheetFor(bids),
      });
      expect(saved.status).toBe(200);
    }
    const session = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, { token: second?.token });
    const outsider = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, { token: first?.token });
    const reportTooEarly = await api.call('GET', `/api/tenders/${tender.id}/evaluation/report`, {
      token: centre,
    });
    const submitted = [];
    let changeAfterSubmit: { status: number } | undefined;
    for (const member of scorers) {
      submitted.push(
        await api.call('POST', `/api/tenders/${tender.id}/evaluation/sheet/submit`, { token: member.token }),
      );
      // The first member to submit tries to change its locked sheet while the others still score
      changeAfterSubmit ??= await api.call('PUT', `/api/tenders/${tender.id}/evaluation/sheet`, {
        token: member.token,
        body: { scores: {} },
      });
    }
    const report = await api.call('GET', `/api/tenders/${tender.id}/evaluation/report`, { token: purchaser });
    const fullReport = await api.call('GET', `/api/tenders/${tender.id}/evaluation/report`, {
      token: centre,
    });
    const after = await api.call('GET', `/api/tenders/${tender.id}`);
    const audit = await api.call('GET', `/api/tenders/${tender.id}/audit`);
    const resultTooEarly = await api.call('GET', `/api/tenders/${tender.id}/my-result`, {
      token: bidders[0]?.token,
    });
    await api.call('POST', `/api/tenders/${tender.id}/award`, {
      token: purchaser,
      body: { bidId: bids[0]?.bidId },
    });
    const results = [];
    for (const bidder of bidders) {
      results.push(await api.call('GET', `/api/tenders/${tender.id}/my-result`, { token: bidder.token }));
    }

    // Assess: the draw
    expect(drawn.status).toBe(201);
    expect(drawn.body.members).toHaveLength(5);
    expect(drawn.body.reserves).toHaveLength(2);
    const excluded = Object.fromEntries(
      drawn.body.excluded.map((e: { expertId: string; reason: string }) => [e.expertId, e.reason]),
    );
    expect(Object.values(excluded).sort()).toEqual(['relation', 'specialty']);
    expect(JSON.stringify(asPurchaser.body)).not.toContain('评审专家');
    expect(asPurchaser.body).not.toHaveProperty('drawnBy');
    expect(drawn.body).toHaveProperty('drawnBy');
    expect(verification.body).toMatchObject({ valid: true, eligibleCount: 9 });
    // The declaration and the privacy of drafts
    expect(conflict.body).toMatchObject({ status: 'recused' });
    expect(drawn.body.reserves).toContain(reserve.id);
    expect(beforeDeclaring.body.bids[0].priceFen).toBeUndefined();
    expect(scoreTooEarly.status).toBe(403);
    expect(session.body.sheet.expertId).toBe(second?.id);
    expect(JSON.stringify(session.body)).not.toContain(rest[0]?.id ?? 'x');
    expect(outsider.status).toBe(404);
    expect(reportTooEarly.status).toBe(404);
    // Locked sheets and the report (87号令第55–58条): A 92.24, C 90.00, B 87.75 by hand (see sheetFor)
    expect(submitted.every((s) => s.status === 200)).toBe(true);
    expect(changeAfterSubmit?.status).toBe(409);
    expect(after.body.status).toBe('awarding');
    expect(
      report.body.ranking.map((line: { bidId: string; total: string }) => [line.bidId, line.total]),
    ).toEqual([
      [bids[0]?.bidId, '92.24'],
      [bids[2]?.bidId, '90.00'],
      [bids[1]?.bidId, '87.75'],
    ]);
    expect(report.body.candidates).toEqual([bids[0]?.bidId, bids[2]?.bidId, bids[1]?.bidId]);
    expect(report.body.ranking[0].dealPriceFen).toBe(318_000_000);
    expect(report.body.members.filter((m: { status: string }) => m.status === 'submitted')).toHaveLength(5);
    // Before the result notice only centre staff see who sat on the committee — not the purchaser,
    // and not the public audit log, which names seats by digest
    expect(JSON.stringify(report.body)).not.toContain('评审专家');
    expect(fullReport.body.members.map((m: { name: string }) => m.name).join()).toContain('评审专家');
    const auditText = JSON.stringify(audit.body);
    for (const member of scorers) {
      expect(auditText).not.toContain(member.userSub);
      expect(auditText).not.toContain(member.id);
    }
    expect(audit.body.verification.valid).toBe(true);
    expect(resultTooEarly.status).toBe(404);
    // Each bidder sees its own rank only
    expect(results.map((r) => r.body.rank)).toEqual([1, 3, 2]);
    expect(JSON.stringify(results[1]?.body)).not.toContain(bids[0]?.bidId ?? 'x');
  });

  it('holds the report until a member confirms its outlier score, then reports it as confirmed', async () => {
    // Prepare: a committee of 5, all declared
    const { tender, bids } = await tenderInEvaluation();
    const drawn = await api.call('POST', `/api/tenders/${tender.id}/committee`, {
      token: centre,
      body: { size: 5, reserveSize: 0, specialties: [SPECIALTY] },
    });
    const members = drawn.body.members.map(
      (m: { expertId: string }) => pool.find((p) => p.id === m.expertId) as PoolExpert,
    );
    for (const member of members) {
      await api.call('POST', `/api/tenders/${tender.id}/evaluation/declaration`, {
        token: member.token,
        body: { conflict: false },
      });
    }
    const odd = members[4] as PoolExpert;
    const oddSheet = sheetFor(bids);
    (oddSheet.scores[bids[0]?.bidId ?? ''] as Record<string, number>).c1 = 5;

    // Act: everyone submits; the odd one gave 5 of 40 where the others gave 40
    for (const member of members) {
      await api.call('PUT', `/api/tenders/${tender.id}/evaluation/sheet`, {
        token: member.token,
        body: member === odd ? oddSheet : sheetFor(bids),
      });
      await api.call('POST', `/api/tenders/${tender.id}/evaluation/sheet/submit`, { token: member.token });
    }
    const waiting = await api.call('GET', `/api/tenders/${tender.id}`);
    const noReport = await api.call('GET', `/api/tenders/${tender.id}/evaluation/report`, { token: centre });
    const oddSession = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, { token: odd.token });
    const otherSession = await api.call('GET', `/api/tenders/${tender.id}/evaluation`, {
      token: members[0]?.token,
    });
    const wrongMember = await api.call('POST', `/api/tenders/${tender.id}/evaluation/outliers/confirm`, {
      token: members[0]?.token,
      body: { note: '无异常评分' },
    });
    const confirmed = await api.call('POST', `/api/tenders/${tender.id}/evaluation/outliers/confirm`, {
      token: odd.token,
      body: { note: '该投标技术参数多项负偏离，维持评分' },
    });
    const report = await api.call('GET', `/api/tenders/${tender.id}/evaluation/report`, { token: centre });

    // Assess
    expect(waiting.body.status).toBe('evaluating');
    expect(noReport.status).toBe(404);
    expect(oddSession.body.outliers).toEqual([
      expect.objectContaining({ bidId: bids[0]?.bidId, criterionId: 'c1', points: '5.00' }),
    ]);
    expect(oddSession.body.outliersConfirmedAt).toBeNull();
    expect(otherSession.body.outliers).toEqual([]);
    expect(wrongMember.status).toBe(404);
    expect(confirmed.body).toEqual({ confirmed: 1, reportReady: true });
    expect(report.body.outliers).toEqual([
      expect.objectContaining({
        memberId: odd.id,
        bidId: bids[0]?.bidId,
        criterionId: 'c1',
        points: '5.00',
        note: '该投标技术参数多项负偏离，维持评分',
      }),
    ]);
    // The outlier counts: A's 技术 mean is (4×40+5)/5 = 33, so A falls behind C
    expect(report.body.ranking[0].bidId).toBe(bids[2]?.bidId);
  });

  it('refuses a draw the pool cannot fill, and skips suspended and removed experts after assessments', async () => {
    // Prepare: two tenders in evaluation drawn from the same 9 eligible experts
    const one = await tenderInEvaluation();
    const two = await tenderInEvaluation();
    const draw = (id: string, size: number, reserveSize: number) =>
      api.call('POST', `/api/tenders/${id}/committee`, {
        token: centre,
        body: { size, reserveSize, specialties: [SPECIALTY] },
      });
    const d1 = await draw(one.tender.id, 7, 0);
    const d2 = await draw(two.tender.id, 7, 0);
    const ids1 = d1.body.members.map((m: { expertId: string }) => m.expertId) as string[];
    const ids2 = d2.body.members.map((m: { expertId: string }) => m.expertId) as string[];
    const both = ids1.filter((id) => ids2.includes(id));
    const [warned, removed] = both as [string, string];

    // Act: 一项目一考核 — two warnings in 12 months suspend; taking a benefit removes
    const assess = (expertId: string, tenderId: string, violations: string[]) =>
      api.call('POST', `/api/experts/${expertId}/assessments`, {
        token: centre,
        body: { tenderId, ratings: { punctuality: 2, professionalism: 4, fairness: 4 }, violations },
      });
    const firstWarning = await assess(warned, one.tender.id, ['late']);
    const suspension = await assess(warned, two.tender.id, ['absent']);
    const removal = await assess(removed, one.tender.id, ['tookBenefit']);
    const three = await tenderInEvaluation();
    const tooMany = await draw(three.tender.id, 9, 0);
    const d3 = await draw(three.tender.id, 7, 0);
    const listed = await api.call('GET', '/api/experts?status=suspended', { token: centre });

    // Assess
    expect(both.length).toBeGreaterThanOrEqual(2);
    expect(firstWarning.body.assessment.decision).toBe('warning');
    expect(suspension.body.expert.status).toBe('suspended');
    expect(suspension.body.expert.history.at(-1)).toMatchObject({ from: 'active', to: 'suspended' });
    expect(removal.body.expert.status).toBe('removed');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.type).toContain('insufficient-experts');
    expect(d3.status).toBe(201);
    const ids3 = d3.body.members.map((m: { expertId: string }) => m.expertId);
    expect(ids3).not.toContain(warned);
    expect(ids3).not.toContain(removed);
    const reasons = Object.fromEntries(
      d3.body.excluded.map((e: { expertId: string; reason: string }) => [e.expertId, e.reason]),
    );
    expect(reasons[warned]).toBe('suspended');
    expect(reasons[removed]).toBe('removed');
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([warned]);
  });
});
