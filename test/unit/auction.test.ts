import { describe, expect, test } from 'vitest';
import {
  type AuctionTerms,
  applyQuote,
  auctionOutcome,
  defaultBiddingRules,
  endsAt,
  initialAuctionState,
  minimumQuote,
  phaseAt,
} from '../../shared/domain/auction';
import { RuleViolationError } from '../../shared/domain/errors';
import { reserveCommitment } from '../../shared/domain/sealing';

const START = '2027-03-01T01:00:00.000Z';
const END = '2027-03-11T07:00:00.000Z';
const MIN = 60_000;

function terms(method: 'listing' | 'auction' = 'listing'): AuctionTerms {
  return {
    method,
    startPriceFen: 1_000_000_000,
    incrementFen: 10_000_000,
    auctionIncrementFen: 20_000_000,
    startsAt: START,
    listingEndsAt: END,
    rules: defaultBiddingRules(),
  };
}

function at(offsetMs: number, from = END): string {
  return new Date(Date.parse(from) + offsetMs).toISOString();
}

function violation(run: () => unknown): { rule?: string; citation?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolationError) return error.errors[0] ?? {};
    throw error;
  }
  throw new Error('no violation');
}

describe('the quoting of a live listing (福建网上交易规则)', () => {
  test('第三十条: the first quote at least the start, each later one an increment above, in 0.1万元 units', () => {
    // Prepare
    const t = terms();
    const s0 = initialAuctionState(t);

    // Act
    const s1 = applyQuote(s0, t, { bidderNo: '100001', amountFen: 1_000_000_000, at: at(MIN, START) });

    // Assess
    expect(minimumQuote(s0, t, 'listing')).toBe(1_000_000_000);
    expect(minimumQuote(s1, t, 'listing')).toBe(1_010_000_000);
    expect(minimumQuote(s1, t, 'countdown')).toBe(1_020_000_000);
    expect(
      violation(() => applyQuote(s0, t, { bidderNo: '1', amountFen: 999_900_000, at: at(MIN, START) })),
    ).toMatchObject({
      rule: 'transfer.quote-unit',
    });
    expect(
      violation(() => applyQuote(s1, t, { bidderNo: '2', amountFen: 1_009_900_000, at: at(2 * MIN, START) }))
        .citation,
    ).toContain('第三十条');
    expect(
      violation(() => applyQuote(s1, t, { bidderNo: '2', amountFen: 1_010_050_000, at: at(2 * MIN, START) }))
        .rule,
    ).toBe('transfer.quote-unit');
    expect(s1).toMatchObject({ currentPriceFen: 1_000_000_000, leaderBidderNo: '100001', quoteCount: 1 });
  });

  test('第三十条: an increment off the 0.1万元 unit still leaves a quote to make: the least one rounds up to the unit', () => {
    // Prepare: an increment of 5万5千元 (5.5万元) against a 0.1万元 quote unit… and of 5,500.50 元
    const t = { ...terms(), incrementFen: 550_050 };
    const s1 = applyQuote(initialAuctionState(t), t, {
      bidderNo: 'A',
      amountFen: 1_000_000_000,
      at: at(MIN, START),
    });

    // Act
    const least = minimumQuote(s1, t, 'listing');
    const s2 = applyQuote(s1, t, { bidderNo: 'B', amountFen: least, at: at(2 * MIN, START) });

    // Assess: 1000.55005万元 is not a quote; 1000.6万元 is the least that is, and it is accepted
    expect(least).toBe(1_000_600_000);
    expect(s2.currentPriceFen).toBe(least);
  });

  test('第三十三条第三项, 第四十至四十二条: two bidders in the last hour switch to a 5-minute countdown after 15 minutes', () => {
    // Prepare
    const t = terms();
    let s = initialAuctionState(t);
    s = applyQuote(s, t, { bidderNo: 'A', amountFen: 1_000_000_000, at: at(-61 * MIN) });
    s = applyQuote(s, t, { bidderNo: 'A', amountFen: 1_010_000_000, at: at(-59 * MIN) });

    // Act
    const oneLate = s;
    const twoLate = applyQuote(s, t, { bidderNo: 'B', amountFen: 1_020_000_000, at: at(-30 * MIN) });

    // Assess: one late bidder (even twice) keeps the listing; the second distinct one switches it
    expect(oneLate.countdownFrom).toBeNull();
    expect(endsAt(oneLate)).toBe(END);
    expect(twoLate.countdownFrom).toBe(at(15 * MIN));
    expect(twoLate.countdownUntil).toBe(at(20 * MIN));
    expect(phaseAt(twoLate, at(1))).toBe('preparation');
    expect(phaseAt(twoLate, at(15 * MIN))).toBe('countdown');
    expect(phaseAt(twoLate, at(20 * MIN))).toBe('closed');
    expect(
      violation(() => applyQuote(twoLate, t, { bidderNo: 'A', amountFen: 1_100_000_000, at: at(MIN) })).rule,
    ).toBe('transfer.preparation');
  });

  test('第四十二条第二项: a quote in the countdown restarts it from that instant; the end instant is closed', () => {
    // Prepare: an auction (拍卖) counts down from its start
    const t = terms('auction');
    const s0 = initialAuctionState(t);

    // Act
    const s1 = applyQuote(s0, t, { bidderNo: 'A', amountFen: 1_000_000_000, at: at(10_000) });
    const s2 = applyQuote(s1, t, { bidderNo: 'B', amountFen: 1_020_000_000, at: at(300_000) });

    // Assess
    expect(phaseAt(s0, at(-1))).toBe('notStarted');
    expect(s0.countdownUntil).toBe(at(300_000));
    expect(s1.countdownUntil).toBe(at(310_000));
    expect(s2.countdownUntil).toBe(at(600_000));
    expect(phaseAt(s2, at(599_999))).toBe('countdown');
    expect(
      violation(() => applyQuote(s2, t, { bidderNo: 'A', amountFen: 1_040_000_000, at: at(600_000) })),
    ).toMatchObject({
      rule: 'transfer.closed',
    });
  });

  test('第三十四条, 第四十四条: no quote or below the reserve is not sold; otherwise the highest wins', () => {
    // Prepare
    const t = terms();
    const quoted = applyQuote(initialAuctionState(t), t, {
      bidderNo: 'A',
      amountFen: 1_100_000_000,
      at: at(MIN, START),
    });

    // Assess
    expect(auctionOutcome(initialAuctionState(t), null)).toEqual({ sold: false, reason: 'noQuote' });
    expect(auctionOutcome(quoted, 1_100_000_001)).toEqual({ sold: false, reason: 'belowReserve' });
    expect(auctionOutcome(quoted, 1_100_000_000)).toEqual({
      sold: true,
      bidderNo: 'A',
      priceFen: 1_100_000_000,
    });
    expect(auctionOutcome(quoted, null)).toEqual({ sold: true, bidderNo: 'A', priceFen: 1_100_000_000 });
  });

  test('the reserve commitment binds the tender, the price and the nonce', async () => {
    // Prepare
    const nonce = 'a'.repeat(64);
    const base = { tenderId: '01JNB8Z3Q4R5S6T7V8W9X0Y1ZD', reservePriceFen: 1_050_000_000, nonce };

    // Act
    const commitment = await reserveCommitment(base);

    // Assess: the formula of DESIGN.md section 9, and any change gives another commitment
    const { createHash } = await import('node:crypto');
    expect(commitment).toBe(
      createHash('sha256').update(`reserve|${base.tenderId}|1050000000|${nonce}`).digest('hex'),
    );
    expect(await reserveCommitment({ ...base, reservePriceFen: 1_050_000_001 })).not.toBe(commitment);
    expect(await reserveCommitment({ ...base, nonce: 'b'.repeat(64) })).not.toBe(commitment);
  });
});
