import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitteeRequirementSchema } from '../../shared/schemas/evaluation';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, playToEvaluation } from '../helpers/bidder';
import { addExperts, type PoolExpert } from '../helpers/evaluation';

/**
 * What the centre sees before it commits: the committee size the rules require before the draw, and
 * the penalty ladder's decision before an assessment is recorded (`?dryRun=true`).
 */

const SPECIALTY = 'A0205-预览测试设备';

let api: ApiClient;
let purchaser: string;
let centre: string;
let supplierNo = 900;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-preview-unit');
  centre = await api.token('centre', 'org-trading-centre');
});

afterAll(async () => {
  await api.gateway.stop();
});

/** A published open tender played through the opening to evaluation with three bids. */
async function tenderInEvaluation(): Promise<Tender> {
  const tender = await publishTender(api, purchaser);
  const bidders = [];
  for (let i = 0; i < 3; i += 1) {
    supplierNo += 1;
    bidders.push({ supplier: await makeSupplier(api, supplierNo), priceFen: 300_000_000 + i * 1_000_000 });
  }
  await playToEvaluation(api, tender, bidders);
  return tender;
}

describe('the committee GET before the draw names the size the rules require', () => {
  it('answers 404 with the requirement of 87号令第四十七条: 5 members below 1000万元, 7 from it', async () => {
    // Prepare: two published open tenders for goods, budgeted 350万元 and 1200万元
    const small = await publishTender(api, purchaser);
    const large = await publishTender(api, purchaser, { budgetFen: 1_200_000_000 });

    // Act
    const smallAnswer = await api.call('GET', `/api/tenders/${small.id}/committee`, { token: centre });
    const largeAnswer = await api.call('GET', `/api/tenders/${large.id}/committee`, { token: purchaser });

    // Assess: still a 404 (no committee), and the requirement parses with its schema
    expect(smallAnswer.status).toBe(404);
    expect(largeAnswer.status).toBe(404);
    const smallRequirement = CommitteeRequirementSchema.parse(smallAnswer.body.requirement);
    const largeRequirement = CommitteeRequirementSchema.parse(largeAnswer.body.requirement);
    expect(smallRequirement).toMatchObject({
      minSize: 5,
      odd: true,
      minExperts: 4,
      rule: { id: 'committee.tender.size', citation: '87号令第四十七条第一款' },
    });
    expect(largeRequirement).toMatchObject({
      minSize: 7,
      minExperts: 5,
      rule: { id: 'committee.tender.large-budget', citation: '87号令第四十七条第二款第一项' },
    });
    expect(largeRequirement.title.zh).toContain('1000万元以上');
  });
});

describe('an assessment with ?dryRun=true answers the ladder’s decision and records nothing', () => {
  let pool: PoolExpert[];
  let one: Tender;
  let two: Tender;

  beforeAll(async () => {
    // Five experts sit on both committees, so each can be assessed once per tender
    pool = await addExperts(api, centre, SPECIALTY, 1, 5);
    one = await tenderInEvaluation();
    two = await tenderInEvaluation();
    for (const tender of [one, two]) {
      const drawn = await api.call('POST', `/api/tenders/${tender.id}/committee`, {
        token: centre,
        body: { size: 5, reserveSize: 0, specialties: [SPECIALTY] },
      });
      if (drawn.status !== 201) throw new Error(`draw: ${JSON.stringify(drawn.body)}`);
    }
  });

  const assess = (expertId: string, tenderId: string, violations: string[], dryRun?: string) =>
    api.call('POST', `/api/experts/${expertId}/assessments${dryRun ? `?dryRun=${dryRun}` : ''}`, {
      token: centre,
      body: { tenderId, ratings: { punctuality: 3, professionalism: 4, fairness: 4 }, violations },
    });

  it('previews removal for a benefit taken (实施条例第七十五条) and leaves the expert active', async () => {
    // Prepare
    const expert = pool[0] as PoolExpert;

    // Act
    const preview = await assess(expert.id, one.id, ['tookBenefit'], 'true');
    const after = await api.call('GET', `/api/experts/${expert.id}`, { token: centre });

    // Assess: the decision and its article, with nothing written
    expect(preview.status).toBe(200);
    expect(preview.body.dryRun).toBe(true);
    expect(preview.body.outcome).toMatchObject({
      decision: 'removed',
      status: 'removed',
      rule: { id: 'penalty.remove-on-serious', citation: '实施条例第七十五条' },
    });
    expect(preview.body.outcome.rule.title.zh).toContain('淘汰出库');
    expect(after.body.status).toBe('active');
    expect(after.body.assessments).toEqual([]);
    expect(after.body.history).toEqual([]);
    expect(after.body.version).toBe(1);
  });

  it('previews the suspension a second warning in 12 months brings, then records the same decision', async () => {
    // Prepare: a first warning recorded on the first tender
    const expert = pool[1] as PoolExpert;
    const first = await assess(expert.id, one.id, ['late']);

    // Act: preview the second, check nothing changed, then record it
    const preview = await assess(expert.id, two.id, ['absent'], 'true');
    const between = await api.call('GET', `/api/experts/${expert.id}`, { token: centre });
    const recorded = await assess(expert.id, two.id, ['absent'], 'false');
    const again = await assess(expert.id, two.id, ['absent'], 'true');

    // Assess
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      dryRun: false,
      outcome: { decision: 'warning', warningsIn12Months: 1 },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.outcome).toMatchObject({
      decision: 'suspended',
      status: 'suspended',
      warningsIn12Months: 2,
      rule: { id: 'penalty.suspend-on-second-warning', citation: '平台规则' },
    });
    expect(preview.body.outcome.suspendedUntil).toBeTruthy();
    expect(between.body.status).toBe('active');
    expect(between.body.assessments.map((a: { tenderId: string }) => a.tenderId)).toEqual([one.id]);
    expect(recorded.status).toBe(201);
    // The same decision; the suspension runs 6 months from the moment it is recorded
    const { suspendedUntil: _previewed, ...decided } = preview.body.outcome;
    expect(recorded.body.outcome).toMatchObject(decided);
    expect(recorded.body.expert.status).toBe('suspended');
    // 一项目一考核: once recorded, even a preview of the same project is refused
    expect(again.status).toBe(409);
  });

  it('refuses a dryRun that is not true or false, and records nothing', async () => {
    // Prepare
    const expert = pool[2] as PoolExpert;

    // Act
    const bad = await assess(expert.id, one.id, ['late'], 'yes');
    const after = await api.call('GET', `/api/experts/${expert.id}`, { token: centre });

    // Assess
    expect(bad.status).toBe(400);
    expect(after.body.assessments).toEqual([]);
  });
});
