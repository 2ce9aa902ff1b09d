import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Expert } from '../../shared/domain/committee';
import {
  COMMITTEE_RULES,
  committeeRequirement,
  drawCommittee,
  filterEligible,
  generateSeed,
  OPEN_TENDER_THRESHOLD_FEN,
  validateCommitteePlan,
  verifyDraw,
} from '../../shared/domain/committee';
import { UnprocessableError, ValidationError } from '../../shared/domain/errors';

/** SHA-256 hex computed independently of the module under test. */
const referenceSha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Runs `act` and returns what it threw, or fails when it did not throw. */
const catchError = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
};

/** 1万元 in 分. */
const WAN = 1_000_000;

/** The instant of the draw: 15 June 2025, 09:00 Beijing time. */
const AT = '2025-06-15T09:00:00+08:00';
const PURCHASER = 'ORG-PURCHASER';
const BIDDER_A = 'ORG-BIDDER-A';
const BIDDER_B = 'ORG-BIDDER-B';
const CONFLICTS = [PURCHASER, BIDDER_A, BIDDER_B];

/** A seed made from a label, 64 hex digits. */
const seedOf = (label: string): string => referenceSha256(`seed:${label}`);

/** An active, unrelated IT expert in Hangzhou; override what a test needs. */
function expert(id: string, overrides: Partial<Expert> = {}): Expert {
  return {
    id,
    name: `专家${id}`,
    specialties: ['it'],
    region: 'hangzhou',
    employerOrgId: `ORG-EMPLOYER-${id}`,
    relations: [],
    status: 'active',
    ...overrides,
  };
}

/** `n` clean experts with ids E01, E02, … */
function cleanPool(n: number, prefix = 'E'): Expert[] {
  return Array.from({ length: n }, (_, i) => expert(`${prefix}${String(i + 1).padStart(2, '0')}`));
}

/** Criteria of the base project: IT, any region, purchaser and two bidders, at {@link AT}. */
const criteria = { specialties: ['it'], conflictOrgIds: CONFLICTS, at: AT };

describe('COMMITTEE_RULES', () => {
  test('every row has an id, a bilingual title, a citation, a source and an effective date', () => {
    // Prepare
    const ids = COMMITTEE_RULES.map((rule) => rule.id);

    // Act
    const incomplete = COMMITTEE_RULES.filter(
      (rule) =>
        !rule.title.zh ||
        !rule.title.en ||
        !rule.citation ||
        !['primary', 'secondary', 'platform'].includes(rule.source) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(rule.effectiveFrom),
    );

    // Assess
    expect(incomplete).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.isFrozen(COMMITTEE_RULES[0])).toBe(true);
  });

  test('cites 87号令第四十七条 for tenders, 74号令第七条 for negotiation and inquiry, 214号 for consultation', () => {
    // Prepare
    const byId = new Map(COMMITTEE_RULES.map((rule) => [rule.id, rule]));

    // Act
    const citations = Object.fromEntries(
      COMMITTEE_RULES.map((rule) => [rule.id, [rule.citation, rule.source]]),
    );

    // Assess
    expect(citations['committee.tender.size']).toEqual(['87号令第四十七条第一款', 'primary']);
    expect(citations['committee.tender.large-budget']).toEqual(['87号令第四十七条第二款第一项', 'primary']);
    expect(citations['committee.negotiation.size']).toEqual(['74号令第七条第一款', 'primary']);
    expect(citations['committee.negotiation.open-tender-threshold']).toEqual([
      '74号令第七条第二款',
      'primary',
    ]);
    expect(citations['committee.consultation.size']).toEqual(['财库〔2014〕214号第十四条', 'secondary']);
    expect(citations['committee.consultation.open-tender-threshold']?.[1]).toBe('platform');
    const threshold = byId.get('committee.negotiation.open-tender-threshold');
    expect(threshold?.kind === 'committeeSize' && threshold.fromBudgetSource).toBe('platform');
    expect(OPEN_TENDER_THRESHOLD_FEN).toEqual({ goods: 200 * WAN, services: 200 * WAN, works: 400 * WAN });
  });
});

describe('committeeRequirement', () => {
  test('open tender: 5 members at 500万元, 7 from 1000万元 (以上 includes the number)', () => {
    // Prepare
    const budgets = [500 * WAN, 1000 * WAN - 1, 1000 * WAN, 1200 * WAN];

    // Act
    const sizes = budgets.map((budget) => committeeRequirement('openTender', 'goods', budget));

    // Assess
    expect(sizes.map((r) => r.minSize)).toEqual([5, 5, 7, 7]);
    expect(sizes[0]?.rule).toEqual({ id: 'committee.tender.size', citation: '87号令第四十七条第一款' });
    expect(sizes[3]?.rule).toEqual({
      id: 'committee.tender.large-budget',
      citation: '87号令第四十七条第二款第一项',
    });
    expect(committeeRequirement('invitedTender', 'services', 1200 * WAN).minSize).toBe(7);
  });

  test('negotiation, inquiry and consultation: 3 members, 5 from the open-tender threshold per category', () => {
    // Prepare
    const cases = [
      ['competitiveNegotiation', 'goods', 199 * WAN, 3],
      ['competitiveNegotiation', 'goods', 200 * WAN, 5],
      ['competitiveNegotiation', 'works', 300 * WAN, 3],
      ['competitiveNegotiation', 'works', 400 * WAN, 5],
      ['inquiry', 'goods', 50 * WAN, 3],
      ['inquiry', 'goods', 250 * WAN, 5],
      ['competitiveConsultation', 'services', 150 * WAN, 3],
      ['competitiveConsultation', 'services', 200 * WAN, 5],
    ] as const;

    // Act
    const sizes = cases.map(
      ([method, category, budget]) => committeeRequirement(method, category, budget).minSize,
    );

    // Assess
    expect(sizes).toEqual(cases.map((c) => c[3]));
    expect(committeeRequirement('competitiveConsultation', 'goods', 10 * WAN).rule.citation).toBe(
      '财库〔2014〕214号第十四条',
    );
    expect(committeeRequirement('inquiry', 'goods', 300 * WAN).rule.id).toBe(
      'committee.negotiation.open-tender-threshold',
    );
  });

  test('minExperts is two thirds of the size, rounded up', () => {
    // Prepare
    const requirement = committeeRequirement('openTender', 'goods', 500 * WAN);

    // Act
    const experts = [3, 5, 6, 7, 9].map((size) => requirement.minExperts(size));

    // Assess
    expect(experts).toEqual([2, 4, 4, 5, 6]);
  });

  test('single source and rights transfers have no drawn committee and say so with their rule', () => {
    // Prepare
    const act = () => committeeRequirement('singleSource', 'goods', 500 * WAN);

    // Act
    const error = catchError(act);

    // Assess
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).type).toBe('committee-not-drawn');
    expect((error as UnprocessableError).detail.zh).toContain('74号令第四十一条');
    expect((error as UnprocessableError).extensions).toMatchObject({
      rule: 'committee.single-source.not-drawn',
    });
    expect(() => committeeRequirement('auction', 'goods', 500 * WAN)).toThrow(UnprocessableError);
  });

  test('an invalid budget or method is a ValidationError naming the field', () => {
    // Prepare
    const badBudget = () => committeeRequirement('openTender', 'goods', 12.5);
    const badMethod = () => committeeRequirement('lottery' as never, 'goods', 500 * WAN);

    // Act
    const errors = [catchError(badBudget), catchError(badMethod)] as ValidationError[];

    // Assess
    expect(errors[0]).toBeInstanceOf(ValidationError);
    expect(errors[0]?.errors[0]?.path).toBe('budgetFen');
    expect(errors[1]?.errors[0]?.path).toBe('method');
  });
});

describe('validateCommitteePlan', () => {
  const openTender = { method: 'openTender', category: 'goods', budgetFen: 500 * WAN } as const;

  test('5 members with 1 purchaser representative at 500万元 break nothing', () => {
    // Prepare
    const plan = { ...openTender, size: 5, purchaserRepresentatives: 1 };

    // Act
    const issues = validateCommitteePlan(plan);

    // Assess
    expect(issues).toEqual([]);
  });

  test('5 members at 1200万元 are too few, citing the large-budget rule', () => {
    // Prepare
    const plan = { ...openTender, budgetFen: 1200 * WAN, size: 5, purchaserRepresentatives: 0 };

    // Act
    const issues = validateCommitteePlan(plan);

    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: 'size',
      rule: 'committee.tender.large-budget',
      citation: '87号令第四十七条第二款第一项',
    });
    expect(issues[0]?.message.zh).toContain('7');
  });

  test('an even size is refused even when 4 experts of 6 reach two thirds', () => {
    // Prepare
    const plan = { ...openTender, size: 6, purchaserRepresentatives: 2 };

    // Act
    const issues = validateCommitteePlan(plan);

    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: 'size',
      rule: 'committee.tender.size',
      citation: '87号令第四十七条第一款',
    });
    expect(issues[0]?.message.en).toContain('odd');
  });

  test('4 experts of 7 fall short of two thirds (5 needed)', () => {
    // Prepare
    const plan = { ...openTender, size: 7, purchaserRepresentatives: 3 };

    // Act
    const issues = validateCommitteePlan(plan);

    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: 'purchaserRepresentatives',
      rule: 'committee.tender.size',
      citation: '87号令第四十七条第一款',
    });
    expect(issues[0]?.message.en).toContain('needs 5 experts (planned 4)');
  });

  test('a negotiation panel of 4 with 2 representatives breaks both oddness and the expert share', () => {
    // Prepare
    const plan = {
      method: 'competitiveNegotiation',
      category: 'services',
      budgetFen: 50 * WAN,
      size: 4,
      purchaserRepresentatives: 2,
    } as const;

    // Act
    const issues = validateCommitteePlan(plan);

    // Assess
    expect(issues.map((issue) => issue.path).sort()).toEqual(['purchaserRepresentatives', 'size']);
    for (const issue of issues) expect(issue.citation).toBe('74号令第七条第一款');
  });

  test('more representatives than members is malformed input', () => {
    // Prepare
    const plan = { ...openTender, size: 5, purchaserRepresentatives: 6 };

    // Act
    const error = catchError(() => validateCommitteePlan(plan));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.path).toBe('purchaserRepresentatives');
  });
});

describe('filterEligible', () => {
  test('recusal window: employment ended 2 years ago excludes, 4 years ago does not, 3 years to the day still does', () => {
    // Prepare
    const pool = [
      expert('TWO', { relations: [{ orgId: BIDDER_A, kind: 'employment', until: '2023-06-15' }] }),
      expert('FOUR', { relations: [{ orgId: BIDDER_A, kind: 'employment', until: '2021-06-15' }] }),
      expert('EXACT', { relations: [{ orgId: PURCHASER, kind: 'directorship', until: '2022-06-15' }] }),
      expert('DAYAFTER', { relations: [{ orgId: PURCHASER, kind: 'directorship', until: '2022-06-14' }] }),
      expert('ONGOING', { relations: [{ orgId: BIDDER_B, kind: 'control' }] }),
      expert('OTHER', { relations: [{ orgId: 'ORG-UNRELATED', kind: 'employment' }] }),
    ];

    // Act
    const result = filterEligible(pool, criteria);

    // Assess
    expect(result.eligible.map((e) => e.id)).toEqual(['FOUR', 'DAYAFTER', 'OTHER']);
    expect(result.excluded.map((x) => [x.expertId, x.reason])).toEqual([
      ['TWO', 'relation'],
      ['EXACT', 'relation'],
      ['ONGOING', 'relation'],
    ]);
    expect(result.excluded[0]?.detail.zh).toContain('实施条例第九条第一项');
    expect(result.excluded[2]?.detail.zh).toContain('第三项');
  });

  test('close kin of a bidder excludes, even with an end date long past', () => {
    // Prepare
    const pool = [
      expert('KIN', { relations: [{ orgId: BIDDER_B, kind: 'kin' }] }),
      expert('KINOLD', { relations: [{ orgId: BIDDER_B, kind: 'kin', until: '2010-01-01' }] }),
    ];

    // Act
    const result = filterEligible(pool, criteria);

    // Assess
    expect(result.eligible).toEqual([]);
    expect(result.excluded.map((x) => x.reason)).toEqual(['relation', 'relation']);
    expect(result.excluded[0]?.detail.zh).toContain('第四项');
  });

  test('a running suspension excludes, an ended one does not; removed always excludes', () => {
    // Prepare
    const pool = [
      expert('SUSP', { status: 'suspended', suspendedUntil: '2025-12-01T00:00:00+08:00' }),
      expert('ENDED', { status: 'suspended', suspendedUntil: '2025-06-15T09:00:00+08:00' }),
      expert('OPEN', { status: 'suspended' }),
      expert('GONE', { status: 'removed' }),
    ];

    // Act
    const result = filterEligible(pool, criteria);

    // Assess
    expect(result.eligible.map((e) => e.id)).toEqual(['ENDED']);
    expect(result.excluded.map((x) => [x.expertId, x.reason])).toEqual([
      ['SUSP', 'suspended'],
      ['OPEN', 'suspended'],
      ['GONE', 'removed'],
    ]);
  });

  test('an employer among the conflict organisations, a wrong specialty or region excludes', () => {
    // Prepare
    const pool = [
      expert('EMP', { employerOrgId: PURCHASER }),
      expert('SPEC', { specialties: ['civil', 'law'] }),
      expert('REG', { region: 'ningbo' }),
      expert('MULTI', { specialties: ['law', 'it'], region: 'wenzhou' }),
    ];

    // Act
    const result = filterEligible(pool, { ...criteria, regions: ['hangzhou', 'wenzhou'] });

    // Assess
    expect(result.eligible.map((e) => e.id)).toEqual(['MULTI']);
    expect(result.excluded.map((x) => [x.expertId, x.reason])).toEqual([
      ['EMP', 'employer'],
      ['SPEC', 'specialty'],
      ['REG', 'region'],
    ]);
    expect(result.excluded[0]?.detail.zh).toContain('87号令第四十七条');
  });

  test('malformed criteria or records are ValidationErrors with paths', () => {
    // Prepare
    const pool = cleanPool(2);
    const cases = [
      [() => filterEligible(pool, { ...criteria, specialties: [] }), 'specialties'],
      [() => filterEligible(pool, { ...criteria, at: '2025-06-15 09:00' }), 'at'],
      [() => filterEligible([...pool, expert('E01')], criteria), 'pool.2'],
      [
        () =>
          filterEligible(
            [expert('X', { relations: [{ orgId: PURCHASER, kind: 'employment', until: '2024-02-30' }] })],
            criteria,
          ),
        'pool.0.relations.0.until',
      ],
    ] as const;

    // Act
    const paths = cases.map(([act]) => (catchError(act) as ValidationError).errors[0]?.path);

    // Assess
    expect(paths).toEqual(cases.map(([, path]) => path));
  });
});

describe('drawCommittee', () => {
  test('the same seed and pool draw the same committee; the digest is over the sorted ids', () => {
    // Prepare
    const pool = cleanPool(30);
    const seed = seedOf('same');

    // Act
    const first = drawCommittee({ seed, eligible: pool, size: 5, reserveSize: 2 });
    const second = drawCommittee({ seed, eligible: cleanPool(30), size: 5, reserveSize: 2 });

    // Assess
    expect(second).toEqual(first);
    const sortedIds = pool.map((e) => e.id).sort();
    expect(first.snapshotDigest).toBe(referenceSha256(JSON.stringify(sortedIds)));
    expect(first.members).toHaveLength(5);
    expect(first.reserves).toHaveLength(2);
    expect(new Set([...first.members, ...first.reserves]).size).toBe(7);
  });

  test('members and reserves are the ids with the lowest SHA-256 of seed|id, in that order', () => {
    // Prepare
    const pool = cleanPool(30);
    const seed = seedOf('reference');
    const expected = pool
      .map((e) => ({ id: e.id, key: referenceSha256(`${seed}|${e.id}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((entry) => entry.id);

    // Act
    const draw = drawCommittee({ seed, eligible: pool, size: 5, reserveSize: 3 });

    // Assess
    expect(draw.members).toEqual(expected.slice(0, 5));
    expect(draw.reserves).toEqual(expected.slice(5, 8));
  });

  test('a different seed draws a different committee from a pool of 30', () => {
    // Prepare
    const pool = cleanPool(30);

    // Act
    const a = drawCommittee({ seed: seedOf('a'), eligible: pool, size: 5, reserveSize: 2 });
    const b = drawCommittee({ seed: seedOf('b'), eligible: pool, size: 5, reserveSize: 2 });

    // Assess
    expect(b.snapshotDigest).toBe(a.snapshotDigest);
    expect(b.members).not.toEqual(a.members);
  });

  test('the order of the pool does not matter; an upper-case seed draws the same', () => {
    // Prepare
    const pool = cleanPool(30);
    const shuffled = [...pool.slice(17), ...pool.slice(0, 17).reverse()];
    const seed = seedOf('order');

    // Act
    const inOrder = drawCommittee({ seed, eligible: pool, size: 7, reserveSize: 2 });
    const outOfOrder = drawCommittee({
      seed: seed.toUpperCase(),
      eligible: shuffled,
      size: 7,
      reserveSize: 2,
    });

    // Assess
    expect(outOfOrder).toEqual(inOrder);
  });

  test('over 200 seeds, removed, suspended, related and employer-conflicted experts are never drawn', () => {
    // Prepare
    const barred = [
      expert('BAD-REMOVED', { status: 'removed' }),
      expert('BAD-SUSPENDED', { status: 'suspended', suspendedUntil: '2026-01-01T00:00:00+08:00' }),
      expert('BAD-EMPLOYED', { relations: [{ orgId: BIDDER_A, kind: 'employment', until: '2023-06-15' }] }),
      expert('BAD-KIN', { relations: [{ orgId: BIDDER_B, kind: 'kin' }] }),
      expert('BAD-EMPLOYER', { employerOrgId: PURCHASER }),
    ];
    const fine = [
      ...cleanPool(8),
      expert('OK-OLD', { relations: [{ orgId: BIDDER_A, kind: 'employment', until: '2021-06-15' }] }),
      expert('OK-ENDED', { status: 'suspended', suspendedUntil: '2025-01-01T00:00:00+08:00' }),
    ];
    const pool = [...barred, ...fine];
    const barredIds = new Set(barred.map((e) => e.id));
    const drawnEver = new Set<string>();

    // Act
    const { eligible } = filterEligible(pool, criteria);
    for (let i = 0; i < 200; i++) {
      const draw = drawCommittee({ seed: seedOf(`loop-${i}`), eligible, size: 5, reserveSize: 2 });
      for (const id of [...draw.members, ...draw.reserves]) {
        expect(barredIds.has(id)).toBe(false);
        drawnEver.add(id);
      }
    }

    // Assess
    expect([...drawnEver].sort()).toEqual(fine.map((e) => e.id).sort());
  });

  test('too small a pool throws insufficient-experts naming how many are eligible and needed', () => {
    // Prepare
    const pool = cleanPool(6);

    // Act
    const error = catchError(() =>
      drawCommittee({ seed: seedOf('small'), eligible: pool, size: 5, reserveSize: 2 }),
    );

    // Assess
    expect(error).toBeInstanceOf(UnprocessableError);
    const problem = error as UnprocessableError;
    expect(problem.type).toBe('insufficient-experts');
    expect(problem.detail.zh).toContain('只有6名，需要7名');
    expect(problem.detail.en).toContain('Only 6 eligible experts, 7 needed');
    expect(problem.extensions).toEqual({ eligible: 6, needed: 7 });
  });

  test('exactly size experts with no reserves is enough', () => {
    // Prepare
    const pool = cleanPool(5);

    // Act
    const draw = drawCommittee({ seed: seedOf('exact'), eligible: pool, size: 5, reserveSize: 0 });

    // Assess
    expect([...draw.members].sort()).toEqual(pool.map((e) => e.id));
    expect(draw.reserves).toEqual([]);
  });

  test('a malformed seed, size or duplicated id is a ValidationError', () => {
    // Prepare
    const pool = cleanPool(10);
    const cases = [
      [() => drawCommittee({ seed: 'abc', eligible: pool, size: 5, reserveSize: 0 }), 'seed'],
      [() => drawCommittee({ seed: seedOf('x'), eligible: pool, size: 0, reserveSize: 0 }), 'size'],
      [() => drawCommittee({ seed: seedOf('x'), eligible: pool, size: 3, reserveSize: -1 }), 'reserveSize'],
      [
        () =>
          drawCommittee({ seed: seedOf('x'), eligible: [...pool, expert('E03')], size: 3, reserveSize: 0 }),
        'eligible.10',
      ],
    ] as const;

    // Act
    const paths = cases.map(([act]) => (catchError(act) as ValidationError).errors[0]?.path);

    // Assess
    expect(paths).toEqual(cases.map(([, path]) => path));
  });
});

describe('verifyDraw', () => {
  const pool = cleanPool(20);
  const seed = seedOf('verify');
  const eligibleIds = pool.map((e) => e.id).reverse();
  const draw = drawCommittee({ seed, eligible: pool, size: 5, reserveSize: 2 });
  const record = { seed, eligibleIds, size: 5, reserveSize: 2, ...draw };

  test('accepts the recorded draw', () => {
    // Prepare
    const input = { ...record };

    // Act
    const result = verifyDraw(input);

    // Assess
    expect(result).toEqual({ valid: true });
  });

  test('detects a member swapped with a reserve', () => {
    // Prepare
    const members = [draw.reserves[0]!, ...draw.members.slice(1)];
    const reserves = [draw.members[0]!, ...draw.reserves.slice(1)];

    // Act
    const result = verifyDraw({ ...record, members, reserves });

    // Assess
    expect(result.valid).toBe(false);
    expect(result.reason).toMatch(/^members-mismatch/);
  });

  test('detects a member replaced by someone outside the draw, and reordered reserves', () => {
    // Prepare
    const outsider = pool
      .map((e) => e.id)
      .find((id) => !draw.members.includes(id) && !draw.reserves.includes(id))!;
    const members = [...draw.members.slice(0, 4), outsider];
    const reserves = [...draw.reserves].reverse();

    // Act
    const replaced = verifyDraw({ ...record, members });
    const reordered = verifyDraw({ ...record, reserves });

    // Assess
    expect(replaced.reason).toMatch(/^members-mismatch/);
    expect(reordered.reason).toMatch(/^reserves-mismatch/);
  });

  test('detects a pool that is not the recorded snapshot, and reports bad input without throwing', () => {
    // Prepare
    const extended = [...eligibleIds, 'E99'];

    // Act
    const changedPool = verifyDraw({ ...record, eligibleIds: extended });
    const badSeed = verifyDraw({ ...record, seed: 'not-a-seed' });
    const tooFew = verifyDraw({ ...record, eligibleIds: eligibleIds.slice(0, 3) });

    // Assess
    expect(changedPool).toMatchObject({ valid: false, reason: expect.stringMatching(/^snapshot-mismatch/) });
    expect(badSeed).toMatchObject({ valid: false, reason: expect.stringMatching(/^invalid-input/) });
    expect(tooFew).toMatchObject({ valid: false, reason: expect.stringMatching(/^insufficient-experts/) });
  });
});

describe('generateSeed', () => {
  test('makes 64 lower-case hex digits, fresh on every call, that the draw accepts', () => {
    // Prepare
    const seeds = [generateSeed(), generateSeed()];

    // Act
    const draw = drawCommittee({ seed: seeds[0]!, eligible: cleanPool(5), size: 3, reserveSize: 0 });

    // Assess
    for (const seed of seeds) expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(seeds[0]).not.toBe(seeds[1]);
    expect(draw.members).toHaveLength(3);
  });
});
