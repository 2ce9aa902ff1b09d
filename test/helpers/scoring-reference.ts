/**
 * FROZEN ORACLE — the pre-issue-11 scoring engine, copied verbatim from `shared/domain/scoring.ts`
 * before its rewrite for speed, kept only as the oracle of `test/unit/scoring-equivalence.test.ts`
 * (and as the "old engine" line of `test/bench/scoring.ts`). Do not edit it and do not import it from
 * production code: the property test proves the new engine returns exactly what this one returns.
 */

/**
 * The evaluation committee's scoring engine (DESIGN.md §3): price scores, criterion means, totals,
 * ranking, the three candidates and the outlier points the committee must confirm.
 *
 * Scores are published, and a bidder who lost by 0.01 point will check the arithmetic, so every step
 * here is exact: prices, points and weights become BigInt rationals and are rounded once, half-up, to
 * two decimals at the very end (87号令第五十五条 to 第五十七条; the SME price deduction of
 * 财库〔2020〕46号第九条 as raised by 财库〔2022〕19号). The module is pure: no I/O, no clock.
 */

import type { FieldIssue } from '../../shared/domain/errors';
import { ValidationError } from '../../shared/domain/errors';
import type { Fen } from '../../shared/domain/money';
import { MAX_FEN, parseHundredths } from '../../shared/domain/money';
import type { EvaluationMethod } from '../../shared/domain/rules';
import { EVALUATION_METHODS } from '../../shared/domain/rules';

/** The size class of a supplier under the SME measures; only small and micro firms get the deduction. */
export type SupplierScale = 'large' | 'medium' | 'small' | 'micro';

/** One non-price scoring factor of a comprehensive evaluation. */
export interface ScoringCriterion {
  /** Stable id, used as the key of every score sheet and of {@link ScoredBid.criteriaScores}. */
  id: string;
  /** Display name, e.g. 技术. */
  name: string;
  /** Maximum points, positive, at most 2 decimals. */
  maxPoints: number;
}

/** One valid bid (投标文件通过符合性审查) as opened. */
export interface ScoringBid {
  /** Stable id, used as the key of every score sheet. */
  bidId: string;
  /** The supplier's name, copied to the result. */
  supplierName: string;
  /** The quoted price (投标报价) in integer 分; also the deal price if the bid wins. */
  priceFen: Fen;
  /** The supplier's size class, which decides the small/micro price deduction. */
  scale: SupplierScale;
}

/** One committee member's score sheet: points per bid per criterion. */
export interface ScoreSheet {
  /** The member's id, unique within the committee. */
  memberId: string;
  /** Points by bidId, then by criterion id; each 0..maxPoints with at most 2 decimals. */
  scores: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Everything the engine needs to score one lot. */
export interface ScoringInput {
  /** 综合评分法, 最低评标价法, or highest price for rights transfers. */
  method: EvaluationMethod;
  /** Comprehensive only: the price factor's weight in integer percent (0..100). */
  priceWeightPercent: number;
  /** Comprehensive only: the non-price factors; Σ maxPoints + priceWeightPercent must be 100. */
  criteria: readonly ScoringCriterion[];
  /** Percent 0..20 (at most 2 decimals) deducted from small/micro bids for evaluation; 0 or absent for none. */
  smallMicroDeductionPercent?: number;
  /** The valid bids only. */
  bids: readonly ScoringBid[];
  /** Comprehensive only: one sheet per committee member. */
  sheets: readonly ScoreSheet[];
}

/** One bid's scores and place, as published in the result notice. */
export interface ScoredBid {
  /** The bid's id. */
  bidId: string;
  /** The supplier's name. */
  supplierName: string;
  /** The quoted price in 分. */
  priceFen: Fen;
  /** The amount a contract would be signed for: always the quoted price, never the deducted one. */
  dealPriceFen: Fen;
  /** The price used for evaluation, in 分 with 2 decimals (e.g. "2700000.00"); exact for whole-percent deductions, else rounded half-up for display. */
  evaluatedPriceFen: string;
  /** Whether the small/micro deduction lowered the evaluated price. */
  deductionApplied: boolean;
  /** Comprehensive only: base / evaluated price × 100, 2 decimals; null otherwise. */
  priceScore: string | null;
  /** Comprehensive only: the mean of all members' points per criterion id, 2 decimals; {} otherwise. */
  criteriaScores: Record<string, string>;
  /** Comprehensive only: the weighted total, rounded once, 2 decimals; null otherwise. */
  total: string | null;
  /** Competition rank (1, 1, 3): one more than the number of bids strictly ahead. */
  rank: number;
  /** Whether another bid shares this rank. */
  tied: boolean;
}

/** A member's points that stray from the other members' and need the committee's confirmation. */
export interface ScoringOutlier {
  /** The member who gave the points. */
  memberId: string;
  /** The bid scored. */
  bidId: string;
  /** The criterion scored. */
  criterionId: string;
  /** The member's points, 2 decimals. */
  points: string;
  /** The median of all members' points for this bid and criterion (2 decimals, 3 when it is a half). */
  median: string;
}

/** The outcome of an evaluation. */
export interface ScoringResult {
  /** The method used. */
  method: EvaluationMethod;
  /** The evaluation base price in 分, 2 decimals: the lowest evaluated price (highest price for highestPrice). */
  base: string;
  /** Every bid, in rank order; tied bids by bidId. */
  bids: ScoredBid[];
  /** Up to three bidIds, in rank order: the 中标候选人. */
  candidates: string[];
  /** Points differing from the median by more than 30% of the criterion's maximum; they still count. */
  outliers: ScoringOutlier[];
}

/** Highest small/micro price deduction allowed, in hundredths of a percent (财库〔2022〕19号: 10%–20%). */
const MAX_DEDUCTION_HUNDREDTHS = 2000n;

/** How many candidates the result names. */
const CANDIDATE_COUNT = 3;

/** Citation for the weights and the price score. */
const CITATION_COMPREHENSIVE = '87号令第五十五条';

/** Citation for the small/micro price deduction. */
const CITATION_DEDUCTION = '财库〔2020〕46号第九条；财库〔2022〕19号';

/** A non-negative exact rational; `den` is positive and coprime with `num`. */
interface Fraction {
  /** Numerator. */
  readonly num: bigint;
  /** Denominator, always > 0. */
  readonly den: bigint;
}

/** Greatest common divisor of two non-negative BigInts. */
function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

/** Builds a normalised fraction, so equal values always have equal parts. */
function makeFraction(num: bigint, den = 1n): Fraction {
  if (den === 0n) {
    throw new RangeError('Fraction denominator must not be zero');
  }
  const sign = den < 0n ? -1n : 1n;
  const n = num * sign;
  const d = den * sign;
  const g = gcd(n < 0n ? -n : n, d);
  return { num: n / g, den: d / g };
}

/** a + b. */
function addFractions(a: Fraction, b: Fraction): Fraction {
  return makeFraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** a − b. */
function subtractFractions(a: Fraction, b: Fraction): Fraction {
  return makeFraction(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** a × b. */
function multiplyFractions(a: Fraction, b: Fraction): Fraction {
  return makeFraction(a.num * b.num, a.den * b.den);
}

/** a ÷ b; b must not be zero. */
function divideFractions(a: Fraction, b: Fraction): Fraction {
  return makeFraction(a.num * b.den, a.den * b.num);
}

/** −1, 0 or 1 as a is below, equal to or above b. */
function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** |a|. */
function absFraction(a: Fraction): Fraction {
  return a.num < 0n ? { num: -a.num, den: a.den } : a;
}

/**
 * Rounds to whole hundredths, half away from zero (四舍五入), the one rounding the engine does.
 *
 * Kept as a BigInt count of hundredths so ranking compares exactly what is published.
 */
function roundToHundredths(a: Fraction): bigint {
  const magnitude = (2n * (a.num < 0n ? -a.num : a.num) * 100n + a.den) / (2n * a.den);
  return a.num < 0n ? -magnitude : magnitude;
}

/** Formats an integer count of 10^-decimals units as a plain decimal string, e.g. 9345n, 2 → "93.45". */
function formatScaled(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Rounds half-up and formats with exactly 2 decimals. */
function formatFraction(a: Fraction): string {
  return formatScaled(roundToHundredths(a), 2);
}

/**
 * Formats a median of hundredths exactly: 2 decimals, or 3 when it lies halfway between two hundredths.
 *
 * A committee member told "median 45.68" when it is 45.675 would check the wrong figure.
 */
function formatMedian(median: Fraction): string {
  const thousandths = (median.num * 1000n) / median.den;
  return thousandths % 10n === 0n ? formatScaled(thousandths / 10n, 2) : formatScaled(thousandths, 3);
}

/** Whether `value` is a plain object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds one bilingual issue whose message starts with its path. */
function makeIssue(path: string, zh: string, en: string, citation?: string): FieldIssue {
  const issue: FieldIssue = { path, message: { zh: `${path}：${zh}`, en: `${path}: ${en}` } };
  if (citation !== undefined) {
    issue.citation = citation;
  }
  return issue;
}

/** Outcome of reading a number as an exact count of hundredths. */
type HundredthsReading = { ok: true; hundredths: bigint } | { ok: false; zh: string; en: string };

/** Reads a number as an exact count of hundredths (see {@link parseHundredths}), saying why not. */
function readHundredths(value: unknown): HundredthsReading {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { ok: false, zh: '必须是有限数字', en: 'must be a finite number' };
  }
  if (value < 0) {
    return { ok: false, zh: '不能为负数', en: 'must not be negative' };
  }
  const hundredths = parseHundredths(value);
  return hundredths === undefined
    ? { ok: false, zh: '最多保留2位小数', en: 'must have at most 2 decimals' }
    : { ok: true, hundredths };
}

/** Whether `value` is a non-empty string, the shape of every id. */
function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Reads the deduction as hundredths of a percent; absent and null mean 0.
 *
 * The rules table accepts any percent in the legal range (e.g. 12.5), so the engine takes 2 decimals too
 * rather than refusing at evaluation a tender that was accepted at publication.
 */
function readDeductionHundredths(value: unknown): HundredthsReading {
  return value === undefined || value === null ? { ok: true, hundredths: 0n } : readHundredths(value);
}

/**
 * Validates the bids and returns the ids usable for the sheet checks.
 *
 * Split out so a broken bid list still lets the sheets be checked against the bids that are fine.
 */
function validateBids(bids: unknown, issues: FieldIssue[]): string[] {
  if (!Array.isArray(bids) || bids.length === 0) {
    issues.push(makeIssue('bids', '至少需要一个有效投标', 'at least one valid bid is required'));
    return [];
  }
  const ids: string[] = [];
  const seen = new Set<string>();
  bids.forEach((bid: unknown, index) => {
    const path = `bids.${index}`;
    if (!isRecord(bid)) {
      issues.push(makeIssue(path, '必须是对象', 'must be an object'));
      return;
    }
    if (!isNonEmptyString(bid['bidId'])) {
      issues.push(makeIssue(`${path}.bidId`, '必须是非空字符串', 'must be a non-empty string'));
    } else if (seen.has(bid['bidId'])) {
      issues.push(
        makeIssue(`${path}.bidId`, `投标编号“${bid['bidId']}”重复`, `duplicate bidId '${bid['bidId']}'`),
      );
    } else {
      seen.add(bid['bidId']);
      ids.push(bid['bidId']);
    }
    if (typeof bid['supplierName'] !== 'string') {
      issues.push(makeIssue(`${path}.supplierName`, '必须是字符串', 'must be a string'));
    }
    const price = bid['priceFen'];
    if (typeof price !== 'number' || !Number.isSafeInteger(price) || price < 1 || price > MAX_FEN) {
      issues.push(
        makeIssue(
          `${path}.priceFen`,
          '必须是1分至1万亿元之间的整数分',
          'must be an integer number of fen from 1 to 10^14',
        ),
      );
    }
    if (!['large', 'medium', 'small', 'micro'].includes(bid['scale'] as string)) {
      issues.push(
        makeIssue(
          `${path}.scale`,
          '必须是 large、medium、small 或 micro',
          'must be large, medium, small or micro',
        ),
      );
    }
  });
  return ids;
}

/** The criteria as the sheet checks need them. */
interface CheckedCriteria {
  /** Every criterion id given once, valid maximum or not. */
  ids: string[];
  /** The valid maxima in hundredths, by id. */
  maxima: Map<string, bigint>;
}

/**
 * Validates the criteria and the weights; returns the criterion ids and their maxima in hundredths.
 *
 * The ids are returned even when a maximum is bad, so the sheets are not also blamed for scoring a
 * criterion that exists; the maxima let the sheet checks compare points exactly.
 */
function validateCriteria(
  criteria: unknown,
  priceWeightPercent: unknown,
  issues: FieldIssue[],
): CheckedCriteria {
  const checked: CheckedCriteria = { ids: [], maxima: new Map() };
  const weightOk =
    typeof priceWeightPercent === 'number' &&
    Number.isInteger(priceWeightPercent) &&
    priceWeightPercent >= 0 &&
    priceWeightPercent <= 100;
  if (!weightOk) {
    issues.push(
      makeIssue(
        'priceWeightPercent',
        '必须是0至100之间的整数',
        'must be an integer from 0 to 100',
        CITATION_COMPREHENSIVE,
      ),
    );
  }
  if (!Array.isArray(criteria)) {
    issues.push(makeIssue('criteria', '必须是数组', 'must be an array'));
    return checked;
  }
  let allOk = weightOk;
  let sum = weightOk ? BigInt(priceWeightPercent) * 100n : 0n;
  criteria.forEach((criterion: unknown, index) => {
    const path = `criteria.${index}`;
    if (!isRecord(criterion)) {
      issues.push(makeIssue(path, '必须是对象', 'must be an object'));
      allOk = false;
      return;
    }
    const id = criterion['id'];
    let newId: string | undefined;
    if (!isNonEmptyString(id)) {
      issues.push(makeIssue(`${path}.id`, '必须是非空字符串', 'must be a non-empty string'));
    } else if (checked.ids.includes(id)) {
      issues.push(makeIssue(`${path}.id`, `评审因素编号“${id}”重复`, `duplicate criterion id '${id}'`));
    } else {
      newId = id;
      checked.ids.push(id);
    }
    if (typeof criterion['name'] !== 'string') {
      issues.push(makeIssue(`${path}.name`, '必须是字符串', 'must be a string'));
    }
    const reading = readHundredths(criterion['maxPoints']);
    if (!reading.ok || reading.hundredths === 0n || reading.hundredths > 10_000n) {
      issues.push(
        makeIssue(
          `${path}.maxPoints`,
          '必须是大于0且不超过100、最多2位小数的数',
          'must be above 0 and at most 100, with at most 2 decimals',
        ),
      );
      allOk = false;
      return;
    }
    sum += reading.hundredths;
    if (newId !== undefined) {
      checked.maxima.set(newId, reading.hundredths);
    }
  });
  if (allOk && sum !== 10_000n) {
    issues.push(
      makeIssue(
        'criteria',
        `各评审因素分值与价格权重之和必须为100，实为${formatScaled(sum, 2)}`,
        `the criteria's maxPoints plus priceWeightPercent must sum to 100, not ${formatScaled(sum, 2)}`,
        CITATION_COMPREHENSIVE,
      ),
    );
  }
  return checked;
}

/**
 * Validates the score sheets: one per member, one score per (bid, criterion), nothing else.
 *
 * A missing or stray score means the sheet was filled for another bid list, so it is refused rather
 * than read as zero.
 */
function validateSheets(
  sheets: unknown,
  bidIds: readonly string[],
  criteria: CheckedCriteria,
  issues: FieldIssue[],
): void {
  if (!Array.isArray(sheets) || sheets.length === 0) {
    issues.push(
      makeIssue('sheets', '综合评分法至少需要一份评分表', 'comprehensive scoring needs at least one sheet'),
    );
    return;
  }
  const bidSet = new Set(bidIds);
  const members = new Set<string>();
  sheets.forEach((sheet: unknown, index) => {
    const path = `sheets.${index}`;
    if (!isRecord(sheet)) {
      issues.push(makeIssue(path, '必须是对象', 'must be an object'));
      return;
    }
    const memberId = sheet['memberId'];
    if (!isNonEmptyString(memberId)) {
      issues.push(makeIssue(`${path}.memberId`, '必须是非空字符串', 'must be a non-empty string'));
    } else if (members.has(memberId)) {
      issues.push(makeIssue(`${path}.memberId`, `评委“${memberId}”重复`, `duplicate memberId '${memberId}'`));
    } else {
      members.add(memberId);
    }
    const scores = sheet['scores'];
    if (!isRecord(scores)) {
      issues.push(makeIssue(`${path}.scores`, '必须是对象', 'must be an object'));
      return;
    }
    for (const key of Object.keys(scores)) {
      if (!bidSet.has(key)) {
        issues.push(makeIssue(`${path}.scores.${key}`, '不是有效投标', 'is not a valid bid'));
      }
    }
    for (const bidId of bidIds) {
      const bidPath = `${path}.scores.${bidId}`;
      const row = Object.hasOwn(scores, bidId) ? scores[bidId] : undefined;
      if (row !== undefined && !isRecord(row)) {
        issues.push(makeIssue(bidPath, '必须是对象', 'must be an object'));
        continue;
      }
      if (row !== undefined) {
        for (const key of Object.keys(row)) {
          if (!criteria.ids.includes(key)) {
            issues.push(makeIssue(`${bidPath}.${key}`, '不是评审因素', 'is not a criterion'));
          }
        }
      }
      for (const criterionId of criteria.ids) {
        const max = criteria.maxima.get(criterionId);
        const pointPath = `${bidPath}.${criterionId}`;
        if (row === undefined || !Object.hasOwn(row, criterionId)) {
          issues.push(makeIssue(pointPath, '缺少评分', 'score is missing'));
          continue;
        }
        const reading = readHundredths(row[criterionId]);
        if (!reading.ok) {
          issues.push(makeIssue(pointPath, reading.zh, reading.en));
        } else if (max !== undefined && reading.hundredths > max) {
          issues.push(
            makeIssue(
              pointPath,
              `不能超过该因素满分${formatScaled(max, 2)}`,
              `must not exceed the criterion's ${formatScaled(max, 2)} points`,
            ),
          );
        }
      }
    }
  });
}

/**
 * Lists every problem with a scoring input, each with its path (e.g. `sheets.1.scores.b1.tech`).
 *
 * Lets a form show all problems at once; {@link scoreBids} refuses the input while this list is not
 * empty. Criteria and sheets are only checked for comprehensive scoring, where they are used.
 */
export function validateScoringInput(input: ScoringInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isRecord(input)) {
    return [makeIssue('input', '必须是对象', 'must be an object')];
  }
  const method = input['method'];
  const methodOk = (EVALUATION_METHODS as readonly unknown[]).includes(method);
  if (!methodOk) {
    issues.push(
      makeIssue(
        'method',
        '必须是 comprehensive、lowestPrice 或 highestPrice',
        'must be comprehensive, lowestPrice or highestPrice',
      ),
    );
  }
  const deduction = readDeductionHundredths(input['smallMicroDeductionPercent']);
  if (!deduction.ok || deduction.hundredths > MAX_DEDUCTION_HUNDREDTHS) {
    issues.push(
      makeIssue(
        'smallMicroDeductionPercent',
        '必须是0至20之间、最多2位小数的百分比',
        'must be a percent from 0 to 20 with at most 2 decimals',
        CITATION_DEDUCTION,
      ),
    );
  } else if (method === 'highestPrice' && deduction.hundredths > 0n) {
    issues.push(
      makeIssue(
        'smallMicroDeductionPercent',
        '价高者得的出让不适用小微企业价格扣除',
        'the small/micro price deduction does not apply to highest-price transfers',
        CITATION_DEDUCTION,
      ),
    );
  }
  const bidIds = validateBids(input['bids'], issues);
  if (method === 'comprehensive') {
    const criteria = validateCriteria(input['criteria'], input['priceWeightPercent'], issues);
    validateSheets(input['sheets'], bidIds, criteria, issues);
  }
  return issues;
}

/** A bid with its exact evaluation figures, before ranking. */
interface EvaluatedBid {
  /** The bid as given. */
  bid: ScoringBid;
  /** Evaluated price in 分. */
  evaluated: Fraction;
  /** Whether the deduction lowered it. */
  deductionApplied: boolean;
  /** Exact price score (comprehensive). */
  priceScore: Fraction | null;
  /** Exact criterion means by id (comprehensive). */
  means: Map<string, Fraction>;
  /** The published total in hundredths (comprehensive). */
  totalHundredths: bigint | null;
}

/** Code-unit order of two strings, independent of locale so every server ranks ties alike. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders two bids by the method's ranking key only: negative when `a` ranks ahead, 0 when tied.
 *
 * 87号令第五十七条 breaks equal totals by the quoted price (投标报价), not the deducted one; 第五十六条
 * ranks by the evaluated price, which includes the deduction.
 */
function compareRankKeys(method: EvaluationMethod, a: EvaluatedBid, b: EvaluatedBid): number {
  if (method === 'comprehensive') {
    const ta = a.totalHundredths ?? 0n;
    const tb = b.totalHundredths ?? 0n;
    if (ta !== tb) {
      return ta > tb ? -1 : 1;
    }
    return a.bid.priceFen - b.bid.priceFen;
  }
  if (method === 'lowestPrice') {
    return compareFractions(a.evaluated, b.evaluated);
  }
  return b.bid.priceFen - a.bid.priceFen;
}

/** The median of counts of hundredths, as an exact fraction of points. */
function medianOf(hundredths: readonly bigint[]): Fraction {
  const sorted = [...hundredths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0n;
  if (sorted.length % 2 === 1) {
    return makeFraction(upper, 100n);
  }
  return makeFraction((sorted[mid - 1] ?? 0n) + upper, 200n);
}

/** Reads a validated point value; validation guarantees it is there and well-formed. */
function readValidatedPoints(sheet: ScoreSheet, bidId: string, criterionId: string): bigint {
  const reading = readHundredths(sheet.scores[bidId]?.[criterionId]);
  return reading.ok ? reading.hundredths : 0n;
}

/**
 * Scores and ranks the bids of one lot, or throws a {@link ValidationError} listing every input issue.
 *
 * This is the committee's arithmetic of 87号令第五十五条 to 第五十七条 in one place, exact end to end,
 * so the published totals, ranks and candidates can be recomputed by anyone from the sheets.
 */
export function scoreBids(input: ScoringInput): ScoringResult {
  const issues = validateScoringInput(input);
  const first = issues[0];
  if (first) {
    const more = issues.length - 1;
    throw new ValidationError(
      {
        zh: `评分输入无效：${first.message.zh}${more > 0 ? `等${issues.length}项` : ''}`,
        en: `Invalid scoring input: ${first.message.en}${more > 0 ? ` and ${more} more` : ''}`,
      },
      issues,
    );
  }

  const { method } = input;
  const comprehensive = method === 'comprehensive';
  const deductionReading = readDeductionHundredths(input.smallMicroDeductionPercent);
  const deduction = deductionReading.ok ? deductionReading.hundredths : 0n;
  const criteria = comprehensive ? input.criteria : [];

  const evaluatedBids: EvaluatedBid[] = input.bids.map((bid) => {
    const deductionApplied = deduction > 0n && (bid.scale === 'small' || bid.scale === 'micro');
    const evaluated = deductionApplied
      ? makeFraction(BigInt(bid.priceFen) * (10_000n - deduction), 10_000n)
      : makeFraction(BigInt(bid.priceFen));
    return { bid, evaluated, deductionApplied, priceScore: null, means: new Map(), totalHundredths: null };
  });

  const pickBase = method === 'highestPrice' ? 1 : -1;
  let base = evaluatedBids[0]?.evaluated ?? makeFraction(0n);
  for (const entry of evaluatedBids) {
    if (compareFractions(entry.evaluated, base) === pickBase) {
      base = entry.evaluated;
    }
  }

  if (comprehensive) {
    const weight = makeFraction(BigInt(input.priceWeightPercent), 100n);
    const memberCount = BigInt(input.sheets.length);
    for (const entry of evaluatedBids) {
      const priceScore = multiplyFractions(divideFractions(base, entry.evaluated), makeFraction(100n));
      let total = multiplyFractions(priceScore, weight);
      for (const criterion of criteria) {
        let sum = 0n;
        for (const sheet of input.sheets) {
          sum += readValidatedPoints(sheet, entry.bid.bidId, criterion.id);
        }
        const mean = makeFraction(sum, 100n * memberCount);
        entry.means.set(criterion.id, mean);
        total = addFractions(total, mean);
      }
      entry.priceScore = priceScore;
      entry.totalHundredths = roundToHundredths(total);
    }
  }

  const ordered = [...evaluatedBids].sort(
    (a, b) => compareRankKeys(method, a, b) || compareIds(a.bid.bidId, b.bid.bidId),
  );
  let currentRank = 0;
  const ranks = ordered.map((entry, index) => {
    const previous = ordered[index - 1];
    if (previous === undefined || compareRankKeys(method, previous, entry) !== 0) {
      currentRank = index + 1;
    }
    return currentRank;
  });

  const scored: ScoredBid[] = ordered.map((entry, index) => {
    const rank = ranks[index] ?? index + 1;
    const criteriaScores: Record<string, string> = {};
    for (const criterion of criteria) {
      const mean = entry.means.get(criterion.id);
      if (mean) {
        criteriaScores[criterion.id] = formatFraction(mean);
      }
    }
    return {
      bidId: entry.bid.bidId,
      supplierName: entry.bid.supplierName,
      priceFen: entry.bid.priceFen,
      dealPriceFen: entry.bid.priceFen,
      evaluatedPriceFen: formatFraction(entry.evaluated),
      deductionApplied: entry.deductionApplied,
      priceScore: entry.priceScore ? formatFraction(entry.priceScore) : null,
      criteriaScores,
      total: entry.totalHundredths === null ? null : formatScaled(entry.totalHundredths, 2),
      rank,
      tied: ranks[index - 1] === rank || ranks[index + 1] === rank,
    };
  });

  const outliers: ScoringOutlier[] = [];
  if (comprehensive) {
    const sheets = [...input.sheets].sort((a, b) => compareIds(a.memberId, b.memberId));
    for (const entry of ordered) {
      for (const criterion of criteria) {
        const max = readHundredths(criterion.maxPoints);
        const limit = multiplyFractions(
          makeFraction(max.ok ? max.hundredths : 0n, 100n),
          makeFraction(3n, 10n),
        );
        const points = sheets.map((sheet) => readValidatedPoints(sheet, entry.bid.bidId, criterion.id));
        const median = medianOf(points);
        sheets.forEach((sheet, index) => {
          const given = points[index] ?? 0n;
          const distance = absFraction(subtractFractions(makeFraction(given, 100n), median));
          if (compareFractions(distance, limit) > 0) {
            outliers.push({
              memberId: sheet.memberId,
              bidId: entry.bid.bidId,
              criterionId: criterion.id,
              points: formatScaled(given, 2),
              median: formatMedian(median),
            });
          }
        });
      }
    }
  }

  return {
    method,
    base: formatFraction(base),
    bids: scored,
    candidates: scored.slice(0, CANDIDATE_COUNT).map((bid) => bid.bidId),
    outliers,
  };
}
