import { ForbiddenError, NotFoundError, UnprocessableError } from '../domain/errors';
import { procedureOf } from '../domain/procedures';
import type { BidChange } from '../ports/bid-repository';
import type { Deps } from '../ports/deps';
import type { Actor } from '../schemas/audit';
import type { Bid } from '../schemas/bid';
import type { Tender } from '../schemas/tender';
import { sealEvent } from './audit-chain';
import type { Caller } from './tender-change';

/** The S3 key of a sealed bid document: per tender, per bid. */
export function bidDocumentKey(tenderId: string, bidId: string, documentId: string): string {
  return `tenders/${tenderId}/bids/${bidId}/${documentId}`;
}

/**
 * Builds a bid's next state and the event of its own hash chain.
 *
 * Why a chain per bid: a bid's history must be auditable, yet before the deadline nobody may learn
 * that it exists (87号令第28条), so its events stay off the tender's public log until the opening,
 * when the opening record anchors every bid chain's head in the tender's chain.
 */
export function nextBidState(
  bid: Bid,
  at: string,
  spec: { eventType: string; actor: Actor; data: Record<string, unknown>; mutate: (bid: Bid) => Bid },
): BidChange {
  const event = sealEvent(
    { tenderId: bid.tenderId, bidId: bid.id, type: spec.eventType, at, actor: spec.actor, data: spec.data },
    bid.version,
    bid.lastEventHash,
  );
  const mutated = spec.mutate(bid);
  return { bid: { ...mutated, version: bid.version + 1, updatedAt: at, lastEventHash: event.hash }, event };
}

/**
 * The value of a settled read, or its error.
 *
 * Why: independent reads start together (a bidder's latency in the deadline minute), and their
 * outcomes are judged in the order one read after another would be, so a request meets the same error.
 */
export function settledValue<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** Loads the caller's own bid; another supplier's bid does not exist for the caller. */
export async function loadOwnBid(deps: Deps, caller: Caller, tenderId: string, bidId: string): Promise<Bid> {
  const bid = await deps.bids.getBid(tenderId, bidId);
  if (!bid || bid.supplierOrgId !== caller.orgId) throw new NotFoundError({ zh: '投标', en: 'Bid' });
  return bid;
}

/** True once the deadline has passed by the server's clock (at the deadline instant itself too). */
export function deadlineReached(tender: Tender, now: Date): boolean {
  return now.getTime() >= new Date(tender.content.timeline.bidDeadline).getTime();
}

/**
 * Refuses anything a bidder does to its bid once the deadline has passed (87号令第33–34条), and
 * every sealed-bid step in a procedure that takes no sealed bids (a live listing or auction).
 */
export function assertBeforeDeadline(tender: Tender, now: Date): void {
  if (!procedureOf(tender.content).sealedBids) {
    throw new UnprocessableError('live-transfer', {
      zh: '本项目为网上挂牌、拍卖出让，不接受密封投标：请提交竞买申请，在竞价室报价',
      en: 'This is a live listing or auction: apply as a bidder and quote in the auction room; no sealed bids',
    });
  }
  if (tender.status !== 'tendering' || deadlineReached(tender, now)) {
    throw new UnprocessableError('deadline-passed', {
      zh: '投标截止时间已到，不再接受投标、修改或撤回（87号令第三十三条、第三十四条）',
      en: 'The bid deadline has passed: no bid, change or withdrawal is accepted (87号令第三十三条、第三十四条)',
    });
  }
}

/**
 * Whether a submitted bid must be re-confirmed: a correction that may affect bid preparation was
 * issued after the bidder last confirmed it (DESIGN.md section 2).
 */
export function needsReconfirmation(tender: Tender, bid: Bid): boolean {
  if (bid.status !== 'submitted' || !tender.lastAffectingCorrectionAt || !bid.confirmedAt) return false;
  return new Date(bid.confirmedAt).getTime() < new Date(tender.lastAffectingCorrectionAt).getTime();
}

/**
 * Checks that the caller may read the tender's sealed side after the opening: its purchasing unit
 * or centre staff, and only once the bids are open.
 */
export function assertMayReadOpenedBids(
  tender: Tender,
  caller: Caller,
  phase: 'record' | 'evaluation',
): void {
  if (caller.role === 'purchaser' && tender.orgId !== caller.orgId) {
    throw new ForbiddenError({
      zh: '只能查看本单位的项目',
      en: 'You may only read your own organisation’s tenders',
    });
  }
  const open =
    phase === 'record'
      ? tender.opening?.recordPublishedAt !== undefined
      : ['evaluating', 'awarding', 'awarded', 'complete'].includes(tender.status);
  if (!open) {
    throw new ForbiddenError({
      zh: '开标前任何人不得查看投标内容（87号令第二十八条、第四十一条）',
      en: 'Nobody may read bids before the opening (87号令第二十八条、第四十一条)',
    });
  }
}
