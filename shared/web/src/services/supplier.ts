import { type BodyOf, callApi, type ResponseOf } from '../lib/api';

/** The supplier's profile. */
export type SupplierProfileView = ResponseOf<'getMySupplierProfile'>;
/** One of the supplier's own bids, as listMyBids answers it. */
export type MyBid = ResponseOf<'listMyBids'>['items'][number];
/** A bid receipt. */
export type BidReceiptView = ResponseOf<'submitBid'>;
/** A bid created from its commitments, with the presigned uploads. */
export type CreatedBidView = ResponseOf<'createBid'>;
/** One presigned upload of a created bid. */
export type BidUpload = CreatedBidView['uploads'][number];
/** What the server found at a reveal. */
export type RevealResultView = ResponseOf<'revealBid'>;
/** The opening record. */
export type OpeningRecordView = ResponseOf<'getOpeningRecord'>;

/** Reads the signed-in supplier's profile (404 when none is saved yet). */
export async function fetchMyProfile(signal?: AbortSignal) {
  return (await callApi('getMySupplierProfile', '/api/suppliers/me', { signal })).data;
}

/** Saves the supplier's profile. */
export async function saveMyProfile(body: BodyOf<'putMySupplierProfile'>) {
  return (await callApi('putMySupplierProfile', '/api/suppliers/me', { method: 'PUT', body })).data;
}

/** Reads a published tender as the public sees it. */
export async function fetchTender(tenderId: string, signal?: AbortSignal) {
  const answer = await callApi('getTender', `/api/tenders/${tenderId}`, { signal });
  return answer;
}

/** Registers (报名) the supplier for a tender; repeating it changes nothing. */
export async function registerForTender(tenderId: string) {
  return (await callApi('registerForTender', `/api/tenders/${tenderId}/registrations`, { method: 'POST' }))
    .data;
}

/** The supplier's own bids in a tender, with receipts and whether each needs re-confirmation. */
export async function fetchMyBids(tenderId: string, signal?: AbortSignal) {
  return (await callApi('listMyBids', `/api/tenders/${tenderId}/my-bids`, { signal })).data.items;
}

/** Declares a sealed bid; the Idempotency-Key lets a retry after a crash find the same bid. */
export async function createBid(tenderId: string, body: BodyOf<'createBid'>, idempotencyKey: string) {
  return (
    await callApi('createBid', `/api/tenders/${tenderId}/bids`, {
      method: 'POST',
      body,
      headers: { 'idempotency-key': idempotencyKey },
    })
  ).data;
}

/** Submits an uploaded bid; answers the receipt. */
export async function submitBid(tenderId: string, bidId: string) {
  return (await callApi('submitBid', `/api/tenders/${tenderId}/bids/${bidId}/submit`, { method: 'POST' }))
    .data;
}

/** Withdraws the current bid before the deadline. */
export async function withdrawBid(tenderId: string, bidId: string) {
  return (await callApi('withdrawBid', `/api/tenders/${tenderId}/bids/${bidId}/withdraw`, { method: 'POST' }))
    .data;
}

/** Re-confirms a bid after a correction that may affect it. */
export async function reconfirmBid(tenderId: string, bidId: string) {
  return (
    await callApi('reconfirmBid', `/api/tenders/${tenderId}/bids/${bidId}/reconfirm`, { method: 'POST' })
  ).data;
}

/** Reveals (解密) a bid inside the decryption window: price, nonce and key. */
export async function revealBid(tenderId: string, bidId: string, body: BodyOf<'revealBid'>) {
  return (
    await callApi('revealBid', `/api/tenders/${tenderId}/bids/${bidId}/reveal`, { method: 'POST', body })
  ).data;
}

/** Reads the opening record; with the last ETag a 304 answers `data` undefined. */
export async function fetchOpeningRecord(tenderId: string, etag: string | null, signal?: AbortSignal) {
  return callApi('getOpeningRecord', `/api/tenders/${tenderId}/opening`, {
    signal,
    ...(etag ? { headers: { 'if-none-match': etag } } : {}),
  });
}

/** Confirms the opening record or objects to it with a reason. */
export async function respondToOpening(tenderId: string, body: BodyOf<'respondToOpening'>) {
  return (
    await callApi('respondToOpening', `/api/tenders/${tenderId}/opening/responses`, { method: 'POST', body })
  ).data;
}

/** The supplier's own score and rank, once the result notice is out. */
export async function fetchMyResult(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getMyResult', `/api/tenders/${tenderId}/my-result`, { signal })).data;
}

/**
 * Uploads one sealed file to its presigned URL with exactly the headers the server gave, reporting
 * progress; resolves on a 2xx answer.
 *
 * Why XMLHttpRequest: fetch has no upload progress, and a 200 MB file needs a bar.
 */
export function uploadSealedFile(
  upload: { url: string; headers: Record<string, string> },
  bytes: Uint8Array<ArrayBuffer>,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve();
      } else reject(new Error(`上传失败（HTTP ${request.status}），请重试`));
    };
    request.onerror = () => reject(new Error('上传失败：无法连接存储服务，请检查网络后重试'));
    request.send(new Blob([bytes]));
  });
}

/** The SME scales in Chinese, as the 中小企业声明函 names them (财库〔2020〕46号). */
export const SCALE_LABELS: Readonly<Record<SupplierProfileView['scale'], string>> = {
  large: '大型企业',
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
};

/** The bid statuses in Chinese. */
export const BID_STATUS_LABELS: Readonly<Record<MyBid['status'], string>> = {
  draft: '未递交（草稿）',
  submitted: '已递交',
  replaced: '已被新投标替换',
  withdrawn: '已撤回',
};

/** One tender of the supplier's project list, with its bid and to-dos. */
export type MySupplierTenderView = ResponseOf<'listMySupplierTenders'>['items'][number];

/** One page of the tenders the supplier registered for (我的项目). */
export async function fetchMySupplierTenders(cursor: string | null, signal?: AbortSignal) {
  return (
    await callApi('listMySupplierTenders', `/api/suppliers/me/tenders`, {
      signal,
      query: { cursor, limit: 20 },
    })
  ).data;
}

/** A tender's timeline with the server's `now` (countdowns run on it). */
export async function fetchTenderTimeline(tenderId: string, signal?: AbortSignal) {
  return (await callApi('getTenderTimeline', `/api/tenders/${tenderId}/timeline`, { signal })).data;
}
