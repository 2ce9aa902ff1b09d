/**
 * Money in integer 分 (fen), parsed from and formatted to 元 and 万元 with exact decimal arithmetic.
 *
 * Budgets, bids and deal amounts are summed and compared in reports, so a float rounding error would
 * show up as a wrong 节约资金 figure; every conversion here works on digit strings and BigInt.
 */

import { ValidationError } from './errors';

/** An amount of money in 分 (1元 = 100分); always a safe integer. */
export type Fen = number;

/** Largest amount accepted, 10^14 分 (1万亿元), far above any single trade and well inside 2^53. */
export const MAX_FEN: Fen = 100_000_000_000_000;

/** 分 per 元, kept as BigInt for exact arithmetic. */
const FEN_PER_YUAN = 100n;

/** 分 per 万元 (1万元 = 10,000元 = 1,000,000分). */
const FEN_PER_WAN_YUAN = 1_000_000n;

/** Options of {@link assertFen}. */
export interface AssertFenOptions {
  /** Accept amounts below zero, e.g. a negative saving when the deal exceeds the budget. */
  allowNegative?: boolean;
  /** Field path named in the error, e.g. `budgetFen`. */
  field?: string;
}

/**
 * Returns the value as {@link Fen} or throws a bilingual {@link ValidationError}.
 *
 * Amounts reach the domain from requests and from storage; checking them once here means no float,
 * NaN or absurd figure can leak into a sum.
 */
export function assertFen(value: unknown, opts: AssertFenOptions = {}): Fen {
  const field = opts.field ?? 'amount';
  const fail = (zh: string, en: string): never => {
    const message = { zh: `${field}：${zh}`, en: `${field}: ${en}` };
    throw new ValidationError(message, [{ path: field, message }]);
  };
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return fail('金额必须是以分为单位的整数', 'amount must be an integer number of fen');
  }
  if (value < 0 && !opts.allowNegative) {
    return fail('金额不能为负数', 'amount must not be negative');
  }
  if (Math.abs(value) > MAX_FEN) {
    return fail('金额超出上限（1万亿元）', 'amount exceeds the ceiling of 10^14 fen');
  }
  // Normalise -0 so formatting never prints "-0".
  return value === 0 ? 0 : value;
}

/**
 * Parses a decimal string with at most `scale` fractional digits into an exact multiple of `unit` 分.
 *
 * Shared by the 元 and 万元 parsers so both accept exactly the same plain-decimal syntax.
 */
function parseDecimal(text: string, scale: number, unit: bigint, unitName: BilingualUnit): Fen {
  const pattern = new RegExp(`^(0|[1-9][0-9]*)(?:\\.([0-9]{1,${scale}}))?$`);
  const match = typeof text === 'string' ? pattern.exec(text) : null;
  if (!match) {
    const message = {
      zh: `金额“${String(text)}”无效：应为非负${unitName.zh}数，最多${scale}位小数，不含空格、符号或科学计数法`,
      en: `Invalid amount '${String(text)}': expected a non-negative number of ${unitName.en} with at most ${scale} decimals, no spaces, signs or exponents`,
    };
    throw new ValidationError(message, [{ path: 'amount', message }]);
  }
  const whole = BigInt(match[1] ?? '0');
  const fraction = BigInt((match[2] ?? '').padEnd(scale, '0') || '0');
  const fen = whole * unit + (fraction * unit) / 10n ** BigInt(scale);
  if (fen > BigInt(MAX_FEN)) {
    const message = {
      zh: `金额“${text}”超出上限（1万亿元）`,
      en: `Amount '${text}' exceeds the ceiling of 10^14 fen`,
    };
    throw new ValidationError(message, [{ path: 'amount', message }]);
  }
  return Number(fen);
}

/** A unit name in both languages, for parse errors. */
interface BilingualUnit {
  zh: string;
  en: string;
}

/**
 * Parses an amount in 元 ("3455140.5") into 分, allowing at most 2 decimals.
 *
 * Imported spreadsheets and forms give 元 as text; parsing the digits avoids `parseFloat` rounding.
 */
export function parseYuan(text: string): Fen {
  return parseDecimal(text, 2, FEN_PER_YUAN, { zh: '元', en: 'yuan' });
}

/**
 * Parses an amount in 万元 ("3455.14") into 分, allowing at most 6 decimals (1分).
 *
 * Annual reports state totals in 万元; six decimals is the finest 万元 figure that is still whole 分.
 */
export function parseWanYuan(text: string): Fen {
  return parseDecimal(text, 6, FEN_PER_WAN_YUAN, { zh: '万元', en: '10k yuan' });
}

/**
 * Splits an amount into sign, whole units and zero-padded fractional digits of a unit of 10^scale 分.
 *
 * Both formatters need the same exact integer split; BigInt keeps it free of float division.
 */
function splitFen(fen: Fen, scale: number): { sign: string; whole: string; fraction: string } {
  const value = assertFen(fen, { allowNegative: true, field: 'fen' });
  const magnitude = BigInt(Math.abs(value));
  const unit = 10n ** BigInt(scale);
  return {
    sign: value < 0 ? '-' : '',
    whole: (magnitude / unit).toString(),
    fraction: (magnitude % unit).toString().padStart(scale, '0'),
  };
}

/**
 * Formats 分 as 元 with exactly two decimals, e.g. 345514050 → "3455140.50元".
 *
 * Notices and contracts print amounts to the 分, so the two decimals are always shown.
 */
export function formatYuan(fen: Fen): string {
  const { sign, whole, fraction } = splitFen(fen, 2);
  return `${sign}${whole}.${fraction}元`;
}

/**
 * Formats 分 as 万元 exactly, trailing zeros trimmed, e.g. 3455140000 → "3455.14万元".
 *
 * The centre's reports quote 万元 figures such as 3455.14万元 and 275.8万元; trimming keeps them
 * readable without ever rounding away a 分.
 */
export function formatWanYuan(fen: Fen): string {
  const { sign, whole, fraction } = splitFen(fen, 6);
  const trimmed = fraction.replace(/0+$/, '');
  return `${sign}${whole}${trimmed ? `.${trimmed}` : ''}万元`;
}

/**
 * Formats numerator / denominator as a percentage with half-up rounding, e.g. "7.98%"; "—" for a zero
 * denominator.
 *
 * Savings and SME-share ratios are published figures; computing them with BigInt makes the last digit
 * reproducible, and a zero budget has no meaningful rate.
 */
export function formatPercent(numerator: Fen, denominator: Fen, decimals = 2): string {
  const num = assertFen(numerator, { allowNegative: true, field: 'numerator' });
  const den = assertFen(denominator, { allowNegative: true, field: 'denominator' });
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) {
    const message = { zh: '小数位数必须是0到12的整数', en: 'decimals must be an integer from 0 to 12' };
    throw new ValidationError(message, [{ path: 'decimals', message }]);
  }
  if (den === 0) return '—';
  const negative = num < 0 !== den < 0 && num !== 0;
  const scaledNumerator = BigInt(Math.abs(num)) * 100n * 10n ** BigInt(decimals);
  const absDen = BigInt(Math.abs(den));
  // Half-up on the magnitude: add half the divisor before the truncating division.
  const rounded = (scaledNumerator * 2n + absDen) / (absDen * 2n);
  const digits = rounded.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  const sign = negative && rounded !== 0n ? '-' : '';
  return `${sign}${whole}${decimals > 0 ? `.${fraction}` : ''}%`;
}

/**
 * Converts a finite non-negative number with at most 2 decimals to an exact BigInt count of
 * hundredths, or `undefined` when it has more decimals (or is negative, not finite, not a number).
 *
 * The decimal read is the number's shortest round-trip form (`String(x)`), i.e. what the member typed
 * or what a JSON body said, so 38.55 is 3855 exactly (where `38.55 * 100` is 3854.999…), while 38.555,
 * 1e-7 and 0.1 + 0.2 (0.30000000000000004) are refused rather than silently rounded. Exponent forms
 * (`1e-7`, `1e+21`) are shifted exactly, digit by digit.
 */
export function parseHundredths(value: unknown): bigint | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (!match) return undefined;
  const [, whole = '0', fraction = '', exponent = '0'] = match;
  const digits = BigInt(whole + fraction);
  // value = digits × 10^(exponent − fraction.length); hundredths = value × 10^2
  const shift = Number(exponent) - fraction.length + 2;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  return digits % divisor === 0n ? digits / divisor : undefined;
}
