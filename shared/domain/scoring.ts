/**
 * The evaluation committee's scoring engine (DESIGN.md §3): price scores, criterion means, totals,
 * ranking, the three candidates and the outlier points the committee must confirm.
 *
 * Scores are published, and a bidder who lost by 0.01 point will check the arithmetic, so every step
 * here is exact: prices, points and weights become exact rationals over known denominators (BigInt
 * where prices pass 2^53, plain integers for points) and are rounded once, half-up, to two decimals
 * at the very end (87号令第五十五条 to 第五十七条; the SME price deduction of
 * 财库〔2020〕46号第九条 as raised by 财库〔2022〕19号). The module is pure: no I/O, no clock.
 */

import type { FieldIssue } from './errors';
import { ValidationError } from './errors';
import type { Fen } from './money';
import { MAX_FEN, parseHundredths } from './money';
import type { EvaluationMethod } from './rules';
import { EVALUATION_METHODS } from './rules';

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
const MAX_DEDUCTION_HUNDREDTHS = 2000;

/** How many candidates the result names. */
const CANDIDATE_COUNT = 3;

/** Citation for the weights and the price score. */
const CITATION_COMPREHENSIVE = '87号令第五十五条';

/** Citation for the small/micro price deduction. */
const CITATION_DEDUCTION = '财库〔2020〕46号第九条；财库〔2022〕19号';

/** Largest number the fast hundredths check reads; anything larger goes through {@link parseHundredths}. */
const FAST_HUNDREDTHS_LIMIT = 1_000_000;

/** {@link readPointsCount}'s answer for a value that is not a finite number. */
const NOT_FINITE = -1;

/** {@link readPointsCount}'s answer for a negative number. */
const NEGATIVE = -2;

/** {@link readPointsCount}'s answer for a number with more than 2 decimals. */
const TOO_PRECISE = -3;

/**
 * Formats an integer count of 10^-decimals units as a plain decimal string, e.g. 9345, 2 → "93.45".
 *
 * Takes a BigInt for the prices (up to 10^18 before rounding) and a number for the points, which
 * stay far below 2^53; both print their digits alike.
 */
function formatScaled(units: bigint | number, decimals: number): string {
  const negative = units < 0;
  const digits = String(negative ? -units : units).padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/**
 * Rounds a non-negative fraction num / den (den > 0) to whole units, half away from zero (四舍五入).
 *
 * The one rounding the engine does: floor((2·num + den) / (2·den)), on BigInts because prices times
 * weights pass 2^53.
 */
function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/**
 * Rounds a non-negative fraction of small integers to whole units, half away from zero.
 *
 * The same rule as {@link roundHalfUp} for sums of points, which stay below 2^53, so plain numbers
 * divide exactly: the remainder is taken off before dividing.
 */
function roundHalfUpSmall(num: number, den: number): number {
  const twice = 2 * num + den;
  const divisor = 2 * den;
  return (twice - (twice % divisor)) / divisor;
}

/**
 * Formats a median, given as twice its count of hundredths, exactly: 2 decimals, or 3 when it lies
 * halfway between two hundredths.
 *
 * A committee member told "median 45.68" when it is 45.675 would check the wrong figure.
 */
function formatMedian(twiceHundredths: number): string {
  return twiceHundredths % 2 === 0
    ? formatScaled(twiceHundredths / 2, 2)
    : formatScaled(twiceHundredths * 5, 3);
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

/**
 * Reads a number as an exact count of hundredths (see {@link parseHundredths}), or a negative code
 * saying why not ({@link NOT_FINITE}, {@link NEGATIVE}, {@link TOO_PRECISE}).
 *
 * Every point of every sheet passes here, so it answers without a string: when `h = round(100·x)`
 * gives back x as h / 100 (a correctly rounded division), h / 100 is the one multiple of 0.01 within
 * x's rounding interval, hence x's shortest decimal form and {@link parseHundredths}'s answer. Other
 * values, and values too large for that argument, are left to {@link parseHundredths}; counts past
 * 2^53 lose digits as numbers but only meet maxima of at most 10,000, which they exceed either way.
 */
function readPointsCount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return NOT_FINITE;
  }
  if (value < 0) {
    return NEGATIVE;
  }
  if (value <= FAST_HUNDREDTHS_LIMIT) {
    const hundredths = Math.round(value * 100);
    if (hundredths / 100 === value) {
      // + 0 turns a -0 (from -0 points) into 0, as parseHundredths reads "0".
      return hundredths + 0;
    }
  }
  const parsed = parseHundredths(value);
  return parsed === undefined ? TOO_PRECISE : Number(parsed);
}

/** The issue text for a negative code of {@link readPointsCount}. */
function describeUnreadable(code: number): { zh: string; en: string } {
  if (code === NOT_FINITE) {
    return { zh: '必须是有限数字', en: 'must be a finite number' };
  }
  if (code === NEGATIVE) {
    return { zh: '不能为负数', en: 'must not be negative' };
  }
  return { zh: '最多保留2位小数', en: 'must have at most 2 decimals' };
}

/** Whether `value` is a non-empty string, the shape of every id. */
function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Reads the deduction as hundredths of a percent (or a negative code); absent and null mean 0.
 *
 * The rules table accepts any percent in the legal range (e.g. 12.5), so the engine takes 2 decimals too
 * rather than refusing at evaluation a tender that was accepted at publication.
 */
function readDeductionHundredths(value: unknown): number {
  return value === undefined || value === null ? 0 : readPointsCount(value);
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
  /** The position of each id in {@link ids}, for the stray-key check. */
  positions: Map<string, number>;
  /** The valid maxima in hundredths, aligned with {@link ids}; undefined where the maximum is bad. */
  maxima: (number | undefined)[];
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
  const checked: CheckedCriteria = { ids: [], positions: new Map(), maxima: [] };
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
  // Whole hundredths of at most 10,000 each: the sum stays an exact integer.
  let sum = weightOk ? priceWeightPercent * 100 : 0;
  criteria.forEach((criterion: unknown, index) => {
    const path = `criteria.${index}`;
    if (!isRecord(criterion)) {
      issues.push(makeIssue(path, '必须是对象', 'must be an object'));
      allOk = false;
      return;
    }
    const id = criterion['id'];
    let position: number | undefined;
    if (!isNonEmptyString(id)) {
      issues.push(makeIssue(`${path}.id`, '必须是非空字符串', 'must be a non-empty string'));
    } else if (checked.positions.has(id)) {
      issues.push(makeIssue(`${path}.id`, `评审因素编号“${id}”重复`, `duplicate criterion id '${id}'`));
    } else {
      position = checked.ids.length;
      checked.positions.set(id, position);
      checked.ids.push(id);
      checked.maxima.push(undefined);
    }
    if (typeof criterion['name'] !== 'string') {
      issues.push(makeIssue(`${path}.name`, '必须是字符串', 'must be a string'));
    }
    const hundredths = readPointsCount(criterion['maxPoints']);
    if (hundredths <= 0 || hundredths > 10_000) {
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
    sum += hundredths;
    if (position !== undefined) {
      checked.maxima[position] = hundredths;
    }
  });
  if (allOk && sum !== 10_000) {
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
 * than read as zero. When `points` is given, each valid score is also stored there as hundredths at
 * `(bid × criteria + criterion) × members + sheet`, so scoring reads every point once, here.
 */
function validateSheets(
  sheets: unknown,
  bidIds: readonly string[],
  criteria: CheckedCriteria,
  issues: FieldIssue[],
  points: Int32Array | undefined,
): void {
  if (!Array.isArray(sheets) || sheets.length === 0) {
    issues.push(
      makeIssue('sheets', '综合评分法至少需要一份评分表', 'comprehensive scoring needs at least one sheet'),
    );
    return;
  }
  const bidSet = new Set(bidIds);
  const members = new Set<string>();
  const { ids, positions, maxima } = criteria;
  const criterionCount = ids.length;
  const memberCount = sheets.length;
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
    for (let bidIndex = 0; bidIndex < bidIds.length; bidIndex += 1) {
      const bidId = bidIds[bidIndex] as string;
      const row = Object.hasOwn(scores, bidId) ? scores[bidId] : undefined;
      if (row !== undefined && !isRecord(row)) {
        issues.push(makeIssue(`${path}.scores.${bidId}`, '必须是对象', 'must be an object'));
        continue;
      }
      if (row !== undefined) {
        for (const key of Object.keys(row)) {
          if (!positions.has(key)) {
            issues.push(makeIssue(`${path}.scores.${bidId}.${key}`, '不是评审因素', 'is not a criterion'));
          }
        }
      }
      const rowOffset = bidIndex * criterionCount;
      for (let position = 0; position < criterionCount; position += 1) {
        const criterionId = ids[position] as string;
        if (row === undefined || !Object.hasOwn(row, criterionId)) {
          issues.push(makeIssue(`${path}.scores.${bidId}.${criterionId}`, '缺少评分', 'score is missing'));
          continue;
        }
        const hundredths = readPointsCount(row[criterionId]);
        const max = maxima[position];
        if (hundredths < 0) {
          const { zh, en } = describeUnreadable(hundredths);
          issues.push(makeIssue(`${path}.scores.${bidId}.${criterionId}`, zh, en));
        } else if (max !== undefined && hundredths > max) {
          issues.push(
            makeIssue(
              `${path}.scores.${bidId}.${criterionId}`,
              `不能超过该因素满分${formatScaled(max, 2)}`,
              `must not exceed the criterion's ${formatScaled(max, 2)} points`,
            ),
          );
        } else if (points !== undefined) {
          points[(rowOffset + position) * memberCount + index] = hundredths;
        }
      }
    }
  });
}

/** What the validation learnt, for {@link scoreBids} to score without reading the input twice. */
interface CheckedInput {
  /** Every problem, in the order {@link validateScoringInput} lists them. */
  issues: FieldIssue[];
  /** The deduction in hundredths of a percent (meaningful once there are no issues). */
  deduction: number;
  /** Comprehensive only: every point in hundredths, laid out as {@link validateSheets} says. */
  points: Int32Array | undefined;
  /** Comprehensive only: the criteria's maxima in hundredths, in the criteria's order. */
  maxima: (number | undefined)[];
}

/** Validates the input and, when `collect` is set, keeps the points read on the way. */
function checkScoringInput(input: ScoringInput, collect: boolean): CheckedInput {
  const issues: FieldIssue[] = [];
  if (!isRecord(input)) {
    return {
      issues: [makeIssue('input', '必须是对象', 'must be an object')],
      deduction: 0,
      points: undefined,
      maxima: [],
    };
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
  if (deduction < 0 || deduction > MAX_DEDUCTION_HUNDREDTHS) {
    issues.push(
      makeIssue(
        'smallMicroDeductionPercent',
        '必须是0至20之间、最多2位小数的百分比',
        'must be a percent from 0 to 20 with at most 2 decimals',
        CITATION_DEDUCTION,
      ),
    );
  } else if (method === 'highestPrice' && deduction > 0) {
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
  let points: Int32Array | undefined;
  let maxima: (number | undefined)[] = [];
  if (method === 'comprehensive') {
    const criteria = validateCriteria(input['criteria'], input['priceWeightPercent'], issues);
    const sheets = input['sheets'];
    if (collect && Array.isArray(sheets)) {
      points = new Int32Array(bidIds.length * criteria.ids.length * sheets.length);
    }
    validateSheets(sheets, bidIds, criteria, issues, points);
    maxima = criteria.maxima;
  }
  return { issues, deduction, points, maxima };
}

/**
 * Lists every problem with a scoring input, each with its path (e.g. `sheets.1.scores.b1.tech`).
 *
 * Lets a form show all problems at once; {@link scoreBids} refuses the input while this list is not
 * empty. Criteria and sheets are only checked for comprehensive scoring, where they are used.
 */
export function validateScoringInput(input: ScoringInput): FieldIssue[] {
  return checkScoringInput(input, false).issues;
}

/** Code-unit order of two strings, independent of locale so every server ranks ties alike. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts a few counts of hundredths in place (insertion sort: a committee has at most a few dozen members). */
function sortSmall(values: Int32Array): void {
  for (let i = 1; i < values.length; i += 1) {
    const value = values[i] as number;
    let j = i - 1;
    while (j >= 0 && (values[j] as number) > value) {
      values[j + 1] = values[j] as number;
      j -= 1;
    }
    values[j + 1] = value;
  }
}

/**
 * Scores and ranks the bids of one lot, or throws a {@link ValidationError} listing every input issue.
 *
 * This is the committee's arithmetic of 87号令第五十五条 to 第五十七条 in one place, exact end to end,
 * so the published totals, ranks and candidates can be recomputed by anyone from the sheets.
 *
 * Exact without a general rational type: every evaluated price is an integer over 10,000 (分 ×
 * (100% − deduction in hundredths of a percent)), so the base B and a bid's price E share that
 * denominator; the price score is 100·B/E; a criterion mean is Σ points (hundredths) / (100·m) for
 * m sheets; and the total is B·w/E + S/(100·m) with S the bid's sum of all points, i.e. one fraction
 * (100·B·w·m + S·E) / (m·E) in hundredths, rounded once, half-up. Prices use BigInt (E reaches
 * 10^18); points, means and medians stay small integers and use plain numbers.
 */
export function scoreBids(input: ScoringInput): ScoringResult {
  const checked = checkScoringInput(input, true);
  const { issues } = checked;
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
  const deduction = checked.deduction;
  const deductedFactor = BigInt(10_000 - deduction);
  const bids = input.bids;
  const bidCount = bids.length;
  const criteria = comprehensive ? input.criteria : [];
  const criterionCount = criteria.length;

  // Evaluated prices as numerators over 10,000.
  const evaluated: bigint[] = new Array(bidCount);
  const deducted: boolean[] = new Array(bidCount);
  for (let index = 0; index < bidCount; index += 1) {
    const bid = bids[index] as ScoringBid;
    const applied = deduction > 0 && (bid.scale === 'small' || bid.scale === 'micro');
    deducted[index] = applied;
    evaluated[index] = BigInt(bid.priceFen) * (applied ? deductedFactor : 10_000n);
  }
  const highest = method === 'highestPrice';
  let base = evaluated[0] ?? 0n;
  for (const price of evaluated) {
    if (highest ? price > base : price < base) {
      base = price;
    }
  }

  // Comprehensive: per bid, the rounded criterion means and the total in hundredths.
  const means = new Int32Array(bidCount * criterionCount);
  const totals = new Float64Array(bidCount);
  const priceScores: (string | null)[] = new Array(bidCount).fill(null);
  const points = checked.points ?? new Int32Array(0);
  const memberCount = comprehensive ? input.sheets.length : 0;
  if (comprehensive) {
    const members = BigInt(memberCount);
    const weightTerm = 100n * base * BigInt(input.priceWeightPercent) * members;
    for (let index = 0; index < bidCount; index += 1) {
      let allPoints = 0;
      for (let position = 0; position < criterionCount; position += 1) {
        const cell = index * criterionCount + position;
        let sum = 0;
        for (let member = cell * memberCount, end = member + memberCount; member < end; member += 1) {
          sum += points[member] as number;
        }
        allPoints += sum;
        // mean = sum / (100·m) points, i.e. sum / m hundredths.
        means[cell] = roundHalfUpSmall(sum, memberCount);
      }
      const price = evaluated[index] as bigint;
      // price score = 100·B/E points, i.e. 10,000·B/E hundredths.
      priceScores[index] = formatScaled(roundHalfUp(10_000n * base, price), 2);
      totals[index] = Number(roundHalfUp(weightTerm + BigInt(allPoints) * price, members * price));
    }
  }

  /** Negative when bid a ranks ahead of bid b on the method's key only, 0 when tied. */
  const compareRankKeys = (a: number, b: number): number => {
    if (comprehensive) {
      // 87号令第五十七条 breaks equal totals by the quoted price, not the deducted one.
      const ta = totals[a] as number;
      const tb = totals[b] as number;
      if (ta !== tb) {
        return ta > tb ? -1 : 1;
      }
      return (bids[a] as ScoringBid).priceFen - (bids[b] as ScoringBid).priceFen;
    }
    if (method === 'lowestPrice') {
      // 87号令第五十六条 ranks by the evaluated price, which includes the deduction.
      const ea = evaluated[a] as bigint;
      const eb = evaluated[b] as bigint;
      return ea < eb ? -1 : ea > eb ? 1 : 0;
    }
    return (bids[b] as ScoringBid).priceFen - (bids[a] as ScoringBid).priceFen;
  };

  const ordered = Array.from({ length: bidCount }, (_, index) => index);
  ordered.sort(
    (a, b) =>
      compareRankKeys(a, b) || compareIds((bids[a] as ScoringBid).bidId, (bids[b] as ScoringBid).bidId),
  );
  const ranks: number[] = new Array(bidCount);
  let currentRank = 0;
  for (let place = 0; place < bidCount; place += 1) {
    if (place === 0 || compareRankKeys(ordered[place - 1] as number, ordered[place] as number) !== 0) {
      currentRank = place + 1;
    }
    ranks[place] = currentRank;
  }

  const scored: ScoredBid[] = ordered.map((index, place) => {
    const bid = bids[index] as ScoringBid;
    const rank = ranks[place] as number;
    const criteriaScores: Record<string, string> = {};
    for (let position = 0; position < criterionCount; position += 1) {
      criteriaScores[(criteria[position] as ScoringCriterion).id] = formatScaled(
        means[index * criterionCount + position] as number,
        2,
      );
    }
    return {
      bidId: bid.bidId,
      supplierName: bid.supplierName,
      priceFen: bid.priceFen,
      dealPriceFen: bid.priceFen,
      evaluatedPriceFen: formatScaled(roundHalfUp(evaluated[index] as bigint, 100n), 2),
      deductionApplied: deducted[index] as boolean,
      priceScore: priceScores[index] ?? null,
      criteriaScores,
      total: comprehensive ? formatScaled(totals[index] as number, 2) : null,
      rank,
      tied: ranks[place - 1] === rank || ranks[place + 1] === rank,
    };
  });

  // An outlier strays from the median by more than 30% of the criterion's maximum:
  // |g/100 − M2/200| > 0.3·max/100 ⇔ 5·|2g − M2| > 3·max, with M2 twice the median in hundredths.
  const outliers: ScoringOutlier[] = [];
  if (comprehensive) {
    const sheetOrder = Array.from({ length: memberCount }, (_, member) => member);
    sheetOrder.sort((a, b) =>
      compareIds((input.sheets[a] as ScoreSheet).memberId, (input.sheets[b] as ScoreSheet).memberId),
    );
    const sorted = new Int32Array(memberCount);
    const mid = Math.floor(memberCount / 2);
    const odd = memberCount % 2 === 1;
    for (const index of ordered) {
      for (let position = 0; position < criterionCount; position += 1) {
        const start = (index * criterionCount + position) * memberCount;
        sorted.set(points.subarray(start, start + memberCount));
        sortSmall(sorted);
        const upper = sorted[mid] as number;
        const twiceMedian = odd ? 2 * upper : (sorted[mid - 1] as number) + upper;
        const limit = 3 * (checked.maxima[position] ?? 0);
        for (const member of sheetOrder) {
          const given = points[start + member] as number;
          if (5 * Math.abs(2 * given - twiceMedian) > limit) {
            outliers.push({
              memberId: (input.sheets[member] as ScoreSheet).memberId,
              bidId: (bids[index] as ScoringBid).bidId,
              criterionId: (criteria[position] as ScoringCriterion).id,
              points: formatScaled(given, 2),
              median: formatMedian(twiceMedian),
            });
          }
        }
      }
    }
  }

  return {
    method,
    base: formatScaled(roundHalfUp(base, 100n), 2),
    bids: scored,
    candidates: scored.slice(0, CANDIDATE_COUNT).map((bid) => bid.bidId),
    outliers,
  };
}
