import { describe, expect, test } from 'vitest';
import { RuleViolationError, ValidationError } from '../../shared/domain/errors';
import {
  assertPublishable,
  CORRECTION_IMMUTABLE_FIELDS,
  CORRECTION_IMMUTABLE_RULE,
  findRule,
  listRules,
  PROCUREMENT_METHODS,
  planCorrection,
  type TenderRulesInput,
  validatePublication,
} from '../../shared/domain/rules';

/** Publication instant of the base tender: Friday 2024-03-01, 10:00 Beijing time. */
const PUBLISH_AT = new Date('2024-03-01T10:00:00+08:00');

/**
 * A valid open tender for goods published on 2024-03-01:
 * - documents until Fri 03-08 = 5 working days after 03-01 (87号令第十八条);
 * - deadline Thu 03-21 = 20 days after 03-01 (政府采购法第三十五条);
 * - 300万元 budget, above the 200万元 reservation threshold; 15% deduction (10–20% since 2022-07-01).
 */
function baseTender(): TenderRulesInput {
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

/** Overrides for {@link variant}: top-level fields, with sme/evaluation/timeline merged one level deep. */
interface Overrides extends Partial<Omit<TenderRulesInput, 'sme' | 'evaluation' | 'timeline'>> {
  sme?: Partial<TenderRulesInput['sme']>;
  evaluation?: Partial<TenderRulesInput['evaluation']>;
  timeline?: Partial<TenderRulesInput['timeline']>;
}

/** The base tender with some fields changed. */
function variant(overrides: Overrides): TenderRulesInput {
  const base = baseTender();
  return {
    ...base,
    ...overrides,
    sme: { ...base.sme, ...overrides.sme },
    evaluation: { ...base.evaluation, ...overrides.evaluation },
    timeline: { ...base.timeline, ...overrides.timeline },
  };
}

/** Issues of one rule only. */
function issuesOf(ruleId: string, input: TenderRulesInput, at: Date = PUBLISH_AT) {
  return validatePublication(input, at).filter((issue) => issue.rule === ruleId);
}

/** A non-tender timeline: documents from Fri 03-01 10:00, issue ends Mon 03-04 17:00, deadline as given. */
function shortTimeline(bidDeadline: string): TenderRulesInput['timeline'] {
  return {
    documentsFrom: '2024-03-01T10:00:00+08:00',
    documentsUntil: '2024-03-04T17:00:00+08:00',
    bidDeadline,
  };
}

describe('the base tender', () => {
  test('breaks no rule', () => {
    // Prepare
    const input = baseTender();

    // Act
    const issues = validatePublication(input, PUBLISH_AT);

    // Assess
    expect(issues).toEqual([]);
    expect(() => assertPublishable(input, PUBLISH_AT)).not.toThrow();
  });

  test('assertPublishable throws a 422 RuleViolationError listing every issue with rule and citation', () => {
    // Prepare
    const input = variant({ budgetFen: undefined, timeline: { bidDeadline: '2024-03-20T09:30:00+08:00' } });

    // Act
    let caught: unknown;
    try {
      assertPublishable(input, PUBLISH_AT);
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(RuleViolationError);
    const error = caught as RuleViolationError;
    expect(error.status).toBe(422);
    expect(error.errors.map((e) => e.rule).sort()).toEqual(['government.budget', 'tender.min-bid-period']);
    expect(error.errors.every((e) => e.citation && e.message.zh && e.message.en)).toBe(true);
  });

  test('rejects an invalid publication instant', () => {
    // Prepare
    const input = baseTender();

    // Act
    const act = () => validatePublication(input, new Date('nope'));

    // Assess
    expect(act).toThrow(ValidationError);
  });
});

describe('timeline rules', () => {
  test('timeline.order (平台规则): documents not before the notice day, valid instants, issue ends by the deadline', () => {
    // Prepare
    const early = variant({ timeline: { documentsFrom: '2024-02-29T10:00:00+08:00' } });
    const garbage = variant({ timeline: { bidDeadline: 'next Thursday' } });
    const lateIssue = variant({ timeline: { documentsUntil: '2024-03-22T17:00:00+08:00' } });
    const sameDayEarlier = variant({ timeline: { documentsFrom: '2024-03-01T08:00:00+08:00' } });

    // Act
    const earlyIssues = issuesOf('timeline.order', early);
    const garbageIssues = issuesOf('timeline.order', garbage);
    const lateIssues = issuesOf('timeline.order', lateIssue);
    const sameDayIssues = issuesOf('timeline.order', sameDayEarlier);

    // Assess
    expect(earlyIssues).toEqual([
      expect.objectContaining({
        path: 'timeline.documentsFrom',
        rule: 'timeline.order',
        citation: '平台规则',
      }),
    ]);
    expect(garbageIssues).toEqual([expect.objectContaining({ path: 'timeline.bidDeadline' })]);
    expect(lateIssues).toEqual([expect.objectContaining({ path: 'timeline.documentsUntil' })]);
    expect(sameDayIssues).toEqual([]);
    expect(issuesOf('timeline.order', baseTender())).toEqual([]);
  });

  test('tender.min-bid-period (政府采购法第三十五条): deadline ≥ 20 days after documents are first issued', () => {
    // Prepare
    const onTime = variant({ timeline: { bidDeadline: '2024-03-21T09:30:00+08:00' } });
    const dayShort = variant({ timeline: { bidDeadline: '2024-03-20T17:00:00+08:00' } });

    // Act
    const passing = issuesOf('tender.min-bid-period', onTime);
    const failing = issuesOf('tender.min-bid-period', dayShort);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'timeline.bidDeadline',
        rule: 'tender.min-bid-period',
        citation: '政府采购法第三十五条',
      }),
    ]);
    expect(failing[0]?.message.zh).toContain('2024-03-21');
  });

  test('tender.min-bid-period (政府采购法第三十五条; 87号令第八十五条): a 20th day in the National Day holiday rolls to 10-08', () => {
    // Prepare: issued Wed 2024-09-11; +20 days = Tue 10-01 (holiday 10-01..07) → period ends Tue 10-08.
    // Documents until Thu 09-19: 09-12 (1), 09-13 (2), Sat 09-14 make-up (3), [09-15..17 中秋], 09-18 (4), 09-19 (5).
    const publishAt = new Date('2024-09-11T10:00:00+08:00');
    const timeline = {
      documentsFrom: '2024-09-11T10:00:00+08:00',
      documentsUntil: '2024-09-19T17:00:00+08:00',
    };
    const onTime = variant({ timeline: { ...timeline, bidDeadline: '2024-10-08T09:30:00+08:00' } });
    const inHoliday = variant({ timeline: { ...timeline, bidDeadline: '2024-10-07T09:30:00+08:00' } });

    // Act
    const passing = validatePublication(onTime, publishAt);
    const failing = validatePublication(inHoliday, publishAt);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({ rule: 'tender.min-bid-period', citation: '政府采购法第三十五条' }),
    ]);
  });

  test('tender.notice-period (87号令第十六条): the deadline may not fall inside the 5-working-day notice period', () => {
    // Prepare: published Fri 03-01, notice runs 03-04..03-08
    const inside = variant({
      timeline: { documentsUntil: '2024-03-06T17:00:00+08:00', bidDeadline: '2024-03-07T09:30:00+08:00' },
    });

    // Act
    const passing = issuesOf('tender.notice-period', baseTender());
    const failing = issuesOf('tender.notice-period', inside);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'timeline.bidDeadline',
        rule: 'tender.notice-period',
        citation: '87号令第十六条',
      }),
    ]);
  });

  test('tender.documents-period (87号令第十八条): documents available ≥ 5 working days, across the Spring Festival', () => {
    // Prepare: published Thu 2024-02-08: 02-09 (1), [02-10..17 春节], Sun 02-18 make-up (2), 02-19 (3), 02-20 (4), 02-21 (5).
    // Deadline Wed 02-28 = 02-08 + 20 days.
    const publishAt = new Date('2024-02-08T10:00:00+08:00');
    const timeline = { documentsFrom: '2024-02-08T10:00:00+08:00', bidDeadline: '2024-02-28T09:30:00+08:00' };
    const enough = variant({ timeline: { ...timeline, documentsUntil: '2024-02-21T17:00:00+08:00' } });
    const short = variant({ timeline: { ...timeline, documentsUntil: '2024-02-20T17:00:00+08:00' } });

    // Act
    const passing = validatePublication(enough, publishAt);
    const failing = validatePublication(short, publishAt);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'timeline.documentsUntil',
        rule: 'tender.documents-period',
        citation: '87号令第十八条',
      }),
    ]);
  });

  test('negotiation.min-response-period (74号令第二十九条): ≥ 3 working days to the first response', () => {
    // Prepare: issued Fri 03-01 → Mon 03-04 (1), 03-05 (2), 03-06 (3)
    const negotiation = { method: 'competitiveNegotiation', evaluation: { method: 'lowestPrice' } } as const;
    const enough = variant({ ...negotiation, timeline: shortTimeline('2024-03-06T09:30:00+08:00') });
    const short = variant({ ...negotiation, timeline: shortTimeline('2024-03-05T17:00:00+08:00') });

    // Act
    const passing = validatePublication(enough, PUBLISH_AT);
    const failing = validatePublication(short, PUBLISH_AT);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'timeline.bidDeadline',
        rule: 'negotiation.min-response-period',
        citation: '74号令第二十九条',
      }),
    ]);
  });

  test('inquiry.min-response-period (74号令第四十五条): ≥ 3 working days to the response deadline', () => {
    // Prepare
    const inquiry = { method: 'inquiry', evaluation: { method: 'lowestPrice' } } as const;
    const enough = variant({ ...inquiry, timeline: shortTimeline('2024-03-06T09:30:00+08:00') });
    const short = variant({ ...inquiry, timeline: shortTimeline('2024-03-05T17:00:00+08:00') });

    // Act
    const passing = validatePublication(enough, PUBLISH_AT);
    const failing = validatePublication(short, PUBLISH_AT);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({ rule: 'inquiry.min-response-period', citation: '74号令第四十五条' }),
    ]);
  });

  test('consultation.min-response-period (财库〔2014〕214号第十条, secondary): ≥ 10 days', () => {
    // Prepare: issued Fri 03-01 → 10 days = Mon 03-11
    const enough = variant({
      method: 'competitiveConsultation',
      timeline: shortTimeline('2024-03-11T09:30:00+08:00'),
    });
    const short = variant({
      method: 'competitiveConsultation',
      timeline: shortTimeline('2024-03-10T09:30:00+08:00'),
    });

    // Act
    const passing = validatePublication(enough, PUBLISH_AT);
    const failing = validatePublication(short, PUBLISH_AT);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        rule: 'consultation.min-response-period',
        citation: '财库〔2014〕214号第十条',
      }),
    ]);
    expect(findRule('consultation.min-response-period')?.source).toBe('secondary');
  });

  test('single-source.publicity-period (实施条例第三十八条): publicised ≥ 5 working days', () => {
    // Prepare: published Fri 03-01 → 03-08
    const singleSource = { method: 'singleSource', evaluation: { method: 'lowestPrice' } } as const;
    const enough = variant({ ...singleSource, timeline: shortTimeline('2024-03-08T09:30:00+08:00') });
    const short = variant({ ...singleSource, timeline: shortTimeline('2024-03-07T09:30:00+08:00') });

    // Act
    const passing = validatePublication(enough, PUBLISH_AT);
    const failing = validatePublication(short, PUBLISH_AT);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'timeline.bidDeadline',
        rule: 'single-source.publicity-period',
        citation: '实施条例第三十八条',
      }),
    ]);
  });

  test('listing.notice-lead-time (国土资源部令第39号第十一条, secondary): listing starts ≥ 20 days after the notice', () => {
    // Prepare: published Fri 03-01 → listing may start 03-21
    const listing = {
      method: 'listing',
      tradeType: 'landUseRights',
      budgetFen: undefined,
      reservePriceFen: 5_000_000_000,
      evaluation: { method: 'highestPrice' },
    } as const;
    const lateEnough = variant({
      ...listing,
      timeline: {
        documentsFrom: '2024-03-21T09:00:00+08:00',
        documentsUntil: '2024-03-31T17:00:00+08:00',
        bidDeadline: '2024-04-01T10:00:00+08:00',
      },
    });
    const tooEarly = variant({
      ...listing,
      timeline: {
        documentsFrom: '2024-03-20T09:00:00+08:00',
        documentsUntil: '2024-03-31T17:00:00+08:00',
        bidDeadline: '2024-04-01T10:00:00+08:00',
      },
    });

    // Act
    const passing = validatePublication(lateEnough, PUBLISH_AT);
    const failing = validatePublication(tooEarly, PUBLISH_AT);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'timeline.documentsFrom',
        rule: 'listing.notice-lead-time',
        citation: expect.stringContaining('国土资源部令第39号）第十一条'),
      }),
    ]);
    expect(findRule('listing.notice-lead-time')?.source).toBe('secondary');
  });

  test('auction.notice-lead-time (国土资源部令第39号第十一条, secondary): auction ≥ 20 days after the notice, no weekend roll-over', () => {
    // Prepare: published Sun 03-03 → +20 days = Sat 03-23, allowed as is (a lead time, not an 87号令 period)
    const publishAt = new Date('2024-03-03T10:00:00+08:00');
    const auction = {
      method: 'auction',
      tradeType: 'miningRights',
      budgetFen: undefined,
      reservePriceFen: 1_200_000_000,
      evaluation: { method: 'highestPrice' },
    } as const;
    const timeline = {
      documentsFrom: '2024-03-03T10:00:00+08:00',
      documentsUntil: '2024-03-20T17:00:00+08:00',
    };
    const onSaturday = variant({
      ...auction,
      timeline: { ...timeline, bidDeadline: '2024-03-23T10:00:00+08:00' },
    });
    const dayShort = variant({
      ...auction,
      timeline: { ...timeline, bidDeadline: '2024-03-22T10:00:00+08:00' },
    });

    // Act
    const passing = validatePublication(onSaturday, publishAt);
    const failing = validatePublication(dayShort, publishAt);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'timeline.bidDeadline',
        rule: 'auction.notice-lead-time',
        citation: expect.stringContaining('第十一条'),
      }),
    ]);
  });
});

describe('method, category and evaluation rules', () => {
  test('trade.government-methods (政府采购法第二十六条): government procurement cannot be auctioned', () => {
    // Prepare
    const auctioned = variant({ method: 'auction', evaluation: { method: 'highestPrice' } });

    // Act
    const passing = issuesOf('trade.government-methods', baseTender());
    const failing = issuesOf('trade.government-methods', auctioned);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'method',
        rule: 'trade.government-methods',
        citation: '政府采购法第二十六条',
      }),
    ]);
  });

  test('trade.rights-methods (国土资源部令第39号, secondary): land rights go by listing or auction', () => {
    // Prepare
    const rights = { tradeType: 'landUseRights', reservePriceFen: 5_000_000_000 } as const;
    const tendered = variant({ ...rights });
    const listed = variant({ ...rights, method: 'listing', evaluation: { method: 'highestPrice' } });

    // Act
    const passing = issuesOf('trade.rights-methods', listed);
    const failing = issuesOf('trade.rights-methods', tendered);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'method',
        rule: 'trade.rights-methods',
        citation: expect.stringContaining('国土资源部令第39号'),
      }),
    ]);
  });

  test('inquiry.goods-only (74号令第三条): 询价 is for goods', () => {
    // Prepare
    const inquiry = {
      method: 'inquiry',
      evaluation: { method: 'lowestPrice' },
      timeline: shortTimeline('2024-03-06T09:30:00+08:00'),
    } as const;

    // Act
    const passing = issuesOf('inquiry.goods-only', variant({ ...inquiry, category: 'goods' }));
    const failing = issuesOf('inquiry.goods-only', variant({ ...inquiry, category: 'services' }));

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({ path: 'category', rule: 'inquiry.goods-only', citation: '74号令第三条' }),
    ]);
  });

  test('tender.evaluation-method (87号令第五十三条): tenders use lowest price or comprehensive scoring, never highest price', () => {
    // Prepare
    const lowest = variant({
      evaluation: { method: 'lowestPrice', priceWeightPercent: undefined, criteria: [] },
    });
    const highest = variant({ evaluation: { method: 'highestPrice' } });

    // Act
    const passing = validatePublication(lowest, PUBLISH_AT);
    const failing = issuesOf('tender.evaluation-method', highest);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'evaluation.method',
        rule: 'tender.evaluation-method',
        citation: '87号令第五十三条',
      }),
    ]);
  });

  test.each([
    [
      'negotiation.evaluation-method',
      '74号令第三十五条',
      'competitiveNegotiation',
      'lowestPrice',
      'comprehensive',
    ],
    ['inquiry.evaluation-method', '74号令第四十八条', 'inquiry', 'lowestPrice', 'highestPrice'],
    [
      'consultation.evaluation-method',
      '财库〔2014〕214号',
      'competitiveConsultation',
      'comprehensive',
      'lowestPrice',
    ],
    ['single-source.evaluation-method', '74号令第四十一条', 'singleSource', 'lowestPrice', 'highestPrice'],
  ] as const)('%s (%s): %s allows %s but not %s', (ruleId, citation, method, good, bad) => {
    // Prepare
    const timeline = shortTimeline('2024-03-11T09:30:00+08:00');
    const passingInput = variant({ method, timeline, evaluation: { method: good } });
    const failingInput = variant({ method, timeline, evaluation: { method: bad } });

    // Act
    const passing = issuesOf(ruleId, passingInput);
    const failing = issuesOf(ruleId, failingInput);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([expect.objectContaining({ path: 'evaluation.method', rule: ruleId, citation })]);
  });

  test('rights.evaluation-method (国土资源部令第39号, secondary): rights transfers are won by the highest price', () => {
    // Prepare
    const listing = {
      method: 'listing',
      tradeType: 'landUseRights',
      reservePriceFen: 5_000_000_000,
    } as const;

    // Act
    const passing = issuesOf(
      'rights.evaluation-method',
      variant({ ...listing, evaluation: { method: 'highestPrice' } }),
    );
    const failing = issuesOf(
      'rights.evaluation-method',
      variant({ ...listing, evaluation: { method: 'lowestPrice' } }),
    );

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'evaluation.method',
        rule: 'rights.evaluation-method',
        citation: expect.stringContaining('国土资源部令第39号'),
      }),
    ]);
  });

  test('evaluation.score-total (87号令第五十五条): price weight + criteria points = 100', () => {
    // Prepare
    const short = variant({
      evaluation: {
        criteria: [
          { name: '技术', maxPoints: 50 },
          { name: '商务', maxPoints: 10 },
        ],
      },
    });
    const unnamed = variant({ evaluation: { criteria: [{ name: ' ', maxPoints: 70 }] } });

    // Act
    const passing = issuesOf('evaluation.score-total', baseTender());
    const failing = issuesOf('evaluation.score-total', short);
    const unnamedIssues = issuesOf('evaluation.score-total', unnamed);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'evaluation.criteria',
        rule: 'evaluation.score-total',
        citation: '87号令第五十五条',
      }),
    ]);
    expect(failing[0]?.message.en).toContain('total 90');
    expect(unnamedIssues).toEqual([expect.objectContaining({ path: 'evaluation.criteria.0.name' })]);
  });

  test.each([
    ['goods', 30, 29],
    ['services', 10, 9],
  ] as const)(
    'tender.price-weight-floor (87号令第五十五条): %s needs a price weight of at least %i%%',
    (category, floor, below) => {
      // Prepare
      const budget = { budgetFen: 300_000_000 };
      const atFloor = variant({
        ...budget,
        category,
        evaluation: { priceWeightPercent: floor, criteria: [{ name: '技术', maxPoints: 100 - floor }] },
      });
      const underFloor = variant({
        ...budget,
        category,
        evaluation: { priceWeightPercent: below, criteria: [{ name: '技术', maxPoints: 100 - below }] },
      });

      // Act
      const passing = validatePublication(atFloor, PUBLISH_AT);
      const failing = validatePublication(underFloor, PUBLISH_AT);

      // Assess
      expect(passing).toEqual([]);
      expect(failing).toEqual([
        expect.objectContaining({
          path: 'evaluation.priceWeightPercent',
          rule: 'tender.price-weight-floor',
          citation: '87号令第五十五条',
        }),
      ]);
    },
  );

  test('tender.price-weight-floor (87号令第五十五条) sets no floor for works', () => {
    // Prepare
    const works = variant({
      category: 'works',
      budgetFen: 500_000_000,
      sme: { priceDeductionPercent: 4 },
      evaluation: { priceWeightPercent: 5, criteria: [{ name: '施工组织', maxPoints: 95 }] },
    });

    // Act
    const issues = validatePublication(works, PUBLISH_AT);

    // Assess
    expect(issues).toEqual([]);
  });
});

describe('amount rules', () => {
  test.each([
    ['missing', undefined],
    ['zero', 0],
    ['a float', 1.5],
  ])('government.budget (政府采购法第六条): a %s budget is rejected', (_label, budgetFen) => {
    // Prepare
    const input = variant({ budgetFen });

    // Act
    const passing = issuesOf('government.budget', baseTender());
    const failing = issuesOf('government.budget', input);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({ path: 'budgetFen', rule: 'government.budget', citation: '政府采购法第六条' }),
    ]);
  });

  test('transfer.* (福建网上交易规则第三十条、第四十至四十二条、第四十六条): the live transfer numbers are rows with their articles', () => {
    // Act
    const rows = listRules().filter((rule) => rule.kind === 'transferParameter');

    // Assess: a sealed reserve replaces the old plain reserve-price row (第三十二条: no reserve is allowed)
    expect(findRule('rights.reserve-price')).toBeUndefined();
    expect(
      Object.fromEntries(
        rows.map((rule) => [rule.id, rule.kind === 'transferParameter' ? rule.value : null]),
      ),
    ).toEqual({
      'transfer.switch-window': 60,
      'transfer.preparation': 15,
      'transfer.countdown': 300,
      'transfer.quote-unit': 100_000,
      'transfer.deposit-refund': 5,
    });
    for (const rule of rows) {
      expect(rule.source).toBe('primary');
      expect(rule.citation).toMatch(/^福建省国有建设用地使用权出让网上交易规则（试行）第.+条/);
    }
  });
});

describe('SME rules (财库〔2020〕46号, 财库〔2022〕19号)', () => {
  test('sme.reserve-small-projects (财库〔2020〕46号第六条、第七条): goods ≤ 200万元 not reserved need a reason', () => {
    // Prepare: 200万元 = 200,000,000分, inclusive (以下)
    const atLimit = variant({ budgetFen: 200_000_000 });
    const withReason = variant({
      budgetFen: 200_000_000,
      sme: { notReservedReason: '需使用不可替代的专利技术' },
    });
    const aboveLimit = variant({ budgetFen: 200_000_001 });
    const reserved = variant({
      budgetFen: 200_000_000,
      sme: { reservedForSme: true, priceDeductionPercent: undefined },
    });

    // Act
    const failing = issuesOf('sme.reserve-small-projects', atLimit);
    const passing = [withReason, aboveLimit, reserved].map((input) => validatePublication(input, PUBLISH_AT));

    // Assess
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'sme.notReservedReason',
        rule: 'sme.reserve-small-projects',
        citation: '财库〔2020〕46号第六条、第七条',
      }),
    ]);
    expect(failing[0]?.message.zh).toContain('200万元');
    expect(passing).toEqual([[], [], []]);
  });

  test('sme.reserve-small-projects (财库〔2020〕46号第七条): the works threshold is 400万元', () => {
    // Prepare
    const works = { category: 'works', sme: { priceDeductionPercent: 4 } } as const;

    // Act
    const failing = issuesOf('sme.reserve-small-projects', variant({ ...works, budgetFen: 400_000_000 }));
    const passing = issuesOf('sme.reserve-small-projects', variant({ ...works, budgetFen: 400_000_001 }));

    // Assess
    expect(failing).toEqual([expect.objectContaining({ citation: '财库〔2020〕46号第六条、第七条' })]);
    expect(passing).toEqual([]);
  });

  test('sme.reserved-no-deduction (财库〔2020〕46号第九条): a reserved project applies no deduction', () => {
    // Prepare
    const reservedWithDeduction = variant({ sme: { reservedForSme: true, priceDeductionPercent: 10 } });
    const reservedPlain = variant({ sme: { reservedForSme: true, priceDeductionPercent: undefined } });

    // Act
    const failing = issuesOf('sme.reserved-no-deduction', reservedWithDeduction);
    const passing = validatePublication(reservedPlain, PUBLISH_AT);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'sme.priceDeductionPercent',
        rule: 'sme.reserved-no-deduction',
        citation: '财库〔2020〕46号第九条',
      }),
    ]);
  });

  /** Publication on either side of 2022-07-01 with one timeline valid for both. */
  const LAST_DAY_OLD = new Date('2022-06-30T23:59:59+08:00');
  const FIRST_DAY_NEW = new Date('2022-06-30T16:30:00Z'); // 00:30 on 2022-07-01 in Beijing
  const timeline2022 = {
    documentsFrom: '2022-07-01T09:00:00+08:00',
    documentsUntil: '2022-07-08T17:00:00+08:00',
    bidDeadline: '2022-07-21T09:30:00+08:00',
  };

  test('sme.small-micro-deduction.2021 (财库〔2020〕46号第九条): 6–10% for goods until 2022-06-30', () => {
    // Prepare
    const eight = variant({ timeline: timeline2022, sme: { priceDeductionPercent: 8 } });
    const fifteen = variant({ timeline: timeline2022, sme: { priceDeductionPercent: 15 } });

    // Act
    const passing = validatePublication(eight, LAST_DAY_OLD);
    const failing = validatePublication(fifteen, LAST_DAY_OLD);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'sme.priceDeductionPercent',
        rule: 'sme.small-micro-deduction.2021',
        citation: '财库〔2020〕46号第九条',
      }),
    ]);
  });

  test('sme.small-micro-deduction.2022 (财库〔2022〕19号): 10–20% for goods from 2022-07-01 China time', () => {
    // Prepare
    const eight = variant({ timeline: timeline2022, sme: { priceDeductionPercent: 8 } });
    const fifteen = variant({ timeline: timeline2022, sme: { priceDeductionPercent: 15 } });

    // Act
    const passing = validatePublication(fifteen, FIRST_DAY_NEW);
    const failing = validatePublication(eight, FIRST_DAY_NEW);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([
      expect.objectContaining({
        path: 'sme.priceDeductionPercent',
        rule: 'sme.small-micro-deduction.2022',
        citation: expect.stringContaining('财库〔2022〕19号'),
      }),
    ]);
    expect(findRule('sme.small-micro-deduction.2022')?.source).toBe('secondary');
  });

  test('sme.small-micro-deduction.2022 (财库〔2020〕46号第九条): works stay at 3–5% and a non-reserved project must state its deduction', () => {
    // Prepare
    const works = { category: 'works', budgetFen: 500_000_000, timeline: timeline2022 } as const;
    const fourPercent = variant({ ...works, sme: { priceDeductionPercent: 4 } });
    const tenPercent = variant({ ...works, sme: { priceDeductionPercent: 10 } });
    const unstated = variant({ timeline: timeline2022, sme: { priceDeductionPercent: undefined } });

    // Act
    const passing = validatePublication(fourPercent, FIRST_DAY_NEW);
    const failing = issuesOf('sme.small-micro-deduction.2022', tenPercent, FIRST_DAY_NEW);
    const missing = issuesOf('sme.small-micro-deduction.2022', unstated, FIRST_DAY_NEW);

    // Assess
    expect(passing).toEqual([]);
    expect(failing).toEqual([expect.objectContaining({ path: 'sme.priceDeductionPercent' })]);
    expect(failing[0]?.message.en).toContain('3–5%');
    expect(missing).toEqual([expect.objectContaining({ path: 'sme.priceDeductionPercent' })]);
  });

  test('sme.consortium-deduction.2021 → .2022 (财库〔2020〕46号第九条 → 财库〔2022〕19号): 2–3% becomes 4–6%', () => {
    // Prepare
    const three = variant({
      timeline: timeline2022,
      sme: { priceDeductionPercent: 10, consortiumDeductionPercent: 3 },
    });
    const five = variant({
      timeline: timeline2022,
      sme: { priceDeductionPercent: 10, consortiumDeductionPercent: 5 },
    });

    // Act
    const threeBefore = issuesOf('sme.consortium-deduction.2021', three, LAST_DAY_OLD);
    const fiveBefore = issuesOf('sme.consortium-deduction.2021', five, LAST_DAY_OLD);
    const threeAfter = issuesOf('sme.consortium-deduction.2022', three, FIRST_DAY_NEW);
    const fiveAfter = issuesOf('sme.consortium-deduction.2022', five, FIRST_DAY_NEW);

    // Assess
    expect(threeBefore).toEqual([]);
    expect(fiveBefore).toEqual([
      expect.objectContaining({ path: 'sme.consortiumDeductionPercent', citation: '财库〔2020〕46号第九条' }),
    ]);
    expect(threeAfter).toEqual([
      expect.objectContaining({
        path: 'sme.consortiumDeductionPercent',
        citation: expect.stringContaining('财库〔2022〕19号'),
      }),
    ]);
    expect(fiveAfter).toEqual([]);
  });

  test('the SME ranges switch exactly on 2022-07-01: 8% passes on 06-30 and fails on 07-01; 15% the reverse', () => {
    // Prepare
    const eight = variant({ timeline: timeline2022, sme: { priceDeductionPercent: 8 } });
    const fifteen = variant({ timeline: timeline2022, sme: { priceDeductionPercent: 15 } });

    // Act
    const rules = (input: TenderRulesInput, at: Date) => validatePublication(input, at).map((i) => i.rule);

    // Assess
    expect(rules(eight, LAST_DAY_OLD)).toEqual([]);
    expect(rules(eight, FIRST_DAY_NEW)).toEqual(['sme.small-micro-deduction.2022']);
    expect(rules(fifteen, LAST_DAY_OLD)).toEqual(['sme.small-micro-deduction.2021']);
    expect(rules(fifteen, FIRST_DAY_NEW)).toEqual([]);
  });

  test('no SME rule applies before 财库〔2020〕46号 took effect on 2021-01-01', () => {
    // Prepare
    const publishAt = new Date('2020-12-31T10:00:00+08:00');
    const input = variant({
      budgetFen: 100_000_000,
      sme: { priceDeductionPercent: 50 },
      timeline: {
        documentsFrom: '2020-12-31T10:00:00+08:00',
        documentsUntil: '2021-01-08T17:00:00+08:00',
        bidDeadline: '2021-01-20T09:30:00+08:00',
      },
    });

    // Act
    const issues = validatePublication(input, publishAt);

    // Assess
    expect(issues).toEqual([]);
  });
});

describe('planCorrection (87号令第二十七条)', () => {
  test('a change 10 days before the deadline moves it to ≥ 15 days after the correction, same time of day', () => {
    // Prepare: corrected Mon 03-11 10:00; +15 days = Tue 03-26 10:00, so 09:30 that day is too early → Wed 03-27 09:30
    const input = {
      currentDeadline: '2024-03-21T09:30:00+08:00',
      affectsBidPreparation: true,
      correctionAt: new Date('2024-03-11T10:00:00+08:00'),
    };

    // Act
    const plan = planCorrection(input);

    // Assess
    expect(plan).toEqual({
      bidDeadline: new Date('2024-03-27T09:30:00+08:00').toISOString(),
      extended: true,
      rule: { id: 'correction.min-notice', citation: '87号令第二十七条' },
    });
  });

  test('a change 20 days before the deadline keeps it', () => {
    // Prepare
    const input = {
      currentDeadline: '2024-03-21T09:30:00+08:00',
      affectsBidPreparation: true,
      correctionAt: new Date('2024-03-01T10:00:00+08:00'),
    };

    // Act
    const plan = planCorrection(input);

    // Assess
    expect(plan).toEqual({
      bidDeadline: new Date('2024-03-21T09:30:00+08:00').toISOString(),
      extended: false,
    });
  });

  test('exactly 15 days is enough (不足15日 excludes the number, 87号令第八十六条)', () => {
    // Prepare
    const input = {
      currentDeadline: '2024-03-21T09:30:00+08:00',
      affectsBidPreparation: true,
      correctionAt: new Date('2024-03-06T09:30:00+08:00'),
    };

    // Act
    const plan = planCorrection(input);

    // Assess
    expect(plan.extended).toBe(false);
    expect(plan.bidDeadline).toBe(new Date('2024-03-21T09:30:00+08:00').toISOString());
  });

  test('a change that does not affect bid preparation never extends, even 2 days out', () => {
    // Prepare
    const input = {
      currentDeadline: '2024-03-21T09:30:00+08:00',
      affectsBidPreparation: false,
      correctionAt: new Date('2024-03-19T10:00:00+08:00'),
    };

    // Act
    const plan = planCorrection(input);

    // Assess
    expect(plan).toEqual({
      bidDeadline: new Date('2024-03-21T09:30:00+08:00').toISOString(),
      extended: false,
    });
  });

  test('a requested deadline later than the minimum is kept; an earlier one is pushed to the minimum at its own time of day', () => {
    // Prepare
    const correctionAt = new Date('2024-03-11T10:00:00+08:00');
    const base = { currentDeadline: '2024-03-21T09:30:00+08:00', affectsBidPreparation: true, correctionAt };

    // Act
    const later = planCorrection({ ...base, requestedDeadline: '2024-04-02T14:00:00+08:00' });
    const earlier = planCorrection({ ...base, requestedDeadline: '2024-03-22T14:00:00+08:00' });

    // Assess
    expect(later).toEqual({
      bidDeadline: new Date('2024-04-02T14:00:00+08:00').toISOString(),
      extended: false,
    });
    expect(earlier.extended).toBe(true);
    expect(earlier.bidDeadline).toBe(new Date('2024-03-26T14:00:00+08:00').toISOString());
  });

  test('an extended deadline landing in the National Day holiday rolls to the next working day (87号令第八十五条)', () => {
    // Prepare: corrected Fri 2024-09-20 09:00; +15 days = Sat 10-05 09:00 → 09:30 that day, a holiday → Tue 10-08 09:30
    const input = {
      currentDeadline: '2024-09-30T09:30:00+08:00',
      affectsBidPreparation: true,
      correctionAt: new Date('2024-09-20T09:00:00+08:00'),
    };

    // Act
    const plan = planCorrection(input);

    // Assess
    expect(plan.bidDeadline).toBe(new Date('2024-10-08T09:30:00+08:00').toISOString());
    expect(plan.extended).toBe(true);
  });

  test('rejects a correction after the deadline and invalid instants', () => {
    // Prepare
    const correctionAt = new Date('2024-03-22T10:00:00+08:00');

    // Act
    const afterDeadline = () =>
      planCorrection({
        currentDeadline: '2024-03-21T09:30:00+08:00',
        affectsBidPreparation: true,
        correctionAt,
      });
    const badInstant = () =>
      planCorrection({ currentDeadline: 'soon', affectsBidPreparation: true, correctionAt: new Date() });

    // Assess
    expect(afterDeadline).toThrow(ValidationError);
    expect(badInstant).toThrow(ValidationError);
  });

  test('CORRECTION_IMMUTABLE_FIELDS lists the subject and qualification fields, citing 87号令第二十七条', () => {
    // Prepare
    const rule = findRule(CORRECTION_IMMUTABLE_RULE.id);

    // Act
    const fields = [...CORRECTION_IMMUTABLE_FIELDS];

    // Assess
    expect(fields).toEqual(['title', 'category', 'tradeType', 'method', 'budgetFen', 'qualifications']);
    expect(CORRECTION_IMMUTABLE_RULE.citation).toBe('87号令第二十七条');
    expect(rule?.kind === 'correctionImmutable' && rule.fields).toEqual(fields);
  });
});

describe('the rules table', () => {
  test('every rule has a unique id, a citation, a valid effective range and at least one method', () => {
    // Prepare
    const rules = listRules();

    // Act
    const ids = new Set(rules.map((r) => r.id));
    const bad = rules.filter(
      (r) =>
        r.citation.trim() === '' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(r.effectiveFrom) ||
        (r.effectiveUntil !== undefined && r.effectiveUntil < r.effectiveFrom) ||
        r.methods.length === 0 ||
        r.methods.some((m) => !PROCUREMENT_METHODS.includes(m)) ||
        !r.title.zh ||
        !r.title.en,
    );

    // Assess
    expect(ids.size).toBe(rules.length);
    expect(bad).toEqual([]);
  });

  test('a centre-policy row cites no law: tender.max-bid-period is the centre’s own 180 days', () => {
    // Prepare
    const rules = listRules();

    // Act
    const policies = rules.filter((r) => r.source === 'centrePolicy');

    // Assess
    expect(policies.map((r) => r.id)).toEqual(['tender.max-bid-period']);
    expect(policies.every((r) => !/第.+条|法|令|〔/.test(r.citation))).toBe(true);
    expect(findRule('tender.max-bid-period')).toMatchObject({ kind: 'maxPeriod', count: 180, unit: 'days' });
  });

  test('citations whose text is not in shared/law are marked secondary', () => {
    // Prepare
    const rules = listRules();

    // Act
    const outside = rules.filter((r) => /214号|19号|第39号/.test(r.citation));

    // Assess
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.every((r) => r.source === 'secondary')).toBe(true);
  });

  test('listRules(day) gives the version in force that day, and the table cannot be edited', () => {
    // Prepare
    const before = listRules('2022-06-30').map((r) => r.id);
    const after = listRules('2022-07-01').map((r) => r.id);

    // Act
    const rule = findRule('tender.min-bid-period');
    const edit = () => {
      (rule as { citation: string }).citation = 'changed';
    };

    // Assess
    expect(before).toContain('sme.small-micro-deduction.2021');
    expect(before).not.toContain('sme.small-micro-deduction.2022');
    expect(after).toContain('sme.small-micro-deduction.2022');
    expect(after).not.toContain('sme.small-micro-deduction.2021');
    expect(edit).toThrow(TypeError);
    expect(findRule('tender.min-bid-period')?.citation).toBe('政府采购法第三十五条');
    expect(findRule('no.such-rule')).toBeUndefined();
  });
});

describe('the bid deposit (实施条例第三十三条)', () => {
  test.each([
    // 2% of 300万元 is 6万元 = 6,000,000 分: accepted to the 分, refused one 分 above
    [6_000_000, []],
    [6_000_001, ['deposit.bid-max']],
    // 2.01% of the budget
    [6_030_000, ['deposit.bid-max']],
    [1, []],
  ])('a deposit of %i 分 on a 300万元 budget breaks %j', (bidDepositFen, expected) => {
    // Prepare
    const input = variant({ bidDepositFen });

    // Act
    const issues = issuesOf('deposit.bid-max', input);

    // Assess
    expect(issues.map((issue) => issue.rule)).toEqual(expected);
    for (const issue of issues) {
      expect(issue).toMatchObject({ path: 'bidDepositFen', citation: '实施条例第三十三条' });
      expect(issue.message.zh).toContain('至多 6万元');
    }
  });

  test('no deposit asked, no issue; the cap is exact at the largest amount the portal holds', () => {
    // Prepare: a budget just under 10^14 分 (1万亿元)
    const big = variant({ budgetFen: 99_999_999_999_950, bidDepositFen: 1_999_999_999_999 });

    // Act
    const none = issuesOf('deposit.bid-max', baseTender());
    const exact = issuesOf('deposit.bid-max', big);
    const over = issuesOf('deposit.bid-max', { ...big, bidDepositFen: 2_000_000_000_000 });

    // Assess: 99,999,999,999,950 × 2 / 100 = 1,999,999,999,999 (the 分 below it)
    expect(none).toEqual([]);
    expect(exact).toEqual([]);
    expect(over).toHaveLength(1);
  });
});
