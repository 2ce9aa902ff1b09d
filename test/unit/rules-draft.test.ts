/**
 * The dry run's two domain functions: a draft judged on what it says (validateDraftPublication) and
 * each date's legal bounds (planTimelineBounds), against the same rows validatePublication applies.
 */
import { describe, expect, test } from 'vitest';
import {
  planTimelineBounds,
  type TenderRulesInput,
  validateDraftPublication,
  validatePublication,
} from '../../shared/domain/rules';

/** Friday 2024-03-01, 10:00 Beijing time. */
const PUBLISH_AT = new Date('2024-03-01T10:00:00+08:00');

/** A valid open tender for goods published on 2024-03-01 (the base of rules.test.ts). */
function openTender(): TenderRulesInput {
  return {
    method: 'openTender',
    tradeType: 'governmentProcurement',
    category: 'goods',
    budgetFen: 300_000_000,
    sme: { reservedForSme: false, priceDeductionPercent: 15 },
    evaluation: {
      method: 'comprehensive',
      priceWeightPercent: 30,
      criteria: [
        { name: '技术', maxPoints: 50 },
        { name: '商务', maxPoints: 20 },
      ],
    },
    timeline: {
      documentsFrom: '2024-03-01T10:00:00+08:00',
      documentsUntil: '2024-03-08T17:00:00+08:00',
      bidDeadline: '2024-03-21T09:30:00+08:00',
    },
  };
}

describe('validateDraftPublication', () => {
  test('gives a complete draft exactly what publication gives it, passing or not', () => {
    // Prepare
    const good = openTender();
    const bad = openTender();
    bad.timeline.bidDeadline = '2024-03-11T09:30:00+08:00';
    bad.evaluation.priceWeightPercent = 20;

    // Act
    const results = [good, bad].map((t) => [
      validateDraftPublication(t, PUBLISH_AT),
      validatePublication(t, PUBLISH_AT),
    ]);

    // Assess
    expect(results[0]).toEqual([[], []]);
    const [draft, publish] = results[1] ?? [];
    expect(draft).toEqual(publish);
    expect(draft?.map((i) => i.citation).sort()).toEqual([
      '87号令第五十五条',
      '87号令第五十五条',
      '政府采购法第三十五条',
    ]);
  });

  test('judges only what a draft says: no complaint about unset dates, method or evaluation', () => {
    // Prepare: a government goods tender with only its deadline
    const draft = {
      tradeType: 'governmentProcurement' as const,
      category: 'goods' as const,
      method: 'inquiry' as const,
      budgetFen: 300_000_000,
      timeline: { bidDeadline: '2024-03-04T09:30:00+08:00' },
    };

    // Act
    const issues = validateDraftPublication(draft, PUBLISH_AT);
    const strict = validatePublication(draft as unknown as TenderRulesInput, PUBLISH_AT);

    // Assess: what the strict check adds are the dates not set, as instants that are not valid
    expect(issues).toEqual([]);
    expect(strict.map((i) => i.path).sort()).toEqual(['timeline.documentsFrom', 'timeline.documentsUntil']);
  });

  test('judges nothing without a method, and a missing budget once the trade type is known (政府采购法第六条)', () => {
    expect(validateDraftPublication({}, PUBLISH_AT)).toEqual([]);
    expect(
      validateDraftPublication({ method: 'openTender', tradeType: 'governmentProcurement' }, PUBLISH_AT).map(
        (i) => [i.rule, i.citation],
      ),
    ).toEqual([['government.budget', '政府采购法第六条']]);
  });
});

describe('planTimelineBounds', () => {
  test('an open tender: documents from the notice day, 5 working days of issue, 20 days to the deadline', () => {
    // Act
    const { earliest, latest } = planTimelineBounds(openTender(), PUBLISH_AT);

    // Assess: 2024-03-01 is a Friday; 5 working days later is Friday 03-08; 20 days is Thursday 03-21
    const binding = Object.fromEntries(
      earliest.filter((b) => b.binding).map((b) => [b.point, [b.date, b.rule.citation]]),
    );
    expect(binding).toEqual({
      documentsFrom: ['2024-03-01', '平台规则'],
      documentsUntil: ['2024-03-08', '87号令第十八条'],
      bidDeadline: ['2024-03-21', '政府采购法第三十五条'],
    });
    expect(earliest.find((b) => b.rule.id === 'tender.notice-period')).toMatchObject({
      date: '2024-03-08',
      binding: false,
    });
    expect(latest).toEqual([
      expect.objectContaining({ point: 'bidDeadline', date: '2024-08-28', binding: true }),
    ]);
  });

  test('each earliest day passes its rule and the day before breaks it', () => {
    // Prepare
    const tender = openTender();
    const { earliest } = planTimelineBounds(tender, PUBLISH_AT);
    const deadline = earliest.find((b) => b.point === 'bidDeadline' && b.binding)?.date as string;

    // Act
    const onTheDay = {
      ...tender,
      timeline: { ...tender.timeline, bidDeadline: `${deadline}T00:05:00+08:00` },
    };
    const before = { ...tender, timeline: { ...tender.timeline, bidDeadline: '2024-03-20T23:55:00+08:00' } };

    // Assess
    expect(validatePublication(onTheDay, PUBLISH_AT)).toEqual([]);
    expect(validatePublication(before, PUBLISH_AT).map((i) => i.rule)).toEqual(['tender.min-bid-period']);
  });

  test('counts from a planned issue day, or from its own earliest day while none is planned', () => {
    // Prepare: a competitive consultation (10 days from the documents, 财库〔2014〕214号第十条)
    const planned = { ...openTender(), method: 'competitiveConsultation' as const };
    planned.timeline = { ...planned.timeline, documentsFrom: '2024-03-05T09:00:00+08:00' };
    const unplanned = {
      method: 'competitiveConsultation' as const,
      tradeType: 'governmentProcurement' as const,
    };

    // Act
    const fromPlanned = planTimelineBounds(planned, PUBLISH_AT).earliest.find(
      (b) => b.point === 'bidDeadline',
    );
    const fromEarliest = planTimelineBounds(unplanned, PUBLISH_AT).earliest.find(
      (b) => b.point === 'bidDeadline',
    );

    // Assess: 03-15 is a Friday; 03-11 is a Monday
    expect(fromPlanned).toMatchObject({
      date: '2024-03-15',
      from: { point: 'documentsFrom', planned: true },
    });
    expect(fromEarliest).toMatchObject({
      date: '2024-03-11',
      from: { point: 'documentsFrom', date: '2024-03-01', planned: false },
    });
  });
});

describe('the transfer rows at publication (福建网上交易规则)', () => {
  test('第三十条: a start price between two quote units is refused, so the first quote can equal it', () => {
    // Prepare: a land listing whose timeline passes; only the start price varies
    const listing = (startPriceFen: number, quoteUnitFen?: number): TenderRulesInput => ({
      ...openTender(),
      method: 'listing',
      tradeType: 'landUseRights',
      category: 'works',
      sme: { reservedForSme: false, notReservedReason: '土地出让不适用' },
      evaluation: { method: 'highestPrice', criteria: [] },
      transfer: { startPriceFen, ...(quoteUnitFen ? { bidding: { quoteUnitFen } } : {}) },
    });
    const unitIssues = (input: TenderRulesInput) =>
      validateDraftPublication(input, PUBLISH_AT).filter((issue) => issue.rule === 'transfer.quote-unit');

    // Act
    const off = unitIssues(listing(800_000_010));
    const on = unitIssues(listing(800_000_000));
    const ownUnit = unitIssues(listing(800_000_010, 10));

    // Assess
    expect(off).toHaveLength(1);
    expect(off[0]).toMatchObject({
      path: 'transfer.startPriceFen',
      citation: expect.stringContaining('第三十条'),
    });
    expect(off[0]?.message.zh).toContain('0.1万元');
    expect(on).toEqual([]);
    expect(ownUnit).toEqual([]);
  });
});
