import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../shared/domain/errors';
import { MAX_FEN } from '../../shared/domain/money';
import type { EvaluationMethod } from '../../shared/domain/rules';
import {
  type ScoreSheet,
  type ScoringBid,
  type ScoringCriterion,
  type ScoringInput,
  type SupplierScale,
  scoreBids,
  validateScoringInput,
} from '../../shared/domain/scoring';
import { makeBenchInput } from '../bench/scoring';
import {
  scoreBids as scoreBidsReference,
  validateScoringInput as validateScoringInputReference,
} from '../helpers/scoring-reference';

/**
 * Issue 11 rewrote the scoring engine for speed (one pass over the sheets, fractions over known
 * denominators instead of a gcd at every step). The committee's arithmetic must not move by 0.01:
 * every property here runs random inputs through both the new engine and the frozen pre-issue-11
 * engine (`test/helpers/scoring-reference.ts`) and asserts the same result, field for field and in
 * the same order, or the same ValidationError with the same issues.
 */

/** The heavy properties take ~15 s alone; on a shared 2-core machine they get room beyond the default 30 s. */
const PROPERTY_TIMEOUT_MS = 120_000;

/** Bid ids mixing cases, digits and CJK so the code-unit tie-break is exercised. */
const BID_IDS = ['b1', 'b2', 'b10', 'B3', 'a', 'bid-ä', '标1', 'z9', 'b01', 'Z'];

/** Member ids, likewise. */
const MEMBER_IDS = ['m1', 'm2', 'm10', 'M3', 'expert-a', '专家乙', 'x', 'm02'];

const SCALES: readonly SupplierScale[] = ['large', 'medium', 'small', 'micro'];

/** Values that break a field in interesting ways: float noise, exponents, -0, huge and wrong types. */
const ODD_VALUES: readonly unknown[] = [
  -0,
  0,
  1e-7,
  0.1 + 0.2,
  38.555,
  12.345,
  1e21,
  1e300,
  1_000_000.01,
  1_234_567.89,
  2 ** 53,
  2 ** 49 + 0.125,
  1e15 + 0.5,
  2 ** 46 + 0.015625,
  MAX_FEN,
  MAX_FEN + 1,
  100,
  100.01,
  20,
  20.01,
  2.5,
  1.5,
  -1,
  -0.01,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  '5',
  '',
  'x',
  null,
  undefined,
  true,
  {},
  [],
  [1],
];

/** An odd value, or any double, or a small decimal. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...ODD_VALUES), weight: 4 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.integer({ min: -100, max: 20_000 }).map((h) => h / 100), weight: 2 },
);

/** A deduction percent: absent, 0, whole or 2-decimal percents up to 20. */
const deductionArb: fc.Arbitrary<number | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(0),
  fc.constantFrom(6, 10, 12.5, 20),
  fc.integer({ min: 0, max: 2000 }).map((h) => h / 100),
);

/** A quoted price: anywhere up to the schema's MAX_FEN, near the ends, or from a few (for ties). */
function priceArb(tieProne: boolean): fc.Arbitrary<number> {
  return tieProne
    ? fc.constantFrom(1_000_000, 1_100_000, 1_250_000, 900_000)
    : fc.oneof(
        fc.integer({ min: 1, max: MAX_FEN }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(1, 3, 7, 99, MAX_FEN, MAX_FEN - 1),
        fc.integer({ min: 1_000_000, max: 1_100_000 }),
      );
}

/** 1..6 bids with unique ids. */
function bidsArb(tieProne: boolean): fc.Arbitrary<ScoringBid[]> {
  return fc.uniqueArray(fc.constantFrom(...BID_IDS), { minLength: 1, maxLength: 6 }).chain((ids) =>
    fc.tuple(
      ...ids.map((bidId) =>
        fc.record({
          bidId: fc.constant(bidId),
          supplierName: fc.constantFrom('供应商甲', '供应商乙', '', 'Acme'),
          priceFen: priceArb(tieProne),
          scale: fc.constantFrom(...SCALES),
        }),
      ),
    ),
  );
}

/** 0..4 criteria whose maxima (2 decimals) and the integer price weight sum to exactly 100. */
const weightsArb: fc.Arbitrary<{ priceWeightPercent: number; criteria: ScoringCriterion[] }> = fc
  .oneof(fc.constantFrom(0, 10, 30, 40, 60, 99, 100), fc.integer({ min: 0, max: 100 }))
  .chain((priceWeightPercent) => {
    const remaining = (100 - priceWeightPercent) * 100;
    if (remaining === 0) {
      return fc.constant({ priceWeightPercent, criteria: [] });
    }
    return fc.integer({ min: 1, max: Math.min(4, remaining) }).chain((count) =>
      fc
        .uniqueArray(fc.integer({ min: 1, max: remaining - 1 }), {
          minLength: count - 1,
          maxLength: count - 1,
        })
        .map((cuts) => {
          const edges = [0, ...[...cuts].sort((a, b) => a - b), remaining];
          const criteria = edges.slice(1).map((edge, index) => ({
            id: `c${index + 1}`,
            name: `因素${index + 1}`,
            maxPoints: (edge - (edges[index] ?? 0)) / 100,
          }));
          return { priceWeightPercent, criteria };
        }),
    );
  });

/**
 * Points in hundredths up to `max`: anywhere, at the ends, or (tie-prone) from a few values, as
 * whole hundredths divided by 100 the way a form sends them.
 */
function pointsArb(max: number, tieProne: boolean): fc.Arbitrary<number> {
  const hundredths = tieProne
    ? fc.constantFrom(0, max, Math.floor(max / 2), Math.floor(max / 3))
    : fc.oneof(
        { arbitrary: fc.integer({ min: 0, max }), weight: 4 },
        { arbitrary: fc.constantFrom(0, max), weight: 1 },
      );
  return hundredths.map((h) => h / 100);
}

/** Sheets (1..maxSheets members) scoring every bid on every criterion. */
function sheetsArb(
  bids: readonly ScoringBid[],
  criteria: readonly ScoringCriterion[],
  tieProne: boolean,
  maxSheets: number,
): fc.Arbitrary<ScoreSheet[]> {
  const row = fc.tuple(
    ...criteria.map((criterion) => pointsArb(Math.round(criterion.maxPoints * 100), tieProne)),
  );
  const scores = fc.tuple(...bids.map(() => row)).map((rows) => {
    const byBid: Record<string, Record<string, number>> = {};
    bids.forEach((bid, b) => {
      const points: Record<string, number> = {};
      criteria.forEach((criterion, c) => {
        points[criterion.id] = rows[b]?.[c] ?? 0;
      });
      byBid[bid.bidId] = points;
    });
    return byBid;
  });
  return fc
    .uniqueArray(fc.constantFrom(...MEMBER_IDS), { minLength: 1, maxLength: maxSheets })
    .chain((memberIds) =>
      fc.tuple(...memberIds.map((memberId) => scores.map((s) => ({ memberId, scores: s })))),
    );
}

/** A valid comprehensive input (综合评分法). */
function comprehensiveArb(tieProne: boolean, maxSheets = 7): fc.Arbitrary<ScoringInput> {
  return fc
    .record({ weights: weightsArb, bids: bidsArb(tieProne), deduction: deductionArb })
    .chain(({ weights, bids, deduction }) =>
      sheetsArb(bids, weights.criteria, tieProne, maxSheets).map(
        (sheets): ScoringInput => ({
          method: 'comprehensive',
          priceWeightPercent: weights.priceWeightPercent,
          criteria: weights.criteria,
          ...(deduction === undefined ? {} : { smallMicroDeductionPercent: deduction }),
          bids,
          sheets,
        }),
      ),
    );
}

/** A valid price-only input; criteria and sheets are unused and left as whatever was given. */
function priceOnlyArb(method: Exclude<EvaluationMethod, 'comprehensive'>, tieProne: boolean) {
  return fc
    .record({
      bids: bidsArb(tieProne),
      deduction: method === 'highestPrice' ? fc.constantFrom(undefined, 0) : deductionArb,
    })
    .map(
      ({ bids, deduction }): ScoringInput => ({
        method,
        priceWeightPercent: 0,
        criteria: [],
        ...(deduction === undefined ? {} : { smallMicroDeductionPercent: deduction }),
        bids,
        sheets: [],
      }),
    );
}

/** What a call produced: its result, or the ValidationError's fields. */
function runEngine(act: () => unknown): unknown {
  try {
    return { returned: act() };
  } catch (error) {
    if (!(error instanceof ValidationError)) {
      throw error;
    }
    return {
      thrown: {
        name: error.name,
        message: error.message,
        status: error.status,
        detail: error.detail,
        errors: error.errors,
      },
    };
  }
}

/** Asserts both engines agree on the input: same result (same key and element order) or same error. */
function expectSameAsReference(input: ScoringInput): void {
  // Act
  const actual = runEngine(() => scoreBids(input));
  const expected = runEngine(() => scoreBidsReference(input));

  // Assess
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect(validateScoringInput(input)).toStrictEqual(validateScoringInputReference(input));
}

/** One way of breaking (or changing) an input, with where and what to. */
interface Mutation {
  kind: (typeof MUTATION_KINDS)[number];
  at: number;
  other: number;
  value: unknown;
}

const MUTATION_KINDS = [
  'point',
  'point',
  'point',
  'deletePoint',
  'strayCriterion',
  'strayBid',
  'row',
  'scores',
  'sheet',
  'memberId',
  'duplicateMember',
  'bidId',
  'duplicateBid',
  'price',
  'scale',
  'supplierName',
  'maxPoints',
  'criterionId',
  'duplicateCriterion',
  'criterionName',
  'criterion',
  'weight',
  'deduction',
  'method',
  'sheets',
  'bids',
  'criteria',
  'input',
] as const;

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  at: fc.nat(),
  other: fc.nat(),
  value: oddValue,
});

/** The element of a non-empty list at `at` modulo its length. */
function pick<T>(list: readonly T[], at: number): T | undefined {
  return list.length === 0 ? undefined : list[at % list.length];
}

/** The value as a mutable object, or undefined when it is not a plain object. */
function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Applies one mutation in place to a loose copy of an input; returns the (maybe replaced) input. */
function applyMutation(target: Record<string, unknown>, mutation: Mutation): unknown {
  const { at, other, value } = mutation;
  const bids = Array.isArray(target['bids']) ? (target['bids'] as unknown[]) : [];
  const sheets = Array.isArray(target['sheets']) ? (target['sheets'] as unknown[]) : [];
  const criteria = Array.isArray(target['criteria']) ? (target['criteria'] as unknown[]) : [];
  const sheet = asRecord(pick(sheets, at));
  const scores = asRecord(sheet?.['scores']);
  const bid = asRecord(pick(bids, other));
  const bidId = typeof bid?.['bidId'] === 'string' ? bid['bidId'] : 'b1';
  const criterion = asRecord(pick(criteria, at + other));
  const criterionId = typeof criterion?.['id'] === 'string' ? criterion['id'] : 'c1';
  const row = asRecord(scores?.[bidId]);
  switch (mutation.kind) {
    case 'point':
      if (row) row[criterionId] = value;
      break;
    case 'deletePoint':
      if (row) delete row[criterionId];
      break;
    case 'strayCriterion':
      if (row) row[pick(['zz', 'c9', 'c10', ''], at) ?? 'zz'] = value;
      break;
    case 'strayBid':
      if (scores) scores[pick(['ghost', 'b99', ''], other) ?? 'ghost'] = {};
      break;
    case 'row':
      if (scores) scores[bidId] = value;
      break;
    case 'scores':
      if (sheet) sheet['scores'] = value;
      break;
    case 'sheet':
      if (sheets.length > 0) sheets[at % sheets.length] = value;
      break;
    case 'memberId':
      if (sheet) sheet['memberId'] = value;
      break;
    case 'duplicateMember':
      if (sheet) sheet['memberId'] = asRecord(pick(sheets, other))?.['memberId'];
      break;
    case 'bidId':
      if (bid) bid['bidId'] = value;
      break;
    case 'duplicateBid':
      if (bid) bid['bidId'] = asRecord(pick(bids, at))?.['bidId'];
      break;
    case 'price':
      if (bid) bid['priceFen'] = value;
      break;
    case 'scale':
      if (bid) bid['scale'] = pick(['tiny', 'Small', 'micro', 'large', undefined], at);
      break;
    case 'supplierName':
      if (bid) bid['supplierName'] = value;
      break;
    case 'maxPoints':
      if (criterion) criterion['maxPoints'] = value;
      break;
    case 'criterionId':
      if (criterion) criterion['id'] = value;
      break;
    case 'duplicateCriterion':
      if (criterion) criterion['id'] = asRecord(pick(criteria, other))?.['id'];
      break;
    case 'criterionName':
      if (criterion) criterion['name'] = value;
      break;
    case 'criterion':
      if (criteria.length > 0) criteria[at % criteria.length] = value;
      break;
    case 'weight':
      target['priceWeightPercent'] = pick([value, 0, 100, 101, 30.5, -1], at);
      break;
    case 'deduction':
      target['smallMicroDeductionPercent'] = pick([value, null, undefined, 10, 20, 20.01, 12.345], at);
      break;
    case 'method':
      target['method'] = pick(['comprehensive', 'lowestPrice', 'highestPrice', 'lowest', value], at);
      break;
    case 'sheets':
      target['sheets'] = pick([[], value], at);
      break;
    case 'bids':
      target['bids'] = pick([[], value], at);
      break;
    case 'criteria':
      target['criteria'] = pick([[], value], at);
      break;
    case 'input':
      return pick([null, value, [], 'input'], at);
  }
  return target;
}

describe('scoreBids equals the pre-issue-11 engine on every input (87号令第五十五条 to 第五十七条)', () => {
  test(
    'comprehensive scoring with the SME deduction, 1..7 sheets, prices up to MAX_FEN (87号令第五十五条)',
    () => {
      // Prepare
      const property = fc.property(comprehensiveArb(false), (input) => expectSameAsReference(input));

      // Act + Assess
      fc.assert(property, { numRuns: 10_000 });
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'comprehensive scoring with tied prices and tied totals (87号令第五十七条)',
    () => {
      // Prepare
      const property = fc.property(comprehensiveArb(true, 4), (input) => {
        expectSameAsReference(input);
      });

      // Act + Assess
      fc.assert(property, { numRuns: 3000 });
    },
    PROPERTY_TIMEOUT_MS,
  );

  test.each([
    ['lowestPrice', 3000],
    ['highestPrice', 2000],
  ] as const)(
    '%s ranks and ties (87号令第五十六条)',
    (method, numRuns) => {
      // Prepare
      const property = fc.property(
        fc.boolean().chain((ties) => priceOnlyArb(method, ties)),
        (input) => expectSameAsReference(input),
      );

      // Act + Assess
      fc.assert(property, { numRuns });
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'broken and changed inputs give the same ValidationError, issues and messages',
    () => {
      // Prepare
      const validInput = fc.oneof(
        comprehensiveArb(false, 4),
        comprehensiveArb(true, 3),
        priceOnlyArb('lowestPrice', false),
        priceOnlyArb('highestPrice', false),
      );
      const property = fc.property(
        validInput,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (input, mutations) => {
          let mutated: unknown = structuredClone(input);
          for (const mutation of mutations) {
            if (typeof mutated === 'object' && mutated !== null && !Array.isArray(mutated)) {
              mutated = applyMutation(mutated as Record<string, unknown>, mutation);
            }
          }
          expectSameAsReference(mutated as ScoringInput);
        },
      );

      // Act + Assess
      fc.assert(property, { numRuns: 5000 });
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'a committee-sized lot: 200 bids × 9 members × 30 criteria, every method',
    () => {
      // Prepare
      const lot = makeBenchInput();
      const inputs: ScoringInput[] = [
        lot,
        { ...lot, smallMicroDeductionPercent: 12.5 },
        { ...lot, method: 'lowestPrice' },
        { ...lot, method: 'highestPrice', smallMicroDeductionPercent: 0 },
        // Every member gives every bid the same points: the totals tie and the price decides.
        { ...lot, sheets: lot.sheets.map((sheet) => ({ ...sheet, scores: lot.sheets[0]?.scores ?? {} })) },
        makeBenchInput(60, 8, 5),
      ];

      // Act + Assess
      for (const input of inputs) {
        expectSameAsReference(input);
      }
      expect(scoreBids(lot).outliers.length).toBeGreaterThan(0);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
