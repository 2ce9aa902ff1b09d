import { AUDIT_PAGE_MAX } from '../../../schemas/audit';
import { ListNoticesQuerySchema } from '../../../schemas/notice';
import { ListTendersQuerySchema } from '../../../schemas/tender';
import { callApi, type ResponseOf } from '../lib/api';
import { type AuditLogPage, joinAuditPages } from '../lib/audit-pages';
import { learnServerNow } from '../lib/server-clock';

/** Filters of the notice feed and the tender list, as the URL keeps them (all optional strings). */
export type PublicFilters = Partial<
  Record<'type' | 'status' | 'method' | 'category' | 'tradeType' | 'q' | 'cursor', string>
>;

/** How many rows one page of a public list holds. */
export const PUBLIC_PAGE_SIZE = 20;

/**
 * The filters the notice feed accepts, read from its query schema.
 *
 * Why from the schema: the page offers only filters the API will honour, so an older server never
 * gets a filter it would silently ignore (or refuse).
 */
export const NOTICE_FILTER_KEYS: ReadonlySet<string> = new Set(Object.keys(ListNoticesQuerySchema.shape));

/** The filters the public tender list accepts, read from its query schema. */
export const TENDER_FILTER_KEYS: ReadonlySet<string> = new Set(Object.keys(ListTendersQuerySchema.shape));

/** Keeps only the filters an endpoint accepts (and the cursor), so a stale URL cannot break a list. */
function acceptedQuery(filters: PublicFilters, accepted: ReadonlySet<string>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value && (accepted.has(key) || key === 'cursor')) query[key] = value;
  }
  return query;
}

/** Lists one page of public notices (交易公告), newest first. */
export async function listNotices(
  filters: PublicFilters,
  signal?: AbortSignal,
): Promise<ResponseOf<'listNotices'>> {
  const query = { ...acceptedQuery(filters, NOTICE_FILTER_KEYS), limit: PUBLIC_PAGE_SIZE };
  return (await callApi('listNotices', `/api/notices`, { query, signal, anonymous: true })).data;
}

/** Lists one page of published tenders (项目信息), newest first. */
export async function listTenders(
  filters: PublicFilters,
  signal?: AbortSignal,
): Promise<ResponseOf<'listTenders'>> {
  const query = { ...acceptedQuery(filters, TENDER_FILTER_KEYS), limit: PUBLIC_PAGE_SIZE };
  return (await callApi('listTenders', `/api/tenders`, { query, signal, anonymous: true })).data;
}

/** Reads a published tender's public view, with the server's clock of the answer. */
export async function getTender(
  tenderId: string,
  signal?: AbortSignal,
): Promise<{ tender: ResponseOf<'getTender'>; serverDate: Date | null }> {
  const answer = await callApi('getTender', `/api/tenders/${encodeURIComponent(tenderId)}`, {
    signal,
    anonymous: true,
  });
  return { tender: answer.data, serverDate: answer.serverDate };
}

/**
 * Gets a tender's timeline as the server counts it (working days on the rules' calendar) and learns
 * the server's clock from it, so every countdown on the page runs on server time.
 */
export async function getTenderTimeline(
  tenderId: string,
  signal?: AbortSignal,
): Promise<ResponseOf<'getTenderTimeline'>> {
  const sentAt = Date.now();
  const answer = await callApi('getTenderTimeline', `/api/tenders/${encodeURIComponent(tenderId)}/timeline`, {
    signal,
    anonymous: true,
  });
  // The answer's `now` is taken half-way through the round trip.
  learnServerNow(answer.data.now, (sentAt + Date.now()) / 2);
  return answer.data;
}

/** Gets a short-lived download link of one published tender document (refused if its bytes changed). */
export async function getTenderDocument(
  tenderId: string,
  documentId: string,
  signal?: AbortSignal,
): Promise<ResponseOf<'getTenderDocument'>> {
  const path = `/api/tenders/${encodeURIComponent(tenderId)}/documents/${encodeURIComponent(documentId)}`;
  return (await callApi('getTenderDocument', path, { signal, anonymous: true })).data;
}

/**
 * Reads a tender's whole hash-chained audit log, page by page (100 events each), and joins the
 * server's verification of every page into one verdict (see joinAuditPages).
 *
 * Why every page: the page says 审计链完整 only for a chain checked from the genesis to the
 * tender's recorded head; one page of a long log cannot tell that.
 */
export async function getTenderAudit(
  tenderId: string,
  signal?: AbortSignal,
): Promise<ResponseOf<'getTenderAudit'>> {
  const pages: AuditLogPage[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    if (cursor) seen.add(cursor);
    const query = { limit: AUDIT_PAGE_MAX, cursor };
    const page: AuditLogPage = (
      await callApi('getTenderAudit', `/api/tenders/${encodeURIComponent(tenderId)}/audit`, {
        query,
        signal,
        anonymous: true,
      })
    ).data;
    pages.push(page);
    cursor = page.nextCursor;
    // A cursor seen before would read the same pages again: stop, and the join says the head is unchecked.
  } while (cursor && !seen.has(cursor));
  return joinAuditPages(pages);
}

/** Reads a tender's public result (award, 节约资金 or 溢价, contract). */
export async function getTenderResult(
  tenderId: string,
  signal?: AbortSignal,
): Promise<ResponseOf<'getTenderResult'>> {
  const path = `/api/tenders/${encodeURIComponent(tenderId)}/result`;
  return (await callApi('getTenderResult', path, { signal, anonymous: true })).data;
}

/** The address of a tender's OCDS 1.1 release package (a plain link: it is JSON for machines). */
export function ocdsTenderPath(tenderId: string): string {
  return `/api/ocds/tenders/${encodeURIComponent(tenderId)}`;
}

/** The address of the OCDS feed of the newest releases. */
export const OCDS_RELEASES_PATH = '/api/ocds/releases';

/** The address of the OpenAPI document. */
export const OPENAPI_PATH = '/api/openapi.json';
