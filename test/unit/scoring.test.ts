import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../shared/domain/errors';
import { parseHundredths } from '../../shared/domain/money';
import {
  type ScoreSheet,
  type ScoringBid,
  type ScoringInput,
  type ScoringResult,
  type SupplierScale,
  scoreBids,
  validateScoringInput,
} from '../../shared/domain/scoring';
import { ScoreSheetBodySchema } from '../../shared/schemas/evaluation';

/** The two non-price criteria used by the hand-worked cases: 技术 50 points, 服务 20 points (+ price 30). */
const TECH_AND_SERVICE = [
  { id: 'tech', name: '技术', maxPoints: 50 },
  { id: 'svc', name: '服务', maxPoints: 20 },
];

/** A bid with a supplier name derived from its id. */
function makeBid(bidId: string, priceFen: number, scale: SupplierScale): ScoringBid {
  return { bidId, supplierName: `供应商 ${bidId}`, priceFen, scale };
}

/** A sheet giving [tech, svc] points per bid. */
function makeSheet(memberId: string, points: Record<string, [number, number]>): ScoreSheet {
  const scores: Record<string, Record<string, number>> = {};
  for (const [bidId, [tech, svc]] of Object.entries(points)) {
    scores[bidId] = { tech, svc };
  }
  return { memberId, scores };
}

/** The bid of a result with this id; fails the test when it is absent. */
function findBid(result: ScoringResult, bidId: string) {
  const found = result.bids.find((bid) => bid.bidId === bidId);
  if (!found) {
    throw new Error(`bid ${bidId} missing from the result`);
  }
  return found;
}

/** Runs `act` and returns what it threw. */
function catchError(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

/**
 * The base case, worked by hand. Price weight 30, 技术 max 50, 服务 max 20 (30 + 50 + 20 = 100).
 *
 * | bid   | scale | quoted (分) | 技术 m1, m2, m3 → Σ → mean      | 服务 m1, m2, m3 → Σ → mean       |
 * |-------|-------|-------------|---------------------------------|----------------------------------|
 * | bid-a | large | 1,000,000   | 44, 45, 43   → 132   → 44       | 16, 16, 16.5   → 48.5 → 16.1666… |
 * | bid-b | small | 1,100,000   | 45, 46, 44.5 → 135.5 → 45.1666… | 16, 15.5, 16   → 47.5 → 15.8333… |
 * | bid-c | micro | 1,250,000   | 47, 46, 48   → 141   → 47       | 15, 15.5, 15   → 45.5 → 15.1666… |
 *
 * Non-price sums (exact): A = 44 + 97/6 = 361/6 = 60.1666…; B = (135.5 + 47.5) / 3 = 61;
 * C = 47 + 91/6 = 373/6 = 62.1666…
 */
function makeBaseInput(smallMicroDeductionPercent?: number): ScoringInput {
  const input: ScoringInput = {
    method: 'comprehensive',
    priceWeightPercent: 30,
    criteria: TECH_AND_SERVICE,
    bids: [
      makeBid('bid-a', 1_000_000, 'large'),
      makeBid('bid-b', 1_100_000, 'small'),
      makeBid('bid-c', 1_250_000, 'micro'),
    ],
    sheets: [
      makeSheet('m1', { 'bid-a': [44, 16], 'bid-b': [45, 16], 'bid-c': [47, 15] }),
      makeSheet('m2', { 'bid-a': [45, 16], 'bid-b': [46, 15.5], 'bid-c': [46, 15.5] }),
      makeSheet('m3', { 'bid-a': [43, 16.5], 'bid-b': [44.5, 16], 'bid-c': [48, 15] }),
    ],
  };
  if (smallMicroDeductionPercent !== undefined) {
    input.smallMicroDeductionPercent = smallMicroDeductionPercent;
  }
  return input;
}

describe('scoreBids: comprehensive scoring (87号令第五十五条、第五十七条)', () => {
  test('scores three bids exactly without a deduction and ranks them by total', () => {
    // Prepare
    // No deduction: evaluated price = quoted price; base = lowest = 1,000,000 (bid-a).
    //   Fp(A) = 1,000,000 / 1,000,000 × 100 = 100        → × 0.30 = 30
    //   Fp(B) = 1,000,000 / 1,100,000 × 100 = 90.9090…   → × 0.30 = 300/11 = 27.2727…
    //   Fp(C) = 1,000,000 / 1,250,000 × 100 = 80         → × 0.30 = 24
    // Totals, rounded once:
    //   A = 30 + 361/6            = 541/6  = 90.1666… → 90.17
    //   B = 300/11 + 61           = 971/11 = 88.2727… → 88.27
    //   C = 24 + 373/6            = 517/6  = 86.1666… → 86.17
    // Ranking A (1), B (2), C (3).
    const input = makeBaseInput();

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.method).toBe('comprehensive');
    expect(result.base).toBe('1000000.00');
    expect(result.candidates).toEqual(['bid-a', 'bid-b', 'bid-c']);
    expect(result.bids.map((bid) => [bid.bidId, bid.priceScore, bid.total, bid.rank, bid.tied])).toEqual([
      ['bid-a', '100.00', '90.17', 1, false],
      ['bid-b', '90.91', '88.27', 2, false],
      ['bid-c', '80.00', '86.17', 3, false],
    ]);
    expect(findBid(result, 'bid-a').criteriaScores).toEqual({ tech: '44.00', svc: '16.17' });
    expect(findBid(result, 'bid-b').criteriaScores).toEqual({ tech: '45.17', svc: '15.83' });
    expect(findBid(result, 'bid-c').criteriaScores).toEqual({ tech: '47.00', svc: '15.17' });
    expect(result.bids.every((bid) => !bid.deductionApplied)).toBe(true);
    expect(findBid(result, 'bid-c').evaluatedPriceFen).toBe('1250000.00');
    expect(result.outliers).toEqual([]);
    expect(scoreBids(makeBaseInput(0))).toEqual(result);
  });

  test('a 10% small/micro deduction changes the ranking while the deal price stays the quoted price', () => {
    // Prepare
    // Evaluated: A 1,000,000 (large); B 1,100,000 × 0.9 = 990,000; C 1,250,000 × 0.9 = 1,125,000.
    // Base = 990,000 (bid-b).
    //   Fp(A) = 990,000 / 1,000,000 × 100 = 99  → × 0.30 = 29.7
    //   Fp(B) = 100                             → × 0.30 = 30
    //   Fp(C) = 990,000 / 1,125,000 × 100 = 88  → × 0.30 = 26.4
    // Totals: A = 29.7 + 60.1666… = 89.8666… → 89.87; B = 30 + 61 = 91.00; C = 26.4 + 62.1666… = 88.5666… → 88.57.
    // Ranking B (1), A (2), C (3): B moves from second to first.
    const input = makeBaseInput(10);

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.base).toBe('990000.00');
    expect(result.candidates).toEqual(['bid-b', 'bid-a', 'bid-c']);
    expect(result.bids.map((bid) => [bid.bidId, bid.evaluatedPriceFen, bid.priceScore, bid.total])).toEqual([
      ['bid-b', '990000.00', '100.00', '91.00'],
      ['bid-a', '1000000.00', '99.00', '89.87'],
      ['bid-c', '1125000.00', '88.00', '88.57'],
    ]);
    const winner = findBid(result, 'bid-b');
    expect(winner.deductionApplied).toBe(true);
    expect(winner.priceFen).toBe(1_100_000);
    expect(winner.dealPriceFen).toBe(1_100_000);
    expect(findBid(result, 'bid-a').deductionApplied).toBe(false);
  });

  test('a 20% deduction moves the micro bidder ahead of the large one too', () => {
    // Prepare
    // Evaluated: A 1,000,000; B 1,100,000 × 0.8 = 880,000; C 1,250,000 × 0.8 = 1,000,000. Base = 880,000.
    //   Fp(A) = 880,000 / 1,000,000 × 100 = 88 → 26.4;  Fp(B) = 100 → 30;  Fp(C) = 88 → 26.4
    // Totals: A = 26.4 + 60.1666… = 86.5666… → 86.57; B = 91.00; C = 26.4 + 62.1666… = 88.5666… → 88.57.
    // Ranking B (1), C (2), A (3).
    const input = makeBaseInput(20);

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.base).toBe('880000.00');
    expect(result.bids.map((bid) => [bid.bidId, bid.evaluatedPriceFen, bid.total, bid.rank])).toEqual([
      ['bid-b', '880000.00', '91.00', 1],
      ['bid-c', '1000000.00', '88.57', 2],
      ['bid-a', '1000000.00', '86.57', 3],
    ]);
    expect(result.bids.map((bid) => bid.dealPriceFen)).toEqual([1_100_000, 1_250_000, 1_000_000]);
  });

  test('equal published totals are broken by the lower quoted price, not the deducted one', () => {
    // Prepare
    // 10% deduction. X large 950,000; Y small 1,000,000 → evaluated 900,000 (the base); Z large 1,200,000.
    //   Fp(X) = 900,000 / 950,000 × 100 = 1800/19 → × 0.30 = 540/19 = 28.4210526…
    //   Fp(Y) = 100 → 30;   Fp(Z) = 900,000 / 1,200,000 × 100 = 75 → 22.5
    // X: 技术 45 + 46 + 44.73 = 135.73, 服务 16 + 17 + 16 = 49 → non-price (135.73 + 49) / 3 = 184.73/3
    //    total = 540/19 + 18473/300 = (162,000 + 350,987) / 5,700 = 512,987 / 5,700 = 89.9977… → 90.00
    // Y: 技术 43 + 44 + 45 = 132 → 44, 服务 16 → total = 30 + 60 = 90 exactly → 90.00
    // Z: 技术 40, 服务 15 → total = 22.5 + 55 = 77.50
    // Published totals tie at 90.00 → lower QUOTED price first: X (950,000) before Y (1,000,000), although
    // Y's exact total and Y's evaluated price (900,000) would both have put Y first.
    const input: ScoringInput = {
      method: 'comprehensive',
      priceWeightPercent: 30,
      criteria: TECH_AND_SERVICE,
      smallMicroDeductionPercent: 10,
      bids: [
        makeBid('y', 1_000_000, 'small'),
        makeBid('x', 950_000, 'large'),
        makeBid('z', 1_200_000, 'large'),
      ],
      sheets: [
        makeSheet('m1', { x: [45, 16], y: [43, 16], z: [40, 15] }),
        makeSheet('m2', { x: [46, 17], y: [44, 16], z: [40, 15] }),
        makeSheet('m3', { x: [44.73, 16], y: [45, 16], z: [40, 15] }),
      ],
    };

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.bids.map((bid) => [bid.bidId, bid.total, bid.rank, bid.tied])).toEqual([
      ['x', '90.00', 1, false],
      ['y', '90.00', 2, false],
      ['z', '77.50', 3, false],
    ]);
    expect(findBid(result, 'x').criteriaScores).toEqual({ tech: '45.24', svc: '16.33' });
    expect(findBid(result, 'x').priceScore).toBe('94.74');
    expect(result.candidates).toEqual(['x', 'y', 'z']);
  });

  test('equal total and equal quoted price share a rank and the next rank is skipped (1, 1, 3)', () => {
    // Prepare
    // No deduction. P and Q quote 1,000,000, R quotes 800,000 (the base).
    //   Fp(P) = Fp(Q) = 800,000 / 1,000,000 × 100 = 80 → 24;  Fp(R) = 100 → 30
    // P: 技术 40, 42, 44 → 42; 服务 15, 15, 15 → 15 → 24 + 57 = 81.00
    // Q: 技术 42, 42, 42 → 42; 服务 14, 15, 16 → 15 → 24 + 57 = 81.00  (different sheets, same means)
    // R: 技术 35 → 35; 服务 12 → 12 → 30 + 47 = 77.00
    // P and Q: same total, same price → tied at rank 1, listed by bidId; R is rank 3.
    const input: ScoringInput = {
      method: 'comprehensive',
      priceWeightPercent: 30,
      criteria: TECH_AND_SERVICE,
      bids: [
        makeBid('q', 1_000_000, 'large'),
        makeBid('r', 800_000, 'medium'),
        makeBid('p', 1_000_000, 'small'),
      ],
      sheets: [
        makeSheet('m1', { p: [40, 15], q: [42, 14], r: [35, 12] }),
        makeSheet('m2', { p: [42, 15], q: [42, 15], r: [35, 12] }),
        makeSheet('m3', { p: [44, 15], q: [42, 16], r: [35, 12] }),
      ],
    };

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.bids.map((bid) => [bid.bidId, bid.total, bid.rank, bid.tied])).toEqual([
      ['p', '81.00', 1, true],
      ['q', '81.00', 1, true],
      ['r', '77.00', 3, false],
    ]);
    expect(result.candidates).toEqual(['p', 'q', 'r']);
  });
});

describe('scoreBids: price-only methods', () => {
  test('lowest price ranks by the deducted price ascending and ties share a rank (87号令第五十六条)', () => {
    // Prepare
    // 10% deduction:
    //   bid-a large 1,000,000 → 1,000,000
    //   bid-b small 1,100,000 → 1,100,000 × 0.9 = 990,000
    //   bid-c large   990,000 →   990,000
    //   bid-d micro 1,000,000 → 1,000,000 × 0.9 = 900,000
    // Ascending: d 900,000 (1); b and c 990,000 (tied, 2, by bidId); a 1,000,000 (4). Base = 900,000.
    const input: ScoringInput = {
      method: 'lowestPrice',
      priceWeightPercent: 0,
      criteria: [],
      smallMicroDeductionPercent: 10,
      bids: [
        makeBid('bid-c', 990_000, 'large'),
        makeBid('bid-a', 1_000_000, 'large'),
        makeBid('bid-d', 1_000_000, 'micro'),
        makeBid('bid-b', 1_100_000, 'small'),
      ],
      sheets: [],
    };

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.base).toBe('900000.00');
    expect(result.bids.map((bid) => [bid.bidId, bid.evaluatedPriceFen, bid.rank, bid.tied])).toEqual([
      ['bid-d', '900000.00', 1, false],
      ['bid-b', '990000.00', 2, true],
      ['bid-c', '990000.00', 2, true],
      ['bid-a', '1000000.00', 4, false],
    ]);
    expect(result.candidates).toEqual(['bid-d', 'bid-b', 'bid-c']);
    expect(findBid(result, 'bid-d').dealPriceFen).toBe(1_000_000);
    expect(result.bids.every((bid) => bid.priceScore === null && bid.total === null)).toBe(true);
    expect(findBid(result, 'bid-d').criteriaScores).toEqual({});
  });

  test('highest price ranks by price descending with ties, and ignores sheets', () => {
    // Prepare
    // 6,000,000 (two bids, tied 1) > 5,000,000 (3). Base = the highest price.
    const input = {
      method: 'highestPrice',
      priceWeightPercent: 0,
      criteria: [],
      bids: [
        makeBid('lot-1', 5_000_000, 'large'),
        makeBid('lot-3', 6_000_000, 'small'),
        makeBid('lot-2', 6_000_000, 'large'),
      ],
      sheets: 'ignored',
    } as unknown as ScoringInput;

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.base).toBe('6000000.00');
    expect(result.bids.map((bid) => [bid.bidId, bid.rank, bid.tied])).toEqual([
      ['lot-2', 1, true],
      ['lot-3', 1, true],
      ['lot-1', 3, false],
    ]);
    expect(result.outliers).toEqual([]);
  });
});

describe('scoreBids: rounding', () => {
  test('a fractional deduction is applied exactly and the evaluated price is shown rounded half-up', () => {
    // Prepare
    // 12.5% deduction: small 1,000,001 × 87.5 / 100 = 875,000.875 分 → shown 875000.88; it is the base.
    // large 900,000 stays 900,000 and ranks second; exactly, 875,000.875 < 900,000.
    const input: ScoringInput = {
      method: 'lowestPrice',
      priceWeightPercent: 0,
      criteria: [],
      smallMicroDeductionPercent: 12.5,
      bids: [makeBid('big', 900_000, 'large'), makeBid('tiny', 1_000_001, 'small')],
      sheets: [],
    };

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.base).toBe('875000.88');
    expect(result.bids.map((bid) => [bid.bidId, bid.evaluatedPriceFen, bid.dealPriceFen, bid.rank])).toEqual([
      ['tiny', '875000.88', 1_000_001, 1],
      ['big', '900000.00', 900_000, 2],
    ]);
  });

  test('rounds once at the end, where rounding each step would publish another total', () => {
    // Prepare
    // Price weight 30, one criterion 技术 max 70. No deduction; base = 1,000,000 (bid-a).
    // bid-b quotes 1,100,000: Fp = 1000/11 = 90.9090…, weighted 300/11 = 27.2727…
    //   技术 60 + 60 + 60.01 = 180.01 → mean 18001/300 = 60.00333…
    //   exact total = 300/11 + 18001/300 = (90,000 + 198,011) / 3,300 = 288,011 / 3,300 = 87.27606… → 87.28
    //   rounding per step: Fp 90.91 × 0.30 = 27.273 → 27.27; mean → 60.00; 27.27 + 60.00 = 87.27 (wrong)
    // bid-a: 100 × 0.30 + 50 = 80.00.
    const input: ScoringInput = {
      method: 'comprehensive',
      priceWeightPercent: 30,
      criteria: [{ id: 'tech', name: '技术', maxPoints: 70 }],
      bids: [makeBid('bid-a', 1_000_000, 'large'), makeBid('bid-b', 1_100_000, 'large')],
      sheets: [
        { memberId: 'm1', scores: { 'bid-a': { tech: 50 }, 'bid-b': { tech: 60 } } },
        { memberId: 'm2', scores: { 'bid-a': { tech: 50 }, 'bid-b': { tech: 60 } } },
        { memberId: 'm3', scores: { 'bid-a': { tech: 50 }, 'bid-b': { tech: 60.01 } } },
      ],
    };

    // Act
    const result = scoreBids(input);

    // Assess
    const bidB = findBid(result, 'bid-b');
    expect(bidB.priceScore).toBe('90.91');
    expect(bidB.criteriaScores).toEqual({ tech: '60.00' });
    expect(bidB.total).toBe('87.28');
    // Re-adding the published parts, rounding the weighted price first, gives 87.27: not what was published.
    const weightedPriceHundredths = (BigInt(bidB.priceScore!.replace('.', '')) * 30n + 50n) / 100n;
    const perStep = weightedPriceHundredths + BigInt(bidB.criteriaScores['tech']!.replace('.', ''));
    expect(perStep).toBe(8727n);
    expect(findBid(result, 'bid-a').total).toBe('80.00');
  });

  test('an exact half is rounded up, not to even', () => {
    // Prepare
    // Price weight 25, 技术 max 75. Base = 901,000 (bid-a).
    // bid-b quotes 1,000,000: Fp = 901,000 / 1,000,000 × 100 = 90.1 → × 0.25 = 22.525
    //   技术 60, 60, 60 → 60; total = 82.525 exactly → half-up 82.53 (half-to-even would give 82.52)
    // bid-a: 100 × 0.25 + 70 = 95.00.
    const input: ScoringInput = {
      method: 'comprehensive',
      priceWeightPercent: 25,
      criteria: [{ id: 'tech', name: '技术', maxPoints: 75 }],
      bids: [makeBid('bid-a', 901_000, 'large'), makeBid('bid-b', 1_000_000, 'large')],
      sheets: ['m1', 'm2', 'm3'].map((memberId) => ({
        memberId,
        scores: { 'bid-a': { tech: 70 }, 'bid-b': { tech: 60 } },
      })),
    };

    // Act
    const result = scoreBids(input);

    // Assess
    expect(findBid(result, 'bid-b').priceScore).toBe('90.10');
    expect(findBid(result, 'bid-b').total).toBe('82.53');
    expect(findBid(result, 'bid-a').total).toBe('95.00');
  });
});

describe('scoreBids: outliers', () => {
  test('flags points far from the median for confirmation and still counts them in the mean', () => {
    // Prepare
    // bid-a 技术 (max 50): m1 45, m2 48, m3 5 → median 45; limit = 30% × 50 = 15.
    //   |5 − 45| = 40 > 15 → outlier; |48 − 45| = 3 → fine.
    //   mean = (45 + 48 + 5) / 3 = 98/3 = 32.666… → 32.67 (dropping the 5 would give 46.50)
    // bid-a total: Fp 100 → 30; 服务 15 → 30 + 98/3 + 15 = 233/3 = 77.666… → 77.67
    const input: ScoringInput = {
      method: 'comprehensive',
      priceWeightPercent: 30,
      criteria: TECH_AND_SERVICE,
      bids: [makeBid('bid-a', 1_000_000, 'large'), makeBid('bid-b', 1_100_000, 'large')],
      sheets: [
        makeSheet('m1', { 'bid-a': [45, 15], 'bid-b': [40, 15] }),
        makeSheet('m2', { 'bid-a': [48, 15], 'bid-b': [41, 15] }),
        makeSheet('m3', { 'bid-a': [5, 15], 'bid-b': [42, 15] }),
      ],
    };

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.outliers).toEqual([
      { memberId: 'm3', bidId: 'bid-a', criterionId: 'tech', points: '5.00', median: '45.00' },
    ]);
    expect(findBid(result, 'bid-a').criteriaScores['tech']).toBe('32.67');
    expect(findBid(result, 'bid-a').total).toBe('77.67');
  });

  test('uses the exact median of an even committee and flags only strictly more than 30%', () => {
    // Prepare
    // Four members, 技术 max 50 (price weight 50), limit 15.
    // bid-a: 27.5, 40, 45, 50 → median (40 + 45) / 2 = 42.5; |27.5 − 42.5| = 15 exactly → NOT an outlier.
    // bid-b: 30, 45.01, 45.02, 50 → median (45.01 + 45.02) / 2 = 45.015; |30 − 45.015| = 15.015 > 15 → outlier.
    const input: ScoringInput = {
      method: 'comprehensive',
      priceWeightPercent: 50,
      criteria: [{ id: 'tech', name: '技术', maxPoints: 50 }],
      bids: [makeBid('bid-a', 1_000_000, 'large'), makeBid('bid-b', 1_000_000, 'large')],
      sheets: [
        { memberId: 'm1', scores: { 'bid-a': { tech: 27.5 }, 'bid-b': { tech: 30 } } },
        { memberId: 'm2', scores: { 'bid-a': { tech: 40 }, 'bid-b': { tech: 45.01 } } },
        { memberId: 'm3', scores: { 'bid-a': { tech: 45 }, 'bid-b': { tech: 45.02 } } },
        { memberId: 'm4', scores: { 'bid-a': { tech: 50 }, 'bid-b': { tech: 50 } } },
      ],
    };

    // Act
    const result = scoreBids(input);

    // Assess
    expect(result.outliers).toEqual([
      { memberId: 'm1', bidId: 'bid-b', criterionId: 'tech', points: '30.00', median: '45.015' },
    ]);
  });
});

describe('validateScoringInput and scoreBids refusals', () => {
  test('accepts the base input with no issues', () => {
    // Prepare
    const input = makeBaseInput(10);

    // Act
    const issues = validateScoringInput(input);

    // Assess
    expect(issues).toEqual([]);
  });

  test.each([
    ['more than 2 decimals', 44.555, /at most 2 decimals/],
    ['more than the criterion maximum', 50.01, /must not exceed the criterion's 50.00 points/],
    ['a negative value', -1, /must not be negative/],
    ['NaN', Number.NaN, /finite number/],
    ['a float sum that is not a 2-decimal number', 0.1 + 0.2, /at most 2 decimals/],
    ['a string', '45', /finite number/],
  ])('refuses %s with a ValidationError at the point path', (_label, points, message) => {
    // Prepare
    const input = makeBaseInput();
    const sheet = input.sheets[1] as { scores: Record<string, Record<string, unknown>> };
    (sheet.scores['bid-a'] as Record<string, unknown>)['tech'] = points;

    // Act
    const error = catchError(() => scoreBids(input));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).errors;
    expect(issues.map((issue) => issue.path)).toEqual(['sheets.1.scores.bid-a.tech']);
    expect(issues[0]?.message.en).toMatch(message);
    expect(issues[0]?.message.zh).toMatch(/^sheets\.1\.scores\.bid-a\.tech：/);
  });

  test('names a missing score by member, bid and criterion', () => {
    // Prepare
    const input = makeBaseInput();
    const sheet = input.sheets[2] as { scores: Record<string, Record<string, number>> };
    delete (sheet.scores['bid-b'] as Record<string, number>)['svc'];

    // Act
    const error = catchError(() => scoreBids(input));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((issue) => issue.path)).toEqual([
      'sheets.2.scores.bid-b.svc',
    ]);
    expect((error as ValidationError).detail.en).toMatch(/score is missing/);
  });

  test('refuses weights that do not sum to 100, citing 87号令第五十五条', () => {
    // Prepare
    // 30 + 50 + 25 = 105.
    const input: ScoringInput = {
      ...makeBaseInput(),
      criteria: [
        { id: 'tech', name: '技术', maxPoints: 50 },
        { id: 'svc', name: '服务', maxPoints: 25 },
      ],
    };

    // Act
    const issues = validateScoringInput(input);

    // Assess
    expect(issues.map((issue) => issue.path)).toEqual(['criteria']);
    expect(issues[0]?.message.en).toMatch(/sum to 100, not 105\.00/);
    expect(issues[0]?.citation).toBe('87号令第五十五条');
    expect(() => scoreBids(input)).toThrow(ValidationError);
  });

  test.each([
    ['a deduction above 20%', { smallMicroDeductionPercent: 25 }, 'smallMicroDeductionPercent'],
    ['a deduction with 3 decimals', { smallMicroDeductionPercent: 12.345 }, 'smallMicroDeductionPercent'],
    ['a negative deduction', { smallMicroDeductionPercent: -10 }, 'smallMicroDeductionPercent'],
    [
      'a deduction for highest price',
      { method: 'highestPrice', smallMicroDeductionPercent: 10 },
      'smallMicroDeductionPercent',
    ],
    ['an unknown method', { method: 'lottery' }, 'method'],
    ['a fractional price weight', { priceWeightPercent: 30.5 }, 'priceWeightPercent'],
    ['no sheets', { sheets: [] }, 'sheets'],
  ])('refuses %s', (_label, patch, path) => {
    // Prepare
    const input = { ...makeBaseInput(), ...patch } as ScoringInput;

    // Act
    const issues = validateScoringInput(input);

    // Assess
    expect(issues.map((issue) => issue.path)).toContain(path);
  });

  test('refuses bad bids and a sheet scoring a bid that is not in the list', () => {
    // Prepare
    const input = makeBaseInput();
    const bids = [...input.bids, makeBid('bid-a', 0, 'large')];
    const sheets = input.sheets.map((sheet, index) =>
      index === 0 ? { ...sheet, scores: { ...sheet.scores, 'bid-x': { tech: 1, svc: 1 } } } : sheet,
    );

    // Act
    const issues = validateScoringInput({ ...input, bids, sheets });

    // Assess
    expect(issues.map((issue) => issue.path)).toEqual([
      'bids.3.bidId',
      'bids.3.priceFen',
      'sheets.0.scores.bid-x',
    ]);
  });
});

/** Scales drawn by the generators. */
const SCALES: readonly SupplierScale[] = ['large', 'medium', 'small', 'micro'];

/**
 * Random valid inputs: 3–8 bids, 3–7 members, 1–4 criteria whose maxima (in hundredths) fill 100 − price
 * weight, prices that often coincide (to produce ties), any scale, deduction absent/0/10/20.
 */
function arbitraryInput(method: ScoringInput['method']): fc.Arbitrary<ScoringInput> {
  return fc
    .record({
      priceWeight: fc.integer({ min: 10, max: 70 }),
      criterionCount: fc.integer({ min: 1, max: 4 }),
      bidCount: fc.integer({ min: 3, max: 8 }),
      memberCount: fc.integer({ min: 3, max: 7 }),
    })
    .chain(({ priceWeight, criterionCount, bidCount, memberCount }) => {
      const rest = (100 - priceWeight) * 100;
      return fc.record({
        priceWeight: fc.constant(priceWeight),
        cuts: fc.uniqueArray(fc.integer({ min: 1, max: rest - 1 }), {
          minLength: criterionCount - 1,
          maxLength: criterionCount - 1,
        }),
        bids: fc.array(
          fc.record({
            priceFen: fc.oneof(
              fc.constantFrom(900_000, 1_000_000, 1_100_000),
              fc.integer({ min: 100_000, max: 5_000_000 }),
            ),
            scale: fc.constantFrom(...SCALES),
          }),
          { minLength: bidCount, maxLength: bidCount },
        ),
        deduction: method === 'highestPrice' ? fc.constant(undefined) : fc.constantFrom(undefined, 0, 10, 20),
        raw: fc.array(
          fc.array(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 4, maxLength: 4 }), {
            minLength: bidCount,
            maxLength: bidCount,
          }),
          { minLength: memberCount, maxLength: memberCount },
        ),
      });
    })
    .map(({ priceWeight, cuts, bids, deduction, raw }) => {
      const rest = (100 - priceWeight) * 100;
      const edges = [0, ...[...cuts].sort((a, b) => a - b), rest];
      const maxima = edges.slice(1).map((edge, index) => edge - (edges[index] ?? 0));
      const criteria = maxima.map((max, index) => ({
        id: `c${index}`,
        name: `因素${index}`,
        maxPoints: max / 100,
      }));
      const bidList = bids.map((bid, index) => makeBid(`bid-${index}`, bid.priceFen, bid.scale));
      const sheets = raw.map((perBid, member) => {
        const scores: Record<string, Record<string, number>> = {};
        perBid.forEach((perCriterion, bidIndex) => {
          const row: Record<string, number> = {};
          maxima.forEach((max, criterionIndex) => {
            row[`c${criterionIndex}`] =
              Math.floor(((perCriterion[criterionIndex] ?? 0) * max) / 10_000) / 100;
          });
          scores[`bid-${bidIndex}`] = row;
        });
        return { memberId: `m${member}`, scores };
      });
      const input: ScoringInput = {
        method,
        priceWeightPercent: priceWeight,
        criteria,
        bids: bidList,
        sheets,
      };
      if (deduction !== undefined) {
        input.smallMicroDeductionPercent = deduction;
      }
      return input;
    });
}

describe('scoreBids: properties', () => {
  test.each(['comprehensive', 'lowestPrice'] as const)(
    '%s: lowering one bidder’s price never worsens its rank',
    (method) => {
      // Prepare
      const property = fc.property(
        arbitraryInput(method),
        fc.nat(),
        fc.integer({ min: 1, max: 2_000_000 }),
        (input, pick, cut) => {
          const index = pick % input.bids.length;
          const target = input.bids[index]!;
          const lowered = input.bids.map((bid, i) =>
            i === index ? { ...bid, priceFen: Math.max(1, bid.priceFen - cut) } : bid,
          );

          // Act
          const before = scoreBids(input);
          const after = scoreBids({ ...input, bids: lowered });

          // Assess
          expect(validateScoringInput(input)).toEqual([]);
          expect(findBid(after, target.bidId).rank).toBeLessThanOrEqual(findBid(before, target.bidId).rank);
        },
      );

      // Act + Assess
      fc.assert(property, { numRuns: 200 });
    },
  );

  test.each(['comprehensive', 'lowestPrice', 'highestPrice'] as const)(
    '%s: the result does not depend on the order of bids and sheets',
    (method) => {
      // Prepare
      const property = fc.property(
        arbitraryInput(method).chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.bids], {
              minLength: input.bids.length,
              maxLength: input.bids.length,
            }),
            fc.shuffledSubarray([...input.sheets], {
              minLength: input.sheets.length,
              maxLength: input.sheets.length,
            }),
          ),
        ),
        ([input, bids, sheets]) => {
          // Act
          const original = scoreBids(input);
          const shuffled = scoreBids({ ...input, bids, sheets });

          // Assess
          expect(shuffled).toEqual(original);
        },
      );

      // Act + Assess
      fc.assert(property, { numRuns: 200 });
    },
  );
});

/** A bid id as the API writes it (a ULID). */
const BID_ULID = '01J0000000000000000000000B';

describe('parseHundredths and the score-sheet schema: exact hundredths', () => {
  test('accepts every one of the 10,001 two-decimal values 0.00..100.00 and converts each exactly', () => {
    const refusedBySchema: string[] = [];
    const wrong: string[] = [];
    for (let i = 0; i <= 10_000; i += 1) {
      const typed = `${Math.floor(i / 100)}.${String(i % 100).padStart(2, '0')}`;
      // What a JSON body carries: the double nearest to the typed decimal
      const points = JSON.parse(typed) as number;
      if (parseHundredths(points) !== BigInt(i)) wrong.push(typed);
      const parsed = ScoreSheetBodySchema.safeParse({ scores: { [BID_ULID]: { c1: points } } });
      if (!parsed.success) refusedBySchema.push(typed);
    }
    expect(wrong).toEqual([]);
    expect(refusedBySchema).toEqual([]);
  });

  test('refuses more than two decimals, exponent forms included, and negatives', () => {
    for (const value of [38.555, 0.001, 1e-7, 5e-324, 0.1 + 0.2, 100.001, -1, -0.5, Number.NaN]) {
      expect(parseHundredths(value), String(value)).toBeUndefined();
    }
    expect(parseHundredths(1e21)).toBe(10n ** 23n);
    expect(parseHundredths(1.5e-1)).toBe(15n);
    expect(parseHundredths(-0)).toBe(0n);
    const parsed = ScoreSheetBodySchema.safeParse({ scores: { [BID_ULID]: { c1: 38.555 } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([`scores.${BID_ULID}.c1`]);
  });

  test('scores 38.55, 4.35 and 1.1 exactly, where ×100 in floating point is off', () => {
    const result = scoreBids({
      method: 'comprehensive',
      priceWeightPercent: 30,
      criteria: [
        { id: 'c1', name: '技术', maxPoints: 40 },
        { id: 'c2', name: '服务', maxPoints: 20 },
        { id: 'c3', name: '业绩', maxPoints: 10 },
      ],
      bids: [makeBid('b1', 100_000_00, 'large')],
      sheets: [
        { memberId: 'm1', scores: { b1: { c1: 38.55, c2: 4.35, c3: 1.1 } } },
        { memberId: 'm2', scores: { b1: { c1: 38.56, c2: 4.36, c3: 1.11 } } },
      ],
    });
    // 30 + 38.555 + 4.355 + 1.105 = 74.015 exactly → 74.02 (half-up, once)
    expect(findBid(result, 'b1')).toMatchObject({
      criteriaScores: { c1: '38.56', c2: '4.36', c3: '1.11' },
      total: '74.02',
    });
  });
});
