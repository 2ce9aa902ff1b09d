/**
 * Procedure profiles: what differs between the ways the portal trades, in one place.
 *
 * A government procurement is a sealed-bid procedure (sealed bids, the remote opening, an expert
 * committee, 节约资金 against the budget); a land or mining-rights listing or auction is a live
 * procedure (applications with deposits, open quotes, timed bidding, 溢价 against the start price).
 * Use cases ask the profile instead of branching on `tradeType` or `method`, so a new procedure is a
 * new profile rather than new branches in every use case.
 */

import type { BilingualText } from './errors';
import type { TenderStatus } from './lifecycle';
import { MIN_VALID_BIDS } from './tender';
import {
  type ProcurementMethod,
  RIGHTS_TRANSFER_METHODS,
  TRANSFER_STATUS_LABELS,
  type TradeType,
} from './vocabulary';

/** The procedures the portal runs. */
export const PROCEDURE_IDS = ['sealedTender', 'liveTransfer'] as const;

/** A procedure. */
export type ProcedureId = (typeof PROCEDURE_IDS)[number];

/** What a procedure does at each step. */
export interface ProcedureProfile {
  /** Which procedure. */
  id: ProcedureId;
  /** Its name. */
  label: BilingualText;
  /** The first notice's name (采购公告 / 出让公告). */
  noticeLabel: BilingualText;
  /** Suppliers register and submit sealed bids, opened at the deadline (DESIGN.md section 4). */
  sealedBids: boolean;
  /** Bidders apply with a deposit and quote openly until the end (DESIGN.md section 9). */
  liveQuotes: boolean;
  /** An expert committee is drawn and scores. */
  committee: boolean;
  /** The result is measured as 节约资金 against the budget, or 溢价 against the start price. */
  outcome: 'savings' | 'premium';
  /** Fewest valid bids for the procedure to go on past the opening (sealed bids only). */
  minValidBids: number;
  /** Status names where this procedure calls a step otherwise (挂牌中 rather than 招标中). */
  statusLabels: Readonly<Partial<Record<TenderStatus, BilingualText>>>;
}

/** The profiles. */
export const PROCEDURES: Readonly<Record<ProcedureId, ProcedureProfile>> = {
  sealedTender: {
    id: 'sealedTender',
    label: { zh: '政府采购（密封投标）', en: 'Government procurement (sealed bids)' },
    noticeLabel: { zh: '采购公告', en: 'Procurement notice' },
    sealedBids: true,
    liveQuotes: false,
    committee: true,
    outcome: 'savings',
    minValidBids: MIN_VALID_BIDS,
    statusLabels: {},
  },
  liveTransfer: {
    id: 'liveTransfer',
    label: { zh: '土地矿权网上挂牌、拍卖出让', en: 'Live land and mining-rights listing or auction' },
    noticeLabel: { zh: '出让公告', en: 'Transfer notice' },
    sealedBids: false,
    liveQuotes: true,
    committee: false,
    outcome: 'premium',
    minValidBids: 1,
    statusLabels: TRANSFER_STATUS_LABELS,
  },
};

/** The procedure a tender follows, from its trade type and method. */
export function procedureOf(content: { tradeType: TradeType; method: ProcurementMethod }): ProcedureProfile {
  const live = (RIGHTS_TRANSFER_METHODS as readonly ProcurementMethod[]).includes(content.method);
  return live || content.tradeType !== 'governmentProcurement'
    ? PROCEDURES.liveTransfer
    : PROCEDURES.sealedTender;
}

/**
 * Fewest valid bids for a tender to proceed past its opening: 3 for government procurement
 * (政府采购法第三十六条; 87号令第四十三条), as its procedure says.
 */
export function minValidBids(tender: {
  content: { tradeType: TradeType; method: ProcurementMethod };
}): number {
  return procedureOf(tender.content).minValidBids;
}
