/**
 * Live rights transfers (网上挂牌, 拍卖; DESIGN.md section 9): the quoting windows, the switch from
 * a listing to timed bidding, the countdown that restarts at every quote, and the outcome.
 *
 * Pure functions over a small state, so the rules are checked without a database and the same
 * state decides what the database condition enforces: the state names at most two windows in
 * which a quote is accepted (the listing, and the countdown once timed bidding is on), and the
 * DynamoDB write refuses a quote whose server instant lies in neither.
 *
 * The numbers (switch window, preparation, countdown, quote unit, refund period) are rows of the
 * rules table (`transfer.*`, the Fujian online trading rules), so a centre's own values are data.
 */

import { addWorkingDays, chinaDate, type WorkingCalendar } from './calendar';
import { deepFreeze } from './checks';
import type { BilingualText, FieldIssue } from './errors';
import { RuleViolationError } from './errors';
import type { Fen } from './money';
import { formatWanYuan } from './money';
import { findRule, type TransferParameter, type TransferParameterRule } from './rules';
import type { AuctionPhase } from './vocabulary';

/** The rule row of a transfer parameter. */
export function transferRule(parameter: TransferParameter): TransferParameterRule {
  const id = TRANSFER_RULE_IDS[parameter];
  const rule = findRule(id);
  if (rule?.kind !== 'transferParameter') throw new Error(`rules table lacks ${id}`);
  return rule;
}

/** Which rule row holds each parameter. */
const TRANSFER_RULE_IDS: Readonly<Record<TransferParameter, string>> = deepFreeze({
  switchWindowMinutes: 'transfer.switch-window',
  preparationMinutes: 'transfer.preparation',
  countdownSeconds: 'transfer.countdown',
  quoteUnitFen: 'transfer.quote-unit',
  depositRefundWorkingDays: 'transfer.deposit-refund',
});

/** The timed-bidding numbers a transfer runs by. */
export interface BiddingRules {
  /** Minutes before the listing's end in which two bidders switch it to timed bidding. */
  switchWindowMinutes: number;
  /** Minutes between the listing's end and the countdown's start (no quotes). */
  preparationMinutes: number;
  /** Length of the countdown, restarted at every accepted quote. */
  countdownSeconds: number;
  /** Every quote is a whole multiple of this many 分 (0.1万元 = 100,000 分). */
  quoteUnitFen: number;
}

/** The rules table's default bidding rules. */
export function defaultBiddingRules(): BiddingRules {
  return {
    switchWindowMinutes: transferRule('switchWindowMinutes').value,
    preparationMinutes: transferRule('preparationMinutes').value,
    countdownSeconds: transferRule('countdownSeconds').value,
    quoteUnitFen: transferRule('quoteUnitFen').value,
  };
}

/** The published terms a live transfer runs by. */
export interface AuctionTerms {
  /** 挂牌 (a listing period, then timed bidding when two bid late) or 拍卖 (timed bidding at once). */
  method: 'listing' | 'auction';
  /** 起始价 (listing) / 起叫价 (auction). */
  startPriceFen: Fen;
  /** 增价幅度 during the listing. */
  incrementFen: Fen;
  /** 增价幅度 during timed bidding (may differ, 福建网上交易规则第四十三条). */
  auctionIncrementFen: Fen;
  /** The listing's start (挂牌起始), or the auction's start for 拍卖. */
  startsAt: string;
  /** The listing's end (挂牌截止), or the auction's start for 拍卖. */
  listingEndsAt: string;
  /** The timed-bidding numbers. */
  rules: BiddingRules;
}

export type { AuctionPhase } from './vocabulary';
export { AUCTION_PHASE_LABELS } from './vocabulary';

/** The state of the quoting: what the tender stores and the database condition reads. */
export interface AuctionState {
  /** The highest accepted quote, or null before the first. */
  currentPriceFen: Fen | null;
  /** The 竞买号 of the highest bidder, or null. */
  leaderBidderNo: string | null;
  /** Accepted quotes so far. */
  quoteCount: number;
  /** When the last quote was accepted. */
  lastQuoteAt: string | null;
  /** First window: the listing, [from, until). Empty (from = until) for an auction. */
  listingFrom: string;
  /** End of the listing window (exclusive). */
  listingUntil: string;
  /** Second window: timed bidding, [from, until), once it is on; null while it is not. */
  countdownFrom: string | null;
  /** End of the countdown (exclusive): moves to the last quote + the countdown at every quote. */
  countdownUntil: string | null;
  /** Distinct bidders who quoted in the listing's switch window (until timed bidding is on). */
  lateBidders: string[];
}

/** One accepted quote as the state records it. */
export interface QuoteInput {
  /** The bidder's 竞买号. */
  bidderNo: string;
  /** The quoted price. */
  amountFen: Fen;
  /** The server's instant of the quote. */
  at: string;
}

function plus(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

/** The state when the transfer notice is published: no quote yet, the windows from the terms. */
export function initialAuctionState(terms: AuctionTerms): AuctionState {
  if (terms.method === 'auction') {
    return {
      currentPriceFen: null,
      leaderBidderNo: null,
      quoteCount: 0,
      lastQuoteAt: null,
      listingFrom: terms.listingEndsAt,
      listingUntil: terms.listingEndsAt,
      countdownFrom: terms.listingEndsAt,
      countdownUntil: plus(terms.listingEndsAt, terms.rules.countdownSeconds * 1000),
      lateBidders: [],
    };
  }
  return {
    currentPriceFen: null,
    leaderBidderNo: null,
    quoteCount: 0,
    lastQuoteAt: null,
    listingFrom: terms.startsAt,
    listingUntil: terms.listingEndsAt,
    countdownFrom: null,
    countdownUntil: null,
    lateBidders: [],
  };
}

/** Where the transfer stands at `at`. */
export function phaseAt(state: AuctionState, at: string): AuctionPhase {
  const t = Date.parse(at);
  const from = Date.parse(state.listingFrom);
  const until = Date.parse(state.listingUntil);
  if (t < from) return 'notStarted';
  if (t < until) return 'listing';
  if (state.countdownFrom && state.countdownUntil) {
    if (t < Date.parse(state.countdownFrom)) return 'preparation';
    if (t < Date.parse(state.countdownUntil)) return 'countdown';
  }
  return 'closed';
}

/** The instant after which, absent a new quote, no quote is accepted: the transfer's end. */
export function endsAt(state: AuctionState): string {
  return state.countdownUntil ?? state.listingUntil;
}

/**
 * The lowest quote accepted now: the start price first (福建网上交易规则第三十条), then the highest
 * quote plus the increment of the phase — the listing's, or timed bidding's (第三十六条, 第四十三条).
 */
export function minimumQuote(state: AuctionState, terms: AuctionTerms, phase: AuctionPhase): Fen {
  const increment = phase === 'countdown' ? terms.auctionIncrementFen : terms.incrementFen;
  const least = state.currentPriceFen === null ? terms.startPriceFen : state.currentPriceFen + increment;
  // The lowest quote that can be made: quotes are whole quote units (第三十条), the increment need not be
  const unit = terms.rules.quoteUnitFen;
  return Math.ceil(least / unit) * unit;
}

/** The article of each refusal of a quote, as the error carries it. */
const FUJIAN = '福建省国有建设用地使用权出让网上交易规则（试行）';

function refuse(path: string, rule: string, citation: string, message: BilingualText): never {
  const issue: FieldIssue = { path, rule, citation, message };
  throw new RuleViolationError([issue]);
}

/**
 * The state after one quote, or a {@link RuleViolationError} naming the article it breaks.
 *
 * A quote in the listing's switch window is noted with its bidder; the second distinct bidder there
 * turns timed bidding on, to start after the preparation stage (第三十三条第三项, 第四十条, 第四十一条).
 * A quote in the countdown restarts it (第四十二条第二项).
 */
export function applyQuote(state: AuctionState, terms: AuctionTerms, quote: QuoteInput): AuctionState {
  const phase = phaseAt(state, quote.at);
  if (phase === 'notStarted') {
    refuse('body.amountFen', 'transfer.quote-window', `${FUJIAN}第二十七条`, {
      zh: `挂牌交易尚未开始，${state.listingFrom} 起方可报价`,
      en: `Quoting has not started; quotes are taken from ${state.listingFrom}`,
    });
  }
  if (phase === 'preparation') {
    refuse('body.amountFen', 'transfer.preparation', `${FUJIAN}第四十一条`, {
      zh: `网上拍卖准备阶段不接受报价，倒计时 ${state.countdownFrom} 开始后方可报价`,
      en: `No quotes during the preparation stage; the countdown starts at ${state.countdownFrom}`,
    });
  }
  if (phase === 'closed') {
    refuse('body.amountFen', 'transfer.closed', `${FUJIAN}第四十二条`, {
      zh: `竞价已于 ${endsAt(state)} 结束，不再接受报价`,
      en: `Bidding ended at ${endsAt(state)}; no more quotes are taken`,
    });
  }
  const minimum = minimumQuote(state, terms, phase);
  if (quote.amountFen < minimum) {
    refuse(
      'body.amountFen',
      'transfer.quote-unit',
      `${FUJIAN}第三十条`,
      state.currentPriceFen === null
        ? {
            zh: `初次报价不得低于起始价，至少 ${formatWanYuan(minimum)}`,
            en: `The first quote must be at least the start price, ${minimum} fen`,
          }
        : {
            zh: `报价须比当前最高报价至少高一个加价幅度，至少 ${formatWanYuan(minimum)}`,
            en: `A quote must exceed the highest by at least one increment: at least ${minimum} fen`,
          },
    );
  }
  if (quote.amountFen % terms.rules.quoteUnitFen !== 0) {
    refuse('body.amountFen', 'transfer.quote-unit', `${FUJIAN}第三十条`, {
      zh: `报价以万元为单位，须为 ${formatWanYuan(terms.rules.quoteUnitFen)} 的整数倍`,
      en: `A quote is a whole multiple of ${terms.rules.quoteUnitFen} fen`,
    });
  }
  const next: AuctionState = {
    ...state,
    currentPriceFen: quote.amountFen,
    leaderBidderNo: quote.bidderNo,
    quoteCount: state.quoteCount + 1,
    lastQuoteAt: quote.at,
  };
  if (phase === 'countdown') {
    return { ...next, countdownUntil: plus(quote.at, terms.rules.countdownSeconds * 1000) };
  }
  const windowOpens = Date.parse(state.listingUntil) - terms.rules.switchWindowMinutes * 60_000;
  if (terms.method !== 'listing' || state.countdownFrom !== null || Date.parse(quote.at) < windowOpens) {
    return next;
  }
  const lateBidders = state.lateBidders.includes(quote.bidderNo)
    ? state.lateBidders
    : [...state.lateBidders, quote.bidderNo];
  if (lateBidders.length < 2) return { ...next, lateBidders };
  const countdownFrom = plus(state.listingUntil, terms.rules.preparationMinutes * 60_000);
  return {
    ...next,
    lateBidders,
    countdownFrom,
    countdownUntil: plus(countdownFrom, terms.rules.countdownSeconds * 1000),
  };
}

/** How a closed transfer ends. */
export type AuctionOutcome =
  | { sold: true; bidderNo: string; priceFen: Fen }
  | { sold: false; reason: 'noQuote' | 'belowReserve' };

/**
 * The outcome once bidding is closed: the highest quote wins when it reaches the reserve (if one was
 * set, 福建网上交易规则第四十四条); no quote, or the reserve not reached, and the parcel is not sold
 * (流拍, 第三十四条). Each accepted quote exceeds the one before, so the highest is the last.
 */
export function auctionOutcome(state: AuctionState, reservePriceFen: Fen | null): AuctionOutcome {
  if (state.currentPriceFen === null || state.leaderBidderNo === null)
    return { sold: false, reason: 'noQuote' };
  if (reservePriceFen !== null && state.currentPriceFen < reservePriceFen) {
    return { sold: false, reason: 'belowReserve' };
  }
  return { sold: true, bidderNo: state.leaderBidderNo, priceFen: state.currentPriceFen };
}

/**
 * The last day to refund a deposit that did not win: the given working days after the day the
 * transfer ended (福建网上交易规则第四十六条; the end day itself not counted).
 */
export function depositRefundDueOn(endedAt: string, calendar: WorkingCalendar, workingDays?: number): string {
  const days = workingDays ?? transferRule('depositRefundWorkingDays').value;
  return addWorkingDays(chinaDate(new Date(endedAt)), days, calendar);
}
