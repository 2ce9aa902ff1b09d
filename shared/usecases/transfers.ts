/**
 * Live land and mining-rights transfers (网上挂牌, 拍卖; DESIGN.md section 9): applications with
 * deposits (the deposit ledger), open quotes with timed bidding, the sealed reserve price, and the
 * result or 流拍.
 *
 * The rules are the domain's (`domain/auction.ts`); this module reads and writes. Every accepted
 * quote is a change of the tender (its audit chain holds the whole history) written under the
 * tender's version, so of concurrent quotes at one level exactly one lands, and under the quoting
 * windows the tender stores, so a quote at or after the end is refused by the database.
 */

import { randomInt } from 'node:crypto';
import {
  type AuctionState,
  type AuctionTerms,
  applyQuote,
  auctionOutcome,
  defaultBiddingRules,
  depositRefundDueOn,
  endsAt,
  initialAuctionState,
  minimumQuote,
  phaseAt,
  transferRule,
} from '../domain/auction';
import { addWorkingDays, chinaDate, endOfChinaDay } from '../domain/calendar';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  UnprocessableError,
  ValidationError,
} from '../domain/errors';
import { formatWanYuan } from '../domain/money';
import { procedureOf } from '../domain/procedures';
import { reserveCommitment } from '../domain/sealing';
import { AUCTION_PHASE_LABELS } from '../domain/vocabulary';
import type { Deps } from '../ports/deps';
import type { Actor } from '../schemas/audit';
import type { Award } from '../schemas/award';
import type { Tender } from '../schemas/tender';
import {
  type AuctionStateRecord,
  type AuctionView,
  auctionChannel,
  type DepositEntry,
  type DepositLedger,
  type DepositLedgerLine,
  type LiveAuctionMessage,
  type PublicQuote,
  type QuoteRecord,
} from '../schemas/transfer';
import { SYSTEM_ACTOR } from './audit-chain';
import { awardDelta, facetsOf, moneyOutcome } from './awards';
import { countOnCalendar } from './calendar';
import { applyChange, type Caller, loadOwnTender, loadPublishedTender } from './tender-change';

/** Citation prefix of the Fujian online trading rules. */
const FUJIAN = '福建省国有建设用地使用权出让网上交易规则（试行）';

/** Working days within which the winner signs the 成交确认书 (福建网上交易规则第四十五条). */
const CONFIRMATION_WORKING_DAYS = 5;

/** How often a quote that lost only to a concurrent one is tried again while it is still high enough. */
const QUOTE_ATTEMPTS = 8;

/** How many of the latest quotes the live view carries. */
const RECENT_QUOTES = 20;

/** The terms of a live transfer, or a 404-like refusal for a tender that is not one. */
function termsOf(tender: Tender): AuctionTerms & { depositFen: number; reserveCommitment: string | null } {
  const transfer = tender.content.transfer;
  if (!procedureOf(tender.content).liveQuotes || !transfer) {
    throw new UnprocessableError('not-a-live-transfer', {
      zh: '该项目不是网上挂牌或拍卖出让',
      en: 'This tender is not a live listing or auction',
    });
  }
  const defaults = defaultBiddingRules();
  const method = tender.content.method === 'auction' ? 'auction' : 'listing';
  return {
    method,
    startPriceFen: transfer.startPriceFen,
    incrementFen: transfer.incrementFen,
    auctionIncrementFen: transfer.auctionIncrementFen ?? transfer.incrementFen,
    startsAt: new Date(tender.content.timeline.documentsFrom).toISOString(),
    listingEndsAt: new Date(tender.content.timeline.bidDeadline).toISOString(),
    rules: { ...defaults, ...transfer.bidding },
    depositFen: transfer.depositFen,
    reserveCommitment: transfer.reserveCommitment ?? null,
  };
}

/** The bidding rules in force for a transfer (its own values over the rules table's). */
export function auctionRulesOf(tender: Tender): AuctionTerms['rules'] {
  return termsOf(tender).rules;
}

/** The quoting state a transfer starts with when its notice is published. */
export function openingAuctionState(tender: Tender): AuctionStateRecord {
  return initialAuctionState(termsOf(tender));
}

/** The domain state of a stored transfer. */
function stateOf(tender: Tender): AuctionState {
  if (!tender.auction) throw new Error(`live transfer ${tender.id} has no quoting state`);
  const { closedAt: _closedAt, reserve: _reserve, ...state } = tender.auction;
  return state;
}

/** The phase at `at`; a transfer the tick has closed is closed whatever the clock says. */
function phaseOf(tender: Tender, at: string) {
  if (tender.status !== 'tendering' || tender.auction?.closedAt) return 'closed' as const;
  return phaseAt(stateOf(tender), at);
}

function publicQuote(quote: QuoteRecord): PublicQuote {
  return {
    seq: quote.seq,
    bidderNo: quote.bidderNo,
    amountFen: quote.amountFen,
    at: quote.at,
    phase: quote.phase,
  };
}

/** The live view of a transfer at the server's instant: anyone may read it (no bidder names). */
export async function getAuctionView(input: { tenderId: string }, deps: Deps): Promise<AuctionView> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  return viewOf(deps, tender);
}

/** The live view of a tender already read. */
async function viewOf(deps: Deps, tender: Tender): Promise<AuctionView> {
  const terms = termsOf(tender);
  const now = deps.clock.now().toISOString();
  const auction = tender.auction ?? openingAuctionState(tender);
  const phase = phaseOf(tender, now);
  const recent = await deps.transfers.listQuotes(tender.id, { limit: RECENT_QUOTES, newest: true });
  return {
    tenderId: tender.id,
    title: tender.content.title,
    method: terms.method,
    status: tender.status,
    phase,
    phaseLabel: AUCTION_PHASE_LABELS[phase].zh,
    serverTime: now,
    endsAt: endsAt(auction),
    startPriceFen: terms.startPriceFen,
    incrementFen: terms.incrementFen,
    auctionIncrementFen: terms.auctionIncrementFen,
    currentPriceFen: auction.currentPriceFen,
    minimumQuoteFen:
      phase === 'closed'
        ? null
        : minimumQuote(
            auction,
            terms,
            phase === 'countdown' || phase === 'preparation' ? 'countdown' : 'listing',
          ),
    leaderBidderNo: auction.leaderBidderNo,
    quoteCount: auction.quoteCount,
    listingFrom: auction.listingFrom,
    listingUntil: auction.listingUntil,
    countdownFrom: auction.countdownFrom,
    countdownUntil: auction.countdownUntil,
    rules: terms.rules,
    reserveCommitment: terms.reserveCommitment,
    reserve: auction.reserve,
    recentQuotes: recent.map(publicQuote),
  };
}

/**
 * Pushes a transfer's live view, as saved, to its channel (`auction:<tenderId>`): one push, awaited
 * (a Lambda is frozen once it answers), never failing the change it follows.
 *
 * Why best effort: the change is saved already; a client that misses a push polls the same view.
 */
async function pushLive(deps: Deps, event: LiveAuctionMessage['event'], view: AuctionView): Promise<void> {
  const message: LiveAuctionMessage = { type: 'auction', event, tenderId: view.tenderId, view };
  try {
    await deps.live.publish(auctionChannel(view.tenderId), message);
  } catch (error) {
    deps.logger.warn('Live push failed; clients poll the view', {
      tenderId: view.tenderId,
      event,
      error: error as Error,
    });
  }
}

/**
 * Pushes the view of a tender whose change was just saved (its recent quotes are read once), if it is
 * a published live transfer; other tenders have no room to push to.
 */
export async function pushSaved(
  deps: Deps,
  event: LiveAuctionMessage['event'],
  saved: Tender,
): Promise<void> {
  if (!saved.auction) return;
  let view: AuctionView;
  try {
    view = await viewOf(deps, saved);
  } catch (error) {
    deps.logger.warn('Live view could not be built; clients poll the view', {
      tenderId: saved.id,
      event,
      error: error as Error,
    });
    return;
  }
  await pushLive(deps, event, view);
}

/** A transfer's accepted quotes in order, after `afterSeq` (the public history). */
export async function listQuotes(
  input: { tenderId: string; afterSeq?: number | undefined; limit?: number | undefined },
  deps: Deps,
): Promise<{ items: PublicQuote[]; nextAfterSeq: number | null }> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  termsOf(tender);
  const limit = input.limit ?? 100;
  const quotes = await deps.transfers.listQuotes(tender.id, { afterSeq: input.afterSeq ?? 0, limit });
  const last = quotes.at(-1);
  return { items: quotes.map(publicQuote), nextAfterSeq: quotes.length === limit && last ? last.seq : null };
}

/** The refusal of a bidder without a confirmed deposit. */
function noConfirmedDeposit(): RuleViolationError {
  return new RuleViolationError([
    {
      path: 'caller',
      rule: 'transfer.deposit-confirmed',
      citation: `${FUJIAN}第二十二条第一项、第二十六条`,
      message: {
        zh: '竞买保证金经确认并取得竞买号后方可报价',
        en: 'Only a bidder whose deposit is confirmed, with its bidder number, may quote',
      },
    },
  ]);
}

/**
 * A bidder quotes (报价). Accepted quotes update the listed price at once (国土资源部令第39号第二条,
 * 第十七条第三项); one that lost only to a concurrent quote is tried again while it is still high
 * enough, and otherwise refused with the new price.
 */
export async function placeQuote(
  input: {
    caller: Caller;
    tenderId: string;
    amountFen: number;
    expectedPriceFen?: number | null | undefined;
  },
  deps: Deps,
): Promise<{ quote: PublicQuote; auction: AuctionView }> {
  // Read together: every millisecond between the read and the write is a chance to lose the level
  const [loaded, application] = await Promise.all([
    loadPublishedTender(deps, input.tenderId),
    deps.transfers.getApplication(input.tenderId, input.caller.orgId),
  ]);
  let tender = loaded;
  const terms = termsOf(tender);
  if (application?.status !== 'confirmed' || !application.bidderNo) throw noConfirmedDeposit();
  const bidderNo = application.bidderNo;
  const seenPrice = tender.auction?.currentPriceFen ?? null;
  if (input.expectedPriceFen !== undefined && input.expectedPriceFen !== seenPrice)
    throw priceMoved(tender, terms);
  for (let attempt = 1; ; attempt += 1) {
    // The server's instant of this attempt: the database refuses it outside the quoting windows
    const at = deps.clock.now().toISOString();
    const phase = phaseOf(tender, at);
    if (phase === 'closed') throw biddingClosed(tender);
    const before = stateOf(tender);
    let next: AuctionState;
    try {
      next = applyQuote(before, terms, { bidderNo, amountFen: input.amountFen, at });
    } catch (error) {
      // Too low now because another quote landed since the bidder looked: say so, with the new price
      if (attempt > 1 && error instanceof RuleViolationError && before.currentPriceFen !== seenPrice) {
        throw priceMoved(tender, terms);
      }
      throw error;
    }
    const quote: QuoteRecord = {
      id: deps.newId(),
      seq: before.quoteCount + 1,
      bidderNo,
      amountFen: input.amountFen,
      at,
      phase: phase === 'countdown' ? 'countdown' : 'listing',
      supplierOrgId: input.caller.orgId,
    };
    // Bidders are known to each other by 竞买号 only (福建网上交易规则第二十五条): no organisation in the public actor
    const actor: Actor = { sub: input.caller.sub, role: input.caller.role, sourceIp: input.caller.sourceIp };
    try {
      const saved = await applyChange(deps, tender, {
        action: 'quote',
        at,
        eventType: 'transfer.quoted',
        actor,
        data: {
          seq: quote.seq,
          bidderNo,
          amountFen: quote.amountFen,
          phase: quote.phase,
          endsAt: endsAt(next),
          ...(before.countdownFrom === null && next.countdownFrom !== null
            ? { timedBiddingFrom: next.countdownFrom, rule: 'transfer.switch-window' }
            : {}),
        },
        mutate: (current) => ({ ...current, auction: { ...current.auction, ...next } as AuctionStateRecord }),
        related: { quote, quoteAt: at },
      });
      // The answer's view is the pushed one: built once from the saved tender
      const auction = await viewOf(deps, saved);
      await pushLive(deps, 'quote', auction);
      return { quote: publicQuote(quote), auction };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= QUOTE_ATTEMPTS) {
        if (error instanceof ConflictError)
          throw priceMoved((await deps.tenders.get(tender.id)) ?? tender, terms);
        throw error;
      }
      const reread = await deps.tenders.get(tender.id);
      if (!reread) throw new NotFoundError({ zh: '项目', en: 'Tender' });
      tender = reread;
    }
  }
}

/** The refusal of a quote after the end (at the instant, or once the tick has closed it). */
function biddingClosed(tender: Tender): RuleViolationError {
  const end = tender.auction ? endsAt(tender.auction) : tender.content.timeline.bidDeadline;
  return new RuleViolationError([
    {
      path: 'body.amountFen',
      rule: 'transfer.closed',
      citation: `${FUJIAN}第四十二条`,
      message: {
        zh: `竞价已于 ${end} 结束，不再接受报价`,
        en: `Bidding ended at ${end}; no more quotes are taken`,
      },
    },
  ]);
}

/** The refusal of a quote made against a price that has moved: 409 with the price now. */
function priceMoved(tender: Tender, terms: AuctionTerms): ConflictError {
  const auction = tender.auction;
  const current = auction?.currentPriceFen ?? null;
  const minimum = auction
    ? minimumQuote(auction, terms, auction.countdownFrom ? 'countdown' : 'listing')
    : null;
  return new ConflictError(
    {
      zh: `当前最高报价已变为 ${current === null ? '无' : `${formatWanYuan(current)}`}，请按新的价格报价${minimum === null ? '' : `（至少 ${formatWanYuan(minimum)}）`}`,
      en: `The highest quote is now ${current ?? 'none'} fen; quote again${minimum === null ? '' : ` (at least ${minimum} fen)`}`,
    },
    { extensions: { type: 'price-moved', currentPriceFen: current, minimumQuoteFen: minimum } },
  );
}

/**
 * A bidder applies (竞买申请) with the deposit it paid (竞买保证金), before the application deadline
 * (the timeline's `documentsUntil`, 福建网上交易规则第十四条第二款); the centre confirms it.
 */
export async function applyForTransfer(
  input: { caller: Caller; tenderId: string; deposit: DepositEntry['deposit'] },
  deps: Deps,
): Promise<DepositLedgerLine> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const terms = termsOf(tender);
  const now = deps.clock.now().toISOString();
  if (
    tender.status !== 'tendering' ||
    Date.parse(now) >= Date.parse(tender.content.timeline.documentsUntil)
  ) {
    throw new RuleViolationError([
      {
        path: 'tenderId',
        rule: 'transfer.application-deadline',
        citation: `${FUJIAN}第十四条`,
        message: {
          zh: `竞买申请已于 ${tender.content.timeline.documentsUntil} 截止`,
          en: `Applications closed at ${tender.content.timeline.documentsUntil}`,
        },
      },
    ]);
  }
  if (input.deposit.amountFen < terms.depositFen) {
    throw new RuleViolationError([
      {
        path: 'body.deposit.amountFen',
        rule: 'transfer.deposit-amount',
        citation: `${FUJIAN}第二十一条第五项`,
        message: {
          zh: `竞买保证金不足：出让公告要求 ${formatWanYuan(terms.depositFen)}`,
          en: `The deposit is short: the notice asks for ${terms.depositFen} fen`,
        },
      },
    ]);
  }
  const profile = await deps.bids.getProfile(input.caller.orgId);
  if (!profile) {
    throw new UnprocessableError('profile-required', {
      zh: '请先填写供应商（竞买人）资料',
      en: 'Fill in the bidder profile first',
    });
  }
  const entry: DepositEntry = {
    tenderId: tender.id,
    supplierOrgId: input.caller.orgId,
    supplierName: profile.name,
    appliedAt: now,
    status: 'applied',
    bidderNo: null,
    deposit: input.deposit,
    decidedAt: null,
    decidedBy: null,
    rejectReason: null,
    refundedAt: null,
    refundReference: null,
    version: 1,
  };
  if (!(await deps.transfers.apply(entry))) {
    throw new ConflictError({ zh: '已提交过竞买申请', en: 'This organisation has already applied' });
  }
  return (await ledgerLines(deps, tender, [entry]))[0] as DepositLedgerLine;
}

/** A transfer and one applicant's ledger entry, as the centre's ledger steps read them. */
async function loadApplicant(
  deps: Deps,
  tenderId: string,
  supplierOrgId: string,
): Promise<{ tender: Tender; entry: DepositEntry }> {
  const tender = await loadPublishedTender(deps, tenderId);
  termsOf(tender);
  const entry = await deps.transfers.getApplication(tender.id, supplierOrgId);
  if (!entry) throw new NotFoundError({ zh: '竞买申请', en: 'Application' });
  return { tender, entry };
}

/** A fresh 竞买号: six random digits, so the numbers tell nothing of the order of applications. */
function newBidderNo(): string {
  return String(randomInt(100_000, 1_000_000));
}

/**
 * The centre confirms a deposit and issues the bidder's 竞买号 (福建网上交易规则第二十二条第一项), or
 * refuses the application with its reason (第三项: the deposit is then due back).
 */
export async function decideDeposit(
  input: {
    caller: Caller;
    tenderId: string;
    supplierOrgId: string;
    decision: 'confirm' | 'reject';
    reason?: string | undefined;
  },
  deps: Deps,
): Promise<DepositLedgerLine> {
  const { tender, entry } = await loadApplicant(deps, input.tenderId, input.supplierOrgId);
  if (entry.status !== 'applied') {
    throw new ConflictError({ zh: '该申请已处理', en: 'This application was already decided' });
  }
  const now = deps.clock.now().toISOString();
  if (phaseOf(tender, now) === 'closed') {
    throw new UnprocessableError('transfer-closed', {
      zh: '竞价已结束，不能再确认保证金',
      en: 'Bidding has ended',
    });
  }
  const decided: DepositEntry = {
    ...entry,
    decidedAt: now,
    decidedBy: input.caller.sub,
    version: entry.version + 1,
    ...(input.decision === 'confirm'
      ? { status: 'confirmed' as const }
      : { status: 'rejected' as const, rejectReason: input.reason ?? null }),
  };
  if (input.decision === 'reject') {
    await deps.transfers.saveApplication(decided, entry.version);
    return (await ledgerLines(deps, tender, [decided]))[0] as DepositLedgerLine;
  }
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const bidderNo = newBidderNo();
    const withNo = { ...decided, bidderNo };
    if (await deps.transfers.saveApplication(withNo, entry.version, bidderNo)) {
      return (await ledgerLines(deps, tender, [withNo]))[0] as DepositLedgerLine;
    }
  }
  throw new Error('no free bidder number after 20 draws');
}

/** The centre records a refund it made (its bank reference), once the refund is due. */
export async function recordRefund(
  input: { caller: Caller; tenderId: string; supplierOrgId: string; reference: string },
  deps: Deps,
): Promise<DepositLedgerLine> {
  const { tender, entry } = await loadApplicant(deps, input.tenderId, input.supplierOrgId);
  const [line] = await ledgerLines(deps, tender, [entry]);
  if (line?.settlement !== 'refundDue') {
    throw new ConflictError(
      line?.settlement === 'appliedToPrice'
        ? {
            zh: '竞得人的保证金抵作出让价款，不予退还（福建网上交易规则第四十六条）',
            en: 'The winner’s deposit is part of the price',
          }
        : line?.settlement === 'refunded'
          ? { zh: '该保证金已退还', en: 'This deposit was already refunded' }
          : { zh: '交易结束前保证金不予退还', en: 'Deposits are held until the transfer ends' },
    );
  }
  const refunded: DepositEntry = {
    ...entry,
    refundedAt: deps.clock.now().toISOString(),
    refundReference: input.reference,
    version: entry.version + 1,
  };
  await deps.transfers.saveApplication(refunded, entry.version);
  return (await ledgerLines(deps, tender, [refunded]))[0] as DepositLedgerLine;
}

/** The centre's deposit ledger of a transfer, with what is due back and what is late. */
export async function getDepositLedger(input: { tenderId: string }, deps: Deps): Promise<DepositLedger> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const terms = termsOf(tender);
  const entries = await deps.transfers.listApplications(tender.id);
  return {
    tenderId: tender.id,
    depositFen: terms.depositFen,
    lines: await ledgerLines(deps, tender, entries),
    today: chinaDate(deps.clock.now()),
  };
}

/** A bidder's own application: its status, its 竞买号 and its deposit's settlement. */
export async function getMyApplication(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<Omit<DepositLedgerLine, 'decidedBy'>> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  termsOf(tender);
  const entry = await deps.transfers.getApplication(tender.id, input.caller.orgId);
  if (!entry) throw new NotFoundError({ zh: '竞买申请', en: 'Application' });
  const [line] = await ledgerLines(deps, tender, [entry]);
  const { decidedBy: _decidedBy, ...mine } = line as DepositLedgerLine;
  return mine;
}

/**
 * What follows for each deposit from the transfer's state: held until the end; then the winner's
 * applied to the price and the others' due back within the refund period of the end day; a refused
 * application's due back from its refusal (5 days, 第二十二条第三项) — never stored, so a crash
 * between the end and a ledger update cannot leave the ledger behind.
 */
async function ledgerLines(
  deps: Deps,
  tender: Tender,
  entries: DepositEntry[],
): Promise<DepositLedgerLine[]> {
  const today = chinaDate(deps.clock.now());
  const endedAt =
    tender.auction?.closedAt ?? (tender.status === 'cancelled' ? tender.cancelledAt : undefined);
  const award =
    tender.status === 'awarded' || tender.status === 'complete'
      ? await deps.tenders.getAward(tender.id)
      : null;
  const refundDays = transferRule('depositRefundWorkingDays').value;
  const dueAfterEnd = endedAt
    ? await countOnCalendar(deps, (calendar) => depositRefundDueOn(endedAt, calendar, refundDays))
    : null;
  return Promise.all(
    entries.map(async (entry): Promise<DepositLedgerLine> => {
      let settlement: DepositLedgerLine['settlement'] = 'held';
      let refundDueOn: string | null = null;
      if (entry.refundedAt) settlement = 'refunded';
      if (entry.status === 'rejected' && entry.decidedAt) {
        refundDueOn = daysAfter(entry.decidedAt, REJECTED_REFUND_DAYS);
        if (!entry.refundedAt) settlement = 'refundDue';
      } else if (award && award.supplierOrgId === entry.supplierOrgId) {
        settlement = 'appliedToPrice';
      } else if (dueAfterEnd && tender.status !== 'awarding') {
        refundDueOn = dueAfterEnd;
        if (!entry.refundedAt) settlement = 'refundDue';
      }
      const refundLate = settlement === 'refundDue' && refundDueOn !== null && today > refundDueOn;
      return { ...entry, settlement, refundDueOn, refundLate };
    }),
  );
}

/** Days within which a refused applicant's deposit is returned (福建网上交易规则第二十二条第三项). */
const REJECTED_REFUND_DAYS = 5;

/** The China-local day `days` calendar days after an instant's day. */
function daysAfter(instant: string, days: number): string {
  const date = new Date(Date.parse(instant) + days * 86_400_000);
  return chinaDate(date);
}

/**
 * The tick's step for a live transfer whose last quoting window has ended: no quote → 流拍
 * (福建网上交易规则第三十四条); quotes and no reserve → the highest bidder wins at once
 * (第三十三条, 第四十二条); quotes and a sealed reserve → bidding closes and the transferor reveals
 * the reserve, which decides (第四十四条).
 */
export async function closeBidding(deps: Deps, tender: Tender): Promise<Tender | undefined> {
  if (tender.status !== 'tendering' || !tender.auction || tender.auction.closedAt) return undefined;
  const at = deps.clock.now().toISOString();
  if (Date.parse(at) < Date.parse(endsAt(tender.auction))) return undefined;
  const terms = termsOf(tender);
  const state = stateOf(tender);
  const closed = (current: Tender): Tender => ({
    ...current,
    auction: { ...(current.auction as AuctionStateRecord), closedAt: at },
  });
  const saved =
    state.quoteCount === 0 || terms.reserveCommitment === null
      ? await decide(deps, tender, { at, actor: SYSTEM_ACTOR, reserveFen: null, mutate: closed })
      : await applyChange(deps, tender, {
          action: 'closeBidding',
          at,
          eventType: 'transfer.biddingClosed',
          actor: SYSTEM_ACTOR,
          data: { quoteCount: state.quoteCount, highestFen: state.currentPriceFen, awaits: 'reserveReveal' },
          mutate: closed,
        });
  // 成交, 流拍 or awaiting the reserve: the room learns that bidding is over
  await pushSaved(deps, 'closed', saved);
  return saved;
}

/**
 * The transferor opens its sealed reserve after bidding ends; it must match the commitment published
 * with the notice, or it is refused and nothing changes. The reserve then decides: reached → sold.
 */
export async function revealReserve(
  input: { caller: Caller; tenderId: string; reservePriceFen: number; nonce: string },
  deps: Deps,
): Promise<Tender> {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  const terms = termsOf(tender);
  if (tender.orgId !== input.caller.orgId)
    throw new ForbiddenError({ zh: '只有出让人可以公开底价', en: 'Only the transferor reveals the reserve' });
  if (terms.reserveCommitment === null) {
    throw new UnprocessableError('no-reserve', {
      zh: '本次出让未设底价',
      en: 'This transfer has no reserve',
    });
  }
  if (tender.status !== 'awarding' || !tender.auction?.closedAt) {
    throw new UnprocessableError('reserve-sealed', {
      zh: '竞价结束前底价保密，不得公开（福建网上交易规则第三十二条）',
      en: 'The reserve stays sealed until bidding ends',
    });
  }
  const commitment = await reserveCommitment({
    tenderId: tender.id,
    reservePriceFen: input.reservePriceFen,
    nonce: input.nonce,
  });
  if (commitment !== terms.reserveCommitment) {
    throw new ValidationError(
      {
        zh: '公开的底价与出让公告发布时的底价承诺不符',
        en: 'The revealed reserve does not match the commitment published with the notice',
      },
      [
        {
          path: 'body.reservePriceFen',
          message: { zh: '与底价承诺不符', en: 'Does not open the commitment' },
          rule: 'transfer.reserve-commitment',
        },
      ],
      { extensions: { type: 'reserve-mismatch', commitment: terms.reserveCommitment } },
    );
  }
  const at = deps.clock.now().toISOString();
  const saved = await decide(deps, tender, {
    at,
    actor: input.caller,
    reserveFen: input.reservePriceFen,
    mutate: (current) => ({
      ...current,
      auction: {
        ...(current.auction as AuctionStateRecord),
        reserve: { priceFen: input.reservePriceFen, nonce: input.nonce, matches: true, revealedAt: at },
      },
    }),
  });
  // The reserve is open and has decided (成交 or 流拍): the room sees both in the view
  await pushSaved(deps, 'reserve', saved);
  return saved;
}

/** Ends a transfer as its outcome says: the award and the 成交 notice, or the 流拍 notice. */
async function decide(
  deps: Deps,
  tender: Tender,
  spec: { at: string; actor: Actor; reserveFen: number | null; mutate: (t: Tender) => Tender },
): Promise<Tender> {
  const state = stateOf(tender);
  const outcome = auctionOutcome(state, spec.reserveFen);
  const reserveData = spec.reserveFen === null ? {} : { reservePriceFen: spec.reserveFen };
  if (!outcome.sold) {
    const reason =
      outcome.reason === 'noQuote'
        ? { zh: '挂牌期限内无人报价', en: 'No quote was made', citation: `${FUJIAN}第三十四条` }
        : {
            zh: '最高报价低于底价',
            en: 'The highest quote is below the reserve',
            citation: `${FUJIAN}第四十四条`,
          };
    return applyChange(deps, tender, {
      action: 'failTransfer',
      at: spec.at,
      eventType: 'transfer.unsold',
      actor: spec.actor,
      data: {
        reason: outcome.reason,
        quoteCount: state.quoteCount,
        highestFen: state.currentPriceFen,
        ...reserveData,
      },
      mutate: spec.mutate,
      notices: [
        {
          type: 'failure',
          title: `${tender.content.title}流拍公告`,
          body: {
            reason: reason.zh,
            reasonEn: reason.en,
            citation: reason.citation,
            quoteCount: state.quoteCount,
            ...reserveData,
          },
        },
      ],
    });
  }
  const [winning] = await deps.transfers.listQuotes(tender.id, { limit: 1, newest: true });
  if (!winning || winning.bidderNo !== outcome.bidderNo)
    throw new Error(`transfer ${tender.id}: last quote is not the leader's`);
  const application = await deps.transfers.getApplication(tender.id, winning.supplierOrgId);
  const profile = await deps.bids.getProfile(winning.supplierOrgId);
  const day = chinaDate(new Date(spec.at));
  const confirmBy = await countOnCalendar(deps, (calendar) =>
    addWorkingDays(day, CONFIRMATION_WORKING_DAYS, calendar),
  );
  const award: Award = {
    tenderId: tender.id,
    bidId: winning.id,
    supplierOrgId: winning.supplierOrgId,
    supplierName: application?.supplierName ?? profile?.name ?? winning.bidderNo,
    supplierScale: profile?.scale ?? 'large',
    dealAmountFen: outcome.priceFen,
    candidateRank: 1,
    deemed: false,
    awardedAt: spec.at,
    awardedBy: spec.actor.sub,
    reportAt: tender.auction?.closedAt ?? spec.at,
    resultNoticeDueBy: spec.at,
    resultNoticeAt: spec.at,
    lateNotice: false,
    contractDueBy: endOfChinaDay(confirmBy).toISOString(),
  };
  const money = moneyOutcome(tender, outcome.priceFen);
  return applyChange(deps, tender, {
    action: 'concludeTransfer',
    at: spec.at,
    eventType: 'transfer.sold',
    actor: spec.actor,
    data: {
      bidderNo: outcome.bidderNo,
      quoteSeq: winning.seq,
      dealAmountFen: outcome.priceFen,
      ...reserveData,
    },
    mutate: (current) => ({ ...spec.mutate(current), awardedAt: spec.at }),
    related: { award, aggregates: { facets: facetsOf(tender, spec.at), delta: awardDelta(tender, award) } },
    notices: [
      {
        type: 'result',
        title: `${tender.content.title}成交公告（成交确认书）`,
        body: {
          transferor: tender.content.purchasingUnitName,
          project: tender.content.title,
          subject: tender.content.transfer?.subject ?? null,
          winner: { name: award.supplierName, bidderNo: outcome.bidderNo },
          dealAmountFen: outcome.priceFen,
          dealAmount: formatWanYuan(outcome.priceFen),
          ...money,
          quoteCount: state.quoteCount,
          ...reserveData,
          confirmationDueBy: award.contractDueBy,
          citation: `${FUJIAN}第四十二条、第四十五条`,
        },
      },
    ],
  });
}
