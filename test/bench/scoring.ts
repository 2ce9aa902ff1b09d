import { performance } from 'node:perf_hooks';
import type { ScoreSheet, ScoringBid, ScoringInput, SupplierScale } from '../../shared/domain/scoring';
import { scoreBids } from '../../shared/domain/scoring';
import { scoreBids as scoreBidsReference } from '../helpers/scoring-reference';

/**
 * The scoring engine's bench (issue 11): the exact engine of `shared/domain/scoring.ts` against a
 * float baseline and against the frozen pre-issue-11 engine, on one committee-sized lot. Prints
 * figures; asserts nothing about speed (the equivalence test asserts the exactness).
 */

/** The size of the benched lot: 200 bids, 9 committee members, 30 non-price criteria. */
export const BENCH_LOT = { bids: 200, members: 9, criteria: 30 } as const;

/** Timed rounds per measure (after warm-up); the median and the range are printed. */
const ROUNDS = 15;

/** Untimed calls before the rounds, so the JIT has compiled each engine. */
const WARM_UP = 5;

/** The goal of issue 11 for the exact engine on {@link BENCH_LOT}, in ms (median). */
const GOAL_MS = 50;

/** A small deterministic PRNG (mulberry32), so every run benches the same lot. */
function makeRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Builds a comprehensive lot: price weight 40, 30 criteria of 2 points, every third bid small or
 * micro with a 10% deduction, points in hundredths up to each criterion's maximum.
 */
export function makeBenchInput(
  bidCount: number = BENCH_LOT.bids,
  memberCount: number = BENCH_LOT.members,
  criterionCount: number = BENCH_LOT.criteria,
): ScoringInput {
  const random = makeRandom(11);
  const priceWeightPercent = 40;
  // 6000 hundredths shared out as evenly as whole hundredths allow.
  const criteria = Array.from({ length: criterionCount }, (_, index) => {
    const hundredths = Math.floor(6000 / criterionCount) + (index < 6000 % criterionCount ? 1 : 0);
    return { id: `c${index + 1}`, name: `评审因素${index + 1}`, maxPoints: hundredths / 100 };
  });
  const scales: SupplierScale[] = ['large', 'medium', 'small', 'micro'];
  const bids: ScoringBid[] = Array.from({ length: bidCount }, (_, index) => ({
    bidId: `bid-${String(index).padStart(4, '0')}`,
    supplierName: `供应商${index}`,
    priceFen: 90_000_000 + Math.floor(random() * 20_000_000),
    scale: index % 3 === 0 ? (scales[2 + (index % 2)] ?? 'small') : (scales[index % 2] ?? 'large'),
  }));
  const sheets: ScoreSheet[] = Array.from({ length: memberCount }, (_, member) => {
    const scores: Record<string, Record<string, number>> = {};
    for (const bid of bids) {
      const row: Record<string, number> = {};
      for (const criterion of criteria) {
        const max = Math.round(criterion.maxPoints * 100);
        row[criterion.id] = Math.floor(random() * (max + 1)) / 100;
      }
      scores[bid.bidId] = row;
    }
    return { memberId: `expert-${member + 1}`, scores };
  });
  return {
    method: 'comprehensive',
    priceWeightPercent,
    criteria,
    smallMicroDeductionPercent: 10,
    bids,
    sheets,
  };
}

/** What the float baseline returns: the same figures as the engine, computed in doubles. */
interface FloatResult {
  base: string;
  bids: {
    bidId: string;
    priceScore: string;
    total: string;
    rank: number;
    criteriaScores: Record<string, string>;
  }[];
  candidates: string[];
  outliers: { memberId: string; bidId: string; criterionId: string; points: string; median: string }[];
}

/** Whether a number is finite, non-negative and has at most 2 decimals, checked in doubles. */
function isFloatHundredths(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    Math.round(value * 100) / 100 === value
  );
}

/**
 * The float version of issue 11: the same computation in plain doubles (a light validation pass,
 * price score, criterion means, weighted totals, ranking, medians and outliers). Not exact: it is
 * only the yardstick the exact engine is measured against.
 */
export function scoreBidsFloat(input: ScoringInput): FloatResult {
  for (const bid of input.bids) {
    if (!Number.isSafeInteger(bid.priceFen) || bid.priceFen < 1) throw new Error(`bad price ${bid.bidId}`);
  }
  for (const sheet of input.sheets) {
    for (const bid of input.bids) {
      const row = sheet.scores[bid.bidId];
      for (const criterion of input.criteria) {
        const points = row?.[criterion.id];
        if (!isFloatHundredths(points) || points > criterion.maxPoints) {
          throw new Error(`bad points ${sheet.memberId} ${bid.bidId} ${criterion.id}`);
        }
      }
    }
  }
  const deduction = (input.smallMicroDeductionPercent ?? 0) / 100;
  const evaluated = input.bids.map((bid) =>
    deduction > 0 && (bid.scale === 'small' || bid.scale === 'micro')
      ? bid.priceFen * (1 - deduction)
      : bid.priceFen,
  );
  const base = Math.min(...evaluated);
  const memberCount = input.sheets.length;
  const scored = input.bids.map((bid, index) => {
    const priceScore = (base / (evaluated[index] ?? 1)) * 100;
    let total = (priceScore * input.priceWeightPercent) / 100;
    const criteriaScores: Record<string, string> = {};
    for (const criterion of input.criteria) {
      let sum = 0;
      for (const sheet of input.sheets) sum += sheet.scores[bid.bidId]?.[criterion.id] ?? 0;
      const mean = sum / memberCount;
      criteriaScores[criterion.id] = mean.toFixed(2);
      total += mean;
    }
    return {
      bidId: bid.bidId,
      priceFen: bid.priceFen,
      priceScore: priceScore.toFixed(2),
      total,
      criteriaScores,
    };
  });
  scored.sort((a, b) => b.total - a.total || a.priceFen - b.priceFen || (a.bidId < b.bidId ? -1 : 1));
  let rank = 0;
  const ranked = scored.map((entry, index) => {
    if (index === 0 || (scored[index - 1]?.total ?? 0) !== entry.total) rank = index + 1;
    return {
      bidId: entry.bidId,
      priceScore: entry.priceScore,
      total: entry.total.toFixed(2),
      rank,
      criteriaScores: entry.criteriaScores,
    };
  });
  const sheets = [...input.sheets].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const outliers: FloatResult['outliers'] = [];
  for (const entry of ranked) {
    for (const criterion of input.criteria) {
      const points = sheets.map((sheet) => sheet.scores[entry.bidId]?.[criterion.id] ?? 0);
      const sorted = [...points].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median =
        sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
      points.forEach((given, index) => {
        if (Math.abs(given - median) > criterion.maxPoints * 0.3) {
          outliers.push({
            memberId: sheets[index]?.memberId ?? '',
            bidId: entry.bidId,
            criterionId: criterion.id,
            points: given.toFixed(2),
            median: String(median),
          });
        }
      });
    }
  }
  return {
    base: base.toFixed(2),
    bids: ranked,
    candidates: ranked.slice(0, 3).map((bid) => bid.bidId),
    outliers,
  };
}

/** Median and range of a list of samples, in ms. */
export interface Summary {
  median: number;
  min: number;
  max: number;
}

/** Runs `fn` for the warm-up, then times {@link ROUNDS} calls. */
function measure(fn: () => unknown): Summary {
  for (let i = 0; i < WARM_UP; i += 1) fn();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)] ?? Number.NaN,
    min: samples[0] ?? Number.NaN,
    max: samples.at(-1) ?? Number.NaN,
  };
}

/** One bench line: name, rounds, median and range. */
function printSummary(name: string, summary: Summary, extra = ''): void {
  console.log(
    `${name.padEnd(38)} n=${String(ROUNDS).padStart(5)}  p50=${summary.median.toFixed(1).padStart(7)} ms  range=${summary.min.toFixed(1)}–${summary.max.toFixed(1)} ms${extra}`,
  );
}

/**
 * Benches the scoring of {@link BENCH_LOT}: the exact engine (against the 50 ms goal), the float
 * baseline, the exact/float ratio and the pre-issue-11 engine.
 */
export function benchScoring(): { exact: Summary; float: Summary; old: Summary } {
  const input = makeBenchInput();
  const lot = `${BENCH_LOT.bids}×${BENCH_LOT.members}×${BENCH_LOT.criteria}`;
  const exact = measure(() => scoreBids(input));
  const float = measure(() => scoreBidsFloat(input));
  const old = measure(() => scoreBidsReference(input));
  const verdict = exact.median <= GOAL_MS ? 'within' : 'OVER';
  printSummary(`score ${lot} exact (engine)`, exact, `  goal ≤${GOAL_MS} ms: ${verdict}`);
  printSummary(`score ${lot} float baseline`, float);
  console.log(
    `${`score ${lot} exact / float`.padEnd(38)} ratio=${(exact.median / float.median).toFixed(2)}×  (old / float ${(old.median / float.median).toFixed(2)}×)`,
  );
  printSummary(
    `score ${lot} old exact (pre-issue-11)`,
    old,
    `  new is ${(old.median / exact.median).toFixed(1)}× faster`,
  );
  return { exact, float, old };
}
