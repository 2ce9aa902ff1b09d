import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDeps, overrideDeps } from '../../shared/adapters/deps';
import type { TenderRepository } from '../../shared/ports/tender-repository';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type PlacedBid, playToEvaluation } from '../helpers/bidder';
import { addExperts, type PoolExpert } from '../helpers/evaluation';

let api: ApiClient;
let purchaser: string;
let centre: string;
let pool: PoolExpert[] = [];
let supplierNo = 700;

const SPECIALTY = 'A0201-计算机设备';

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-district-bureau');
  centre = await api.token('centre', 'org-trading-centre');
  pool = await addExperts(api, centre, SPECIALTY, 700, 5);
});

afterAll(async () => {
  await api.gateway.stop();
});

/** A tender in evaluation with three bids (A small, B medium, C micro) and a declared committee of 5. */
async function committeeReady(): Promise<{ tender: Tender; bids: PlacedBid[]; members: PoolExpert[] }> {
  const tender = await publishTender(api, purchaser);
  const prices = [318_000_000, 325_000_000, 309_900_000];
  const bidders = [];
  for (const [i, scale] of (['small', 'medium', 'micro'] as const).entries()) {
    supplierNo += 1;
    bidders.push({ supplier: await makeSupplier(api, supplierNo, scale), priceFen: prices[i] ?? 0 });
  }
  const bids = await playToEvaluation(api, tender, bidders);
  const drawn = await api.call('POST', `/api/tenders/${tender.id}/committee`, {
    token: centre,
    body: { size: 5, reserveSize: 0, specialties: [SPECIALTY] },
  });
  if (drawn.status !== 201) throw new Error(`draw: ${JSON.stringify(drawn.body)}`);
  const members = (drawn.body.members as { expertId: string }[]).map(
    (seat) => pool.find((p) => p.id === seat.expertId) as PoolExpert,
  );
  for (const member of members) {
    await api.call('POST', `/api/tenders/${tender.id}/evaluation/declaration`, {
      token: member.token,
      body: { conflict: false },
    });
  }
  return { tender, bids, members };
}

/**
 * Two-decimal points per member (rows) for A, B and C on c1/c2/c3 (40/20/10 points).
 *
 * 38.55, 4.35 and 1.1 are values a float check `Math.round(x * 100) === x * 100` refuses.
 */
const FRACTIONAL = {
  a: {
    c1: [38.55, 38.6, 37.95, 39.1, 38.55],
    c2: [4.35, 5.1, 4.8, 6.05, 5.5],
    c3: [1.1, 2.25, 1.75, 1.3, 2.05],
  },
  b: {
    c1: [35.35, 36.15, 34.8, 35.05, 36.4],
    c2: [18.45, 17.9, 18.05, 19.15, 18.3],
    c3: [9.05, 8.95, 9.1, 8.85, 9.3],
  },
  c: {
    c1: [30.1, 29.85, 31.05, 30.45, 30.2],
    c2: [19.95, 19.85, 20, 19.7, 19.55],
    c3: [9.95, 9.9, 10, 9.85, 9.75],
  },
};

/** Member `i`'s sheet of {@link FRACTIONAL}. */
function fractionalSheet(bids: PlacedBid[], i: number) {
  const row = (points: { c1: number[]; c2: number[]; c3: number[] }) => ({
    c1: points.c1[i] ?? 0,
    c2: points.c2[i] ?? 0,
    c3: points.c3[i] ?? 0,
  });
  return {
    scores: {
      [bids[0]?.bidId ?? '']: row(FRACTIONAL.a),
      [bids[1]?.bidId ?? '']: row(FRACTIONAL.b),
      [bids[2]?.bidId ?? '']: row(FRACTIONAL.c),
    },
  };
}

describe('hardening: expert evaluation', () => {
  it('accepts two-decimal points such as 38.55, 4.35 and 1.1 and ranks them exactly to the hundredth', async () => {
    // Prepare
    const { tender, bids, members } = await committeeReady();
    const path = `/api/tenders/${tender.id}/evaluation`;

    // Act
    const saved = [];
    const submitted = [];
    for (const [i, member] of members.entries()) {
      saved.push(
        await api.call('PUT', `${path}/sheet`, { token: member.token, body: fractionalSheet(bids, i) }),
      );
      submitted.push(await api.call('POST', `${path}/sheet/submit`, { token: member.token }));
    }
    const report = await api.call('GET', `${path}/report`, { token: centre });

    // Assess: every sheet saved as typed; the report by hand (exact fractions, rounded once):
    // evaluated prices A 286,200,000 (small −10%), B 325,000,000, C 278,910,000 (micro −10%) = base;
    // A 30% × 97.4528… + 38.55 + 5.16 + 1.69 = 74.6358… → 74.64
    // B 30% × 85.8184… + 35.55 + 18.37 + 9.05 = 88.7155… → 88.72
    // C 30% × 100 + 30.33 + 19.81 + 9.89 = 90.03
    expect(saved.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    expect(saved[0]?.body.scores[bids[0]?.bidId ?? '']).toEqual({ c1: 38.55, c2: 4.35, c3: 1.1 });
    expect(submitted.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    expect(report.status).toBe(200);
    expect(
      report.body.ranking.map((line: { bidId: string; total: string; criteriaScores: object }) => [
        line.bidId,
        line.total,
        line.criteriaScores,
      ]),
    ).toEqual([
      [bids[2]?.bidId, '90.03', { c1: '30.33', c2: '19.81', c3: '9.89' }],
      [bids[1]?.bidId, '88.72', { c1: '35.55', c2: '18.37', c3: '9.05' }],
      [bids[0]?.bidId, '74.64', { c1: '38.55', c2: '5.16', c3: '1.69' }],
    ]);
    expect(report.body.sheets.flatMap((s: { scores: object }) => Object.values(s.scores))).toContainEqual({
      c1: 38.55,
      c2: 4.35,
      c3: 1.1,
    });
  });

  it('refuses 38.555 with a 400 naming body.scores.<bidId>.<criterion>, and points above the maximum with a 422', async () => {
    // Prepare
    const { tender, bids, members } = await committeeReady();
    const [a, b] = bids.map((bid) => bid.bidId) as [string, string];
    const token = members[0]?.token;
    const path = `/api/tenders/${tender.id}/evaluation/sheet`;

    // Act
    const threeDecimals = await api.call('PUT', path, {
      token,
      body: { scores: { [a]: { c1: 38.555, c2: 4.35 }, [b]: { c3: 1e-7 } } },
    });
    const aboveMax = await api.call('PUT', path, { token, body: { scores: { [a]: { c3: 10.01 } } } });
    const atMax = await api.call('PUT', path, { token, body: { scores: { [a]: { c1: 40, c3: 10 } } } });

    // Assess
    expect(threeDecimals.status).toBe(400);
    expect(threeDecimals.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      `body.scores.${a}.c1`,
      `body.scores.${b}.c3`,
    ]);
    expect(threeDecimals.body.errors[0].message_en).toContain('2 decimals');
    expect(threeDecimals.body.errors[0].message_zh).toContain('两位小数');
    expect(aboveMax.status).toBe(422);
    expect(aboveMax.body.errors.map((e: { path: string }) => e.path)).toEqual([`body.scores.${a}.c3`]);
    expect(atMax.status).toBe(200);
  });

  it('lets the tick conclude an evaluation whose conclusion failed after the last sheet, exactly once', async () => {
    // Prepare: four of five sheets locked; the store will refuse the first write of a report once
    const { tender, bids, members } = await committeeReady();
    const path = `/api/tenders/${tender.id}/evaluation`;
    const sameScores = {
      scores: Object.fromEntries(bids.map((bid) => [bid.bidId, { c1: 30, c2: 15, c3: 8 }])),
    };
    for (const member of members) {
      await api.call('PUT', `${path}/sheet`, { token: member.token, body: sameScores });
    }
    for (const member of members.slice(0, 4)) {
      await api.call('POST', `${path}/sheet/submit`, { token: member.token });
    }
    const real = getDeps().tenders;
    let failures = 0;
    const flaky: TenderRepository = Object.create(real, {
      save: {
        value: async (...args: Parameters<TenderRepository['save']>) => {
          if (args[0].report && failures === 0) {
            failures += 1;
            throw new Error('injected: the store is unavailable');
          }
          return real.save(...args);
        },
      },
    });

    // Act
    const tickWhileScoring = await api.tick();
    const stillScoring = await api.call('GET', `/api/tenders/${tender.id}`);
    overrideDeps({ tenders: flaky });
    let last: Awaited<ReturnType<ApiClient['call']>>;
    try {
      last = await api.call('POST', `${path}/sheet/submit`, { token: members[4]?.token });
    } finally {
      overrideDeps({ tenders: real });
    }
    const stalled = await api.call('GET', `/api/tenders/${tender.id}`);
    const noReport = await api.call('GET', `${path}/report`, { token: centre });
    const firstTick = (await api.tick()) as { result: { moved: number } };
    const concluded = await api.call('GET', `/api/tenders/${tender.id}`);
    const report = await api.call('GET', `${path}/report`, { token: centre });
    const secondTick = (await api.tick()) as { result: { moved: number } };
    const audit = await api.call('GET', `/api/tenders/${tender.id}/audit`);

    // Assess: the member's submission succeeded; the stalled evaluation is concluded by the tick
    expect(tickWhileScoring).toMatchObject({ result: { moved: 0 } });
    expect(stillScoring.body.status).toBe('evaluating');
    expect(failures).toBe(1);
    expect(last.status).toBe(200);
    expect(stalled.body.status).toBe('evaluating');
    expect(noReport.status).toBe(404);
    expect(firstTick.result.moved).toBe(1);
    expect(concluded.body.status).toBe('awarding');
    expect(report.status).toBe(200);
    expect(report.body.candidates).toHaveLength(3);
    // Idempotent: a second tick finds nothing more to do, and there is one report event
    expect(secondTick.result.moved).toBe(0);
    const types = audit.body.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'evaluation.reported')).toHaveLength(1);
  });

  it('leaves to its member an outlier the tick finds unconfirmed, and concludes once it is confirmed', async () => {
    // Prepare: the fifth member gives A 5 of 40 on c1 where the others give 30
    const { tender, bids, members } = await committeeReady();
    const path = `/api/tenders/${tender.id}/evaluation`;
    const sheet = (c1: number) => ({
      scores: Object.fromEntries(bids.map((bid, i) => [bid.bidId, { c1: i === 0 ? c1 : 30, c2: 15, c3: 8 }])),
    });
    for (const [i, member] of members.entries()) {
      await api.call('PUT', `${path}/sheet`, { token: member.token, body: sheet(i === 4 ? 5 : 30) });
      await api.call('POST', `${path}/sheet/submit`, { token: member.token });
    }

    // Act
    const tick = (await api.tick()) as { result: { moved: number } };
    const waiting = await api.call('GET', `/api/tenders/${tender.id}`);
    const confirmed = await api.call('POST', `${path}/outliers/confirm`, {
      token: members[4]?.token,
      body: { note: '该投标技术方案存在多项负偏离，维持评分' },
    });
    const after = await api.call('GET', `/api/tenders/${tender.id}`);

    // Assess
    expect(tick.result.moved).toBe(0);
    expect(waiting.body.status).toBe('evaluating');
    expect(confirmed.body).toEqual({ confirmed: 1, reportReady: true });
    expect(after.body.status).toBe('awarding');
  });

  it('shows members the same small/micro deduction the report applies (财库〔2020〕46号第九条)', async () => {
    // Prepare
    const { tender, bids, members } = await committeeReady();
    const path = `/api/tenders/${tender.id}/evaluation`;

    // Act
    const session = await api.call('GET', path, { token: members[0]?.token });
    for (const [i, member] of members.entries()) {
      await api.call('PUT', `${path}/sheet`, { token: member.token, body: fractionalSheet(bids, i) });
      await api.call('POST', `${path}/sheet/submit`, { token: member.token });
    }
    const report = await api.call('GET', `${path}/report`, { token: centre });

    // Assess
    expect(session.body.smallMicroDeductionPercent).toBe(10);
    const byBid = Object.fromEntries(
      report.body.ranking.map(
        (line: { bidId: string; deductionApplied: boolean; evaluatedPriceFen: string }) => [
          line.bidId,
          [line.deductionApplied, line.evaluatedPriceFen],
        ],
      ),
    );
    expect(byBid).toEqual({
      [bids[0]?.bidId ?? '']: [true, '286200000.00'],
      [bids[1]?.bidId ?? '']: [false, '325000000.00'],
      [bids[2]?.bidId ?? '']: [true, '278910000.00'],
    });
  });
});
