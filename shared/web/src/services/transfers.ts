import { type BodyOf, callApi, type ResponseOf } from '../lib/api';
import { learnServerNow } from '../lib/server-clock';

/** The live view of a listing or auction. */
export type AuctionViewData = ResponseOf<'getAuction'>;
/** One accepted quote as the public reads it (by 竞买号). */
export type PublicQuoteData = AuctionViewData['recentQuotes'][number];
/** The centre's deposit ledger of one transfer. */
export type DepositLedgerData = ResponseOf<'getDepositLedger'>;
/** One line of the deposit ledger. */
export type DepositLedgerLineData = DepositLedgerData['lines'][number];
/** The bidder's own application. */
export type MyApplicationData = ResponseOf<'getMyTransferApplication'>;

/** Reads the live view; its server time sets the countdowns' clock. */
export async function fetchAuction(tenderId: string, signal?: AbortSignal): Promise<AuctionViewData> {
  const view = (await callApi('getAuction', `/api/tenders/${tenderId}/auction`, { signal, anonymous: true }))
    .data;
  learnServerNow(view.serverTime);
  return view;
}

/** One page of accepted quotes after `afterSeq`, in order. */
export async function fetchQuotes(tenderId: string, signal?: AbortSignal, afterSeq = 0) {
  return (
    await callApi('listQuotes', `/api/tenders/${tenderId}/auction/quotes`, {
      signal,
      anonymous: true,
      query: { afterSeq, limit: 100 },
    })
  ).data;
}

/** Every accepted quote, page by page (the history is public by 竞买号). */
export async function fetchAllQuotes(tenderId: string, signal?: AbortSignal): Promise<PublicQuoteData[]> {
  const items: PublicQuoteData[] = [];
  let after: number | null = 0;
  for (let page = 0; page < 50 && after !== null; page += 1) {
    const answer = await fetchQuotes(tenderId, signal, after);
    items.push(...answer.items);
    after = answer.nextAfterSeq;
  }
  return items;
}

/** Sends a quote (报价) with the price the bidder saw, so a moved price is told rather than guessed. */
export async function placeQuote(tenderId: string, body: BodyOf<'placeQuote'>) {
  return (await callApi('placeQuote', `/api/tenders/${tenderId}/auction/quotes`, { method: 'POST', body }))
    .data;
}

/** Applies as a bidder (竞买申请) with the deposit paid. */
export async function applyForTransfer(tenderId: string, body: BodyOf<'applyForTransfer'>) {
  return (
    await callApi('applyForTransfer', `/api/tenders/${tenderId}/transfer/applications`, {
      method: 'POST',
      body,
    })
  ).data;
}

/** The bidder's own application, or null before it applied (the API answers 404). */
export async function fetchMyApplication(tenderId: string, signal?: AbortSignal) {
  try {
    return (
      await callApi('getMyTransferApplication', `/api/tenders/${tenderId}/transfer/application`, { signal })
    ).data;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** The centre's deposit ledger (保证金台账). */
export async function fetchDepositLedger(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getDepositLedger', `/api/tenders/${tenderId}/transfer/deposits`, { signal })).data;
}

/** Confirms a deposit (the 竞买号 is issued) or refuses the application with a reason. */
export async function decideDeposit(tenderId: string, supplierOrgId: string, body: BodyOf<'decideDeposit'>) {
  return (
    await callApi(
      'decideDeposit',
      `/api/tenders/${tenderId}/transfer/deposits/${encodeURIComponent(supplierOrgId)}/decision`,
      { method: 'POST', body },
    )
  ).data;
}

/** Records a refund that was due, with its bank reference. */
export async function recordDepositRefund(
  tenderId: string,
  supplierOrgId: string,
  body: BodyOf<'recordDepositRefund'>,
) {
  return (
    await callApi(
      'recordDepositRefund',
      `/api/tenders/${tenderId}/transfer/deposits/${encodeURIComponent(supplierOrgId)}/refund`,
      { method: 'POST', body },
    )
  ).data;
}

/** The transferor opens its sealed reserve after bidding ends; the server checks it and decides. */
export async function revealReserve(tenderId: string, body: BodyOf<'revealReserve'>) {
  return (
    await callApi('revealReserve', `/api/tenders/${tenderId}/auction/reserve`, { method: 'POST', body })
  ).data;
}
