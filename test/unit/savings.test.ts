import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../shared/domain/errors';
import { formatWanYuan } from '../../shared/domain/money';
import type { ReportFigures } from '../../shared/domain/savings';
import { addFigures, emptyFigures, formatFigures, premiumOf, savingsOf } from '../../shared/domain/savings';

/**
 * The 2022 totals used throughout, worked by hand:
 * - deal 3,455,140,000分 = 3455.14万元 (1万元 = 1,000,000分); budget 3,730,940,000分 = 3730.94万元;
 * - savings 3,730,940,000 − 3,455,140,000 = 275,800,000分 = 275.8万元; 275.8 / 3730.94 = 0.073922… → 7.39%;
 * - SME 2,764,112,000分 = 2764.112万元 = 0.8 × deal → 80.00%; small/micro 1,727,570,000分 = 0.5 × deal
 *   → 50.00%; electronic 30 / 31 = 0.967741… → 96.77%;
 * - transfers: reserve 150,000,000分 = 150万元, deal 187,650,000分 = 187.65万元, premium 37,650,000分
 *   = 37.65万元; 37.65 / 150 = 0.251 → 25.10%.
 */
const TOTALS_2022: ReportFigures = {
  count: 31,
  budgetFen: 3_730_940_000,
  dealFen: 3_455_140_000,
  savingsFen: 275_800_000,
  smeDealFen: 2_764_112_000,
  smallMicroDealFen: 1_727_570_000,
  electronicCount: 30,
  startPriceFen: 150_000_000,
  premiumFen: 37_650_000,
  rightsCount: 2,
  rightsDealFen: 187_650_000,
};

describe('savingsOf', () => {
  test('computes 275.8万元 saved on a 3730.94万元 budget dealt at 3455.14万元, rate 7.39%', () => {
    // Prepare
    const input = { budgetFen: 3_730_940_000, dealFen: 3_455_140_000 };

    // Act
    const result = savingsOf(input);

    // Assess
    expect(result).toEqual({ savingsFen: 275_800_000, savingsRate: '7.39%' });
    expect(formatWanYuan(result.savingsFen)).toBe('275.8万元');
  });

  test('keeps the sign when the deal exceeds the budget', () => {
    // Prepare: budget 1,000,000分 = 1万元, deal 1,050,000分 = 1.05万元;
    // savings 1,000,000 − 1,050,000 = −50,000分 = −0.05万元; −0.05 / 1 = −5.00%.
    const input = { budgetFen: 1_000_000, dealFen: 1_050_000 };

    // Act
    const result = savingsOf(input);

    // Assess
    expect(result).toEqual({ savingsFen: -50_000, savingsRate: '-5.00%' });
    expect(formatWanYuan(result.savingsFen)).toBe('-0.05万元');
  });

  test('rounds the rate half-up on the exact fraction', () => {
    // Prepare: budget 4,000分, deal 3,999分; savings 1分; 1 / 4,000 = 0.025% → 0.03% (half-up; to-even
    // would give 0.02%). Budget 40,000分, deal 39,998分; savings 2分; 2 / 40,000 = 0.005% → 0.01%.
    const inputs = [
      { budgetFen: 4_000, dealFen: 3_999 },
      { budgetFen: 40_000, dealFen: 39_998 },
    ];

    // Act
    const rates = inputs.map((input) => savingsOf(input).savingsRate);

    // Assess
    expect(rates).toEqual(['0.03%', '0.01%']);
  });

  test('reports a zero saving as 0 and a zero budget as having no rate', () => {
    // Prepare
    const even = { budgetFen: 500_000, dealFen: 500_000 };
    const unbudgeted = { budgetFen: 0, dealFen: 0 };

    // Act
    const evenResult = savingsOf(even);
    const unbudgetedResult = savingsOf(unbudgeted);

    // Assess
    expect(Object.is(evenResult.savingsFen, 0)).toBe(true);
    expect(evenResult.savingsRate).toBe('0.00%');
    expect(unbudgetedResult).toEqual({ savingsFen: 0, savingsRate: '—' });
  });

  test.each([
    ['a float budget', { budgetFen: 1.5, dealFen: 1 }, 'budgetFen'],
    ['a negative deal', { budgetFen: 100, dealFen: -1 }, 'dealFen'],
  ])('rejects %s with a ValidationError naming the field', (_label, input, field) => {
    // Prepare
    let caught: unknown;

    // Act
    try {
      savingsOf(input);
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).errors[0]?.path).toBe(field);
  });
});

describe('premiumOf', () => {
  test('computes 37.65万元 premium on a 150万元 reserve, rate 25.10%', () => {
    // Prepare
    const input = { startPriceFen: 150_000_000, dealFen: 187_650_000 };

    // Act
    const result = premiumOf(input);

    // Assess
    expect(result).toEqual({ premiumFen: 37_650_000, premiumRate: '25.10%' });
    expect(formatWanYuan(result.premiumFen)).toBe('37.65万元');
  });

  test('keeps the sign of a deal below the reserve and has no rate for a zero reserve', () => {
    // Prepare: reserve 3,000,000分 = 3万元, deal 2,900,000分; premium −100,000分 = −0.1万元; −0.1 / 3
    // = −0.033333… → −3.33%.
    const below = { startPriceFen: 3_000_000, dealFen: 2_900_000 };
    const noReserve = { startPriceFen: 0, dealFen: 2_900_000 };

    // Act
    const belowResult = premiumOf(below);
    const noReserveResult = premiumOf(noReserve);

    // Assess
    expect(belowResult).toEqual({ premiumFen: -100_000, premiumRate: '-3.33%' });
    expect(noReserveResult).toEqual({ premiumFen: 2_900_000, premiumRate: '—' });
  });

  test('rejects a float reserve', () => {
    // Prepare
    const input = { startPriceFen: 0.1, dealFen: 1 };

    // Act
    const act = () => premiumOf(input);

    // Assess
    expect(act).toThrow(ValidationError);
  });
});

describe('formatFigures', () => {
  test('formats the 2022 totals as 万元 strings and two-decimal rates', () => {
    // Prepare
    const figures = TOTALS_2022;

    // Act
    const shown = formatFigures(figures);

    // Assess
    expect(shown).toEqual({
      count: '31',
      budgetWanYuan: '3730.94万元',
      dealWanYuan: '3455.14万元',
      savingsWanYuan: '275.8万元',
      savingsRate: '7.39%',
      smeDealWanYuan: '2764.112万元',
      smeShare: '80.00%',
      smallMicroDealWanYuan: '1727.57万元',
      smallMicroShare: '50.00%',
      electronicCount: '30',
      electronicRate: '96.77%',
      startPriceWanYuan: '150万元',
      premiumWanYuan: '37.65万元',
      premiumRate: '25.10%',
      rightsCount: '2',
      rightsDealWanYuan: '187.65万元',
    });
  });

  test('shows no rate for an empty period', () => {
    // Prepare
    const figures = emptyFigures();

    // Act
    const shown = formatFigures(figures);

    // Assess
    expect(shown.dealWanYuan).toBe('0万元');
    expect([shown.savingsRate, shown.smeShare, shown.electronicRate, shown.premiumRate]).toEqual([
      '—',
      '—',
      '—',
      '—',
    ]);
  });
});

describe('addFigures and emptyFigures', () => {
  test('two months add up exactly to the year', () => {
    // Prepare: split every field of the 2022 totals into a March part and the rest.
    const march: ReportFigures = {
      count: 10,
      budgetFen: 1_000_000_001,
      dealFen: 900_000_000,
      savingsFen: 100_000_001,
      smeDealFen: 700_000_000,
      smallMicroDealFen: 400_000_000,
      electronicCount: 10,
      startPriceFen: 50_000_000,
      premiumFen: 12_000_000,
      rightsCount: 1,
      rightsDealFen: 62_000_000,
    };
    const rest: ReportFigures = {
      count: 21,
      budgetFen: 2_730_939_999,
      dealFen: 2_555_140_000,
      savingsFen: 175_799_999,
      smeDealFen: 2_064_112_000,
      smallMicroDealFen: 1_327_570_000,
      electronicCount: 20,
      startPriceFen: 100_000_000,
      premiumFen: 25_650_000,
      rightsCount: 1,
      rightsDealFen: 125_650_000,
    };

    // Act
    const sum = addFigures(march, rest);
    const swapped = addFigures(rest, march);

    // Assess
    expect(sum).toEqual(TOTALS_2022);
    expect(swapped).toEqual(TOTALS_2022);
  });

  test('empty figures are all zero and add as the identity', () => {
    // Prepare
    const empty = emptyFigures();

    // Act
    const left = addFigures(empty, TOTALS_2022);
    const right = addFigures(TOTALS_2022, empty);

    // Assess
    expect(Object.values(empty).every((value) => value === 0)).toBe(true);
    expect(Object.keys(empty).sort()).toEqual(Object.keys(TOTALS_2022).sort());
    expect(left).toEqual(TOTALS_2022);
    expect(right).toEqual(TOTALS_2022);
  });

  test('returns fresh objects, never a shared one', () => {
    // Prepare
    const first = emptyFigures();

    // Act
    first.count = 5;
    const second = emptyFigures();

    // Assess
    expect(second.count).toBe(0);
  });
});
