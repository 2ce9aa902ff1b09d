import { type BodyOf, callApi, type ResponseOf } from '../lib/api';
import { uploadSealedFile } from './supplier';

/** A tender as its purchasing unit reads it (drafts included). */
export type ManagedTender = ResponseOf<'getMyTender'>;
/** One registration (报名) of a supplier. */
export type RegistrationView = ResponseOf<'listRegistrations'>['items'][number];
/** One opened bid, with its revealed price and key. */
export type OpenedBid = ResponseOf<'listBids'>['items'][number];
/** The opening record (开标记录) with the bidders' responses. */
export type PurchaserOpeningRecord = ResponseOf<'getOpeningRecord'>;
/** The committee as the purchasing unit may see it. */
export type CommitteeView = ResponseOf<'getCommittee'>;
/** The re-run of the recorded committee draw. */
export type CommitteeVerification = ResponseOf<'verifyCommittee'>;
/** The evaluation report (评标报告). */
export type EvaluationReportView = ResponseOf<'getEvaluationReport'>;
/** One ranked bid of the report. */
export type RankedBid = EvaluationReportView['ranking'][number];
/** The award (确定成交). */
export type AwardView = ResponseOf<'awardTender'>;
/** The declared contract document with its presigned upload. */
export type DeclaredContractDocument = ResponseOf<'declareContractDocument'>;
/** The recorded contract. */
export type ContractView = ResponseOf<'recordContract'>;
/** The public result: award, 节约资金 / 节约率 (or 溢价), contract. */
export type TenderResultView = ResponseOf<'getTenderResult'>;

/** Reads one of the unit's own tenders. */
export async function fetchManagedTender(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getMyTender', `/api/manage/tenders/${tenderId}`, { signal })).data;
}

/** A published tender's timeline with the server's `now` (countdowns run on it). */
export async function fetchAwardTimeline(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getTenderTimeline', `/api/tenders/${tenderId}/timeline`, { signal })).data;
}

/** The suppliers registered for a tender (readable only after the bid deadline, 87号令第二十八条). */
export async function fetchRegistrations(tenderId: string, signal?: AbortSignal) {
  return (await callApi('listRegistrations', `/api/tenders/${tenderId}/registrations`, { signal })).data
    .items;
}

/** The opened bids with their revealed prices and keys (from the evaluation on). */
export async function fetchOpenedBids(tenderId: string, signal?: AbortSignal) {
  return (await callApi('listBids', `/api/tenders/${tenderId}/bids`, { signal })).data.items;
}

/**
 * Fetches one sealed document of an opened bid: its presigned link from the API, then the ciphertext
 * itself, for the browser to re-hash and decrypt.
 */
export async function fetchSealedBidDocument(
  tenderId: string,
  bidId: string,
  documentId: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const link = (
    await callApi('getBidDocument', `/api/tenders/${tenderId}/bids/${bidId}/documents/${documentId}`, {
      signal,
    })
  ).data;
  const response = await fetch(link.url, { signal });
  if (!response.ok) throw new Error(`下载失败：存储服务返回 HTTP ${response.status}，请稍后重试`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The opening record with every bidder's confirmation or objection. */
export async function fetchPurchaserOpeningRecord(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getOpeningRecord', `/api/tenders/${tenderId}/opening`, { signal })).data;
}

/** The committee: size, statuses and the draw's digests (names stay with the centre). */
export async function fetchCommittee(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getCommittee', `/api/tenders/${tenderId}/committee`, { signal })).data;
}

/** Re-runs the recorded draw on the server and compares it with the committee. */
export async function verifyCommittee(tenderId: string, signal?: AbortSignal) {
  return (await callApi('verifyCommittee', `/api/tenders/${tenderId}/committee/verification`, { signal }))
    .data;
}

/** The evaluation report: ranking, scores and candidates. */
export async function fetchEvaluationReport(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getEvaluationReport', `/api/tenders/${tenderId}/evaluation/report`, { signal }))
    .data;
}

/** Confirms the winner (a reason is required for any candidate but the first, 87号令第六十八条). */
export async function awardTender(tenderId: string, body: BodyOf<'awardTender'>) {
  return (await callApi('awardTender', `/api/tenders/${tenderId}/award`, { method: 'POST', body })).data;
}

/** Declares the signed contract by SHA-256 and size; answers where to upload it. */
export async function declareContractDocument(tenderId: string, body: BodyOf<'declareContractDocument'>) {
  return (
    await callApi('declareContractDocument', `/api/tenders/${tenderId}/contract/document`, {
      method: 'POST',
      body,
    })
  ).data;
}

/** Records the contract: amount, signing date and the uploaded document. */
export async function recordContract(tenderId: string, body: BodyOf<'recordContract'>) {
  return (await callApi('recordContract', `/api/tenders/${tenderId}/contract`, { method: 'POST', body }))
    .data;
}

/** The tender's result with the API's own 节约资金 and 节约率. */
export async function fetchTenderResult(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getTenderResult', `/api/tenders/${tenderId}/result`, { signal })).data;
}

/**
 * Uploads the signed contract to its presigned URL with exactly the headers the server gave,
 * reporting progress.
 *
 * Why the bid upload's code: it is the same presigned PUT bound to a SHA-256; one implementation
 * keeps the progress and the error texts alike.
 */
export function uploadContractFile(
  upload: { url: string; headers: Record<string, string> },
  bytes: Uint8Array<ArrayBuffer>,
  onProgress: (percent: number) => void,
): Promise<void> {
  return uploadSealedFile(upload, bytes, onProgress);
}

/** The query keys of the award pages, under the purchaser's prefix so one invalidation reaches all. */
export const AWARD_KEYS = {
  all: ['purchaser'] as const,
  tender: (tenderId: string) => ['purchaser', 'award', 'tender', tenderId] as const,
  registrations: (tenderId: string) => ['purchaser', 'award', 'registrations', tenderId] as const,
  bids: (tenderId: string) => ['purchaser', 'award', 'bids', tenderId] as const,
  opening: (tenderId: string) => ['purchaser', 'award', 'opening', tenderId] as const,
  committee: (tenderId: string) => ['purchaser', 'award', 'committee', tenderId] as const,
  verification: (tenderId: string) => ['purchaser', 'award', 'verification', tenderId] as const,
  report: (tenderId: string, status?: string) => ['purchaser', 'award', 'report', tenderId, status] as const,
  result: (tenderId: string) => ['purchaser', 'award', 'result', tenderId] as const,
};
