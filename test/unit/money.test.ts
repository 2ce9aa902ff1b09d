import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../shared/domain/errors';
import {
  assertFen,
  formatPercent,
  formatWanYuan,
  formatYuan,
  MAX_FEN,
  parseWanYuan,
  parseYuan,
} from '../../shared/domain/money';

describe('assertFen', () => {
  test('accepts whole fen from 0 up to MAX_FEN', () => {
    // Prepare
    const values = [0, 1, 345_514_050, MAX_FEN];

    // Act
    const results = values.map((value) => assertFen(value));

    // Assess
    expect(results).toEqual(values);
    expect(MAX_FEN).toBe(10 ** 14);
  });

  test.each([
    ['a float', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a numeric string', '100'],
    ['null', null],
    ['a negative amount', -1],
    ['more than MAX_FEN', MAX_FEN + 1],
  ])('rejects %s with a bilingual ValidationError naming the field', (_label, value) => {
    // Prepare
    let caught: unknown;

    // Act
    try {
      assertFen(value, { field: 'budgetFen' });
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.status).toBe(400);
    expect(error.errors[0]?.path).toBe('budgetFen');
    expect(error.detail.zh).toMatch(/budgetFen：/);
    expect(error.detail.en).toMatch(/^budgetFen: /);
  });

  test('accepts negatives only when allowed, and still caps their magnitude', () => {
    // Prepare
    const saving = -275_800_000;

    // Act
    const allowed = assertFen(saving, { allowNegative: true });

    // Assess
    expect(allowed).toBe(saving);
    expect(() => assertFen(saving)).toThrow(ValidationError);
    expect(() => assertFen(-MAX_FEN - 1, { allowNegative: true })).toThrow(ValidationError);
  });
});

describe('parseYuan', () => {
  test.each([
    ['3455140.5', 345_514_050],
    ['3455140.50', 345_514_050],
    ['0.01', 1],
    ['0', 0],
    ['100', 10_000],
    ['1000000000000', MAX_FEN],
  ])('parses "%s" 元 into %i 分', (text, fen) => {
    // Prepare: nothing beyond the table row

    // Act
    const result = parseYuan(text);

    // Assess
    expect(result).toBe(fen);
  });

  test.each([
    '1e5',
    '-1',
    '',
    '1.234',
    'abc',
    ' 1',
    '1 ',
    '1 000',
    '1,000',
    '01',
    '.5',
    '5.',
    '+1',
    '１',
    'Infinity',
    '0x10',
    '1000000000000.01',
  ])('rejects "%s"', (text) => {
    // Prepare: nothing beyond the table row

    // Act
    const act = () => parseYuan(text);

    // Assess
    expect(act).toThrow(ValidationError);
  });
});

describe('parseWanYuan', () => {
  test.each([
    ['3455.14', 3_455_140_000],
    ['275.8', 275_800_000],
    ['345.514', 345_514_000],
    ['0.000001', 1],
    ['200', 200_000_000],
  ])('parses "%s" 万元 into %i 分 (1万元 = 1,000,000分)', (text, fen) => {
    // Prepare: nothing beyond the table row

    // Act
    const result = parseWanYuan(text);

    // Assess
    expect(result).toBe(fen);
  });

  test.each(['0.0000001', '-3455.14', '3455.14万', '3,455.14', '1e2', ''])('rejects "%s"', (text) => {
    // Prepare: nothing beyond the table row

    // Act
    const act = () => parseWanYuan(text);

    // Assess
    expect(act).toThrow(ValidationError);
  });
});

describe('formatYuan', () => {
  test.each([
    [345_514_050, '3455140.50元'],
    [1, '0.01元'],
    [0, '0.00元'],
    [-150, '-1.50元'],
    [MAX_FEN, '1000000000000.00元'],
  ])('formats %i 分 as %s', (fen, text) => {
    // Prepare: nothing beyond the table row

    // Act
    const result = formatYuan(fen);

    // Assess
    expect(result).toBe(text);
  });

  test('refuses a float instead of rounding it', () => {
    // Prepare
    const float = 0.1 + 0.2;

    // Act
    const act = () => formatYuan(float);

    // Assess
    expect(act).toThrow(ValidationError);
  });
});

describe('formatWanYuan', () => {
  test.each([
    [3_455_140_000, '3455.14万元'],
    [275_800_000, '275.8万元'],
    [345_514_000, '345.514万元'],
    [1, '0.000001万元'],
    [0, '0万元'],
    [-0, '0万元'],
    [-275_800_000, '-275.8万元'],
    [MAX_FEN, '100000000万元'],
  ])('formats %i 分 as %s', (fen, text) => {
    // Prepare: nothing beyond the table row

    // Act
    const result = formatWanYuan(fen);

    // Assess
    expect(result).toBe(text);
  });

  test('round-trips through parseWanYuan for awkward amounts', () => {
    // Prepare
    const amounts = [1, 10, 999_999, 1_000_001, 3_455_140_000, 123_456_789_012];

    // Act
    const back = amounts.map((fen) => parseWanYuan(formatWanYuan(fen).replace('万元', '')));

    // Assess
    expect(back).toEqual(amounts);
  });
});

describe('formatPercent', () => {
  test.each([
    [275_800_000, 3_455_140_000, 2, '7.98%'],
    [1, 3, 2, '33.33%'],
    [2, 3, 2, '66.67%'],
    [1, 8, 0, '13%'],
    [1, 8, 1, '12.5%'],
    [201, 20_000, 2, '1.01%'],
    [0, 5, 2, '0.00%'],
    [-1, 8, 0, '-13%'],
    [5, 5, 2, '100.00%'],
  ])('%i / %i with %i decimals is %s (exact half-up)', (numerator, denominator, decimals, text) => {
    // Prepare: nothing beyond the table row

    // Act
    const result = formatPercent(numerator, denominator, decimals);

    // Assess
    expect(result).toBe(text);
  });

  test('defaults to two decimals and shows a dash for a zero denominator', () => {
    // Prepare
    const savings = 275_800_000;

    // Act
    const withDefault = formatPercent(savings, 3_455_140_000);
    const noBase = formatPercent(savings, 0);

    // Assess
    expect(withDefault).toBe('7.98%');
    expect(noBase).toBe('—');
  });

  test('rejects float operands', () => {
    // Prepare
    const float = 1.5;

    // Act
    const act = () => formatPercent(float, 100);

    // Assess
    expect(act).toThrow(ValidationError);
  });
});
