import { describe, expect, test } from 'vitest';
import { decideSmallMicroDeduction } from '../../shared/domain/rules';
import type { TenderContent } from '../../shared/schemas/tender';
import { chinaMorning, openTenderContent } from '../helpers/fixtures';

const PUBLISHED = chinaMorning('2026-03-02');

/** The fixture's open tender (综合评分法, not reserved, 10%) with some content changed. */
function contentWith(overrides: Partial<TenderContent>): TenderContent {
  return openTenderContent(PUBLISHED, overrides);
}

describe('decideSmallMicroDeduction: one decision from the rules table (财库〔2020〕46号第九条)', () => {
  test('a competitive government tender not reserved for SMEs deducts its stated percent, by the row in force', () => {
    // Act
    const now = decideSmallMicroDeduction(contentWith({}), PUBLISHED);
    const before2022Raise = decideSmallMicroDeduction(
      contentWith({ sme: { reservedForSme: false, priceDeductionPercent: 8 } }),
      chinaMorning('2022-03-01'),
    );

    // Assess
    expect(now).toEqual({
      percent: 10,
      rule: { id: 'sme.small-micro-deduction.2022', citation: expect.stringContaining('财库〔2022〕19号') },
    });
    expect(before2022Raise).toMatchObject({ percent: 8, rule: { id: 'sme.small-micro-deduction.2021' } });
  });

  test('a project reserved for SMEs deducts nothing', () => {
    // Act
    const decision = decideSmallMicroDeduction(contentWith({ sme: { reservedForSme: true } }), PUBLISHED);

    // Assess
    expect(decision).toEqual({
      percent: 0,
      rule: { id: 'sme.reserved-no-deduction', citation: '财库〔2020〕46号第九条' },
    });
  });

  test('a highest-price rights transfer stating a deduction deducts nothing: where the session said 10 and the scoring 0', () => {
    // Prepare: the old session rule was "reserved ? 0 : stated" (10), the old scoring rule also
    // zeroed highestPrice (0); the rules table has no small/micro row for rights transfers
    const listing = contentWith({
      tradeType: 'landUseRights',
      method: 'listing',
      sme: { reservedForSme: false, priceDeductionPercent: 10 },
      evaluation: { method: 'highestPrice', criteria: [] },
    });

    // Act
    const decision = decideSmallMicroDeduction(listing, PUBLISHED);

    // Assess
    expect(decision).toEqual({ percent: 0, rule: null });
  });

  test('a single-source procurement, where no price competes, deducts nothing', () => {
    // Act
    const decision = decideSmallMicroDeduction(
      contentWith({ method: 'singleSource', evaluation: { method: 'lowestPrice', criteria: [] } }),
      PUBLISHED,
    );

    // Assess
    expect(decision).toEqual({ percent: 0, rule: null });
  });
});
