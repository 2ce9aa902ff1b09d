import { type BodyOf, callApi, type ResponseOf } from '../lib/api';

/** A member's remote session as the API gives it (the server's schema). */
export type EvaluationSessionView = ResponseOf<'getEvaluationSession'>;
/** One valid bid of the session. */
export type SessionBidView = EvaluationSessionView['bids'][number];
/** The member's own score sheet. */
export type ScoreSheetView = ResponseOf<'saveScoreSheet'>;
/** The body of a score-sheet save. */
export type ScoreSheetBody = BodyOf<'saveScoreSheet'>;
/** The outcome of a conflict-of-interest declaration. */
export type DeclarationResultView = ResponseOf<'declareConflict'>;
/** The evaluation report. */
export type EvaluationReportView = ResponseOf<'getEvaluationReport'>;

/** The signed-in expert's committee assignments (tender ids). */
export async function listMyAssignments(signal?: AbortSignal): Promise<ResponseOf<'listMyAssignments'>> {
  return (await callApi('listMyAssignments', `/api/evaluations`, { signal })).data;
}

/** The member's remote session of one tender: bids, criteria and its own sheet. */
export async function getEvaluationSession(
  tenderId: string,
  signal?: AbortSignal,
): Promise<EvaluationSessionView> {
  return (await callApi('getEvaluationSession', `/api/tenders/${tenderId}/evaluation`, { signal })).data;
}

/** Declares whether the member has a conflict of interest (回避声明). */
export async function declareConflict(
  tenderId: string,
  body: BodyOf<'declareConflict'>,
): Promise<DeclarationResultView> {
  return (
    await callApi('declareConflict', `/api/tenders/${tenderId}/evaluation/declaration`, {
      method: 'POST',
      body,
    })
  ).data;
}

/** Saves the member's draft score sheet; answers the sheet as stored, with its time and version. */
export async function saveScoreSheet(tenderId: string, body: ScoreSheetBody): Promise<ScoreSheetView> {
  return (
    await callApi('saveScoreSheet', `/api/tenders/${tenderId}/evaluation/sheet`, { method: 'PUT', body })
  ).data;
}

/** Locks the member's score sheet; it can no longer change. */
export async function submitScoreSheet(tenderId: string): Promise<ScoreSheetView> {
  return (
    await callApi('submitScoreSheet', `/api/tenders/${tenderId}/evaluation/sheet/submit`, { method: 'POST' })
  ).data;
}

/** Confirms the member's flagged outlier scores with a note. */
export async function confirmOutliers(
  tenderId: string,
  body: BodyOf<'confirmOutliers'>,
): Promise<ResponseOf<'confirmOutliers'>> {
  return (
    await callApi('confirmOutliers', `/api/tenders/${tenderId}/evaluation/outliers/confirm`, {
      method: 'POST',
      body,
    })
  ).data;
}

/** The evaluation report (评标报告), once every sheet is locked and every outlier confirmed. */
export async function getEvaluationReport(
  tenderId: string,
  signal?: AbortSignal,
): Promise<EvaluationReportView> {
  return (await callApi('getEvaluationReport', `/api/tenders/${tenderId}/evaluation/report`, { signal }))
    .data;
}

/**
 * Fetches the sealed bytes of one bid document: a short-lived link from the API, then the bytes.
 *
 * Why the bytes and not the link: the page re-hashes and decrypts them in the browser.
 */
export async function fetchSealedBidDocument(
  tenderId: string,
  bidId: string,
  documentId: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const link = (
    await callApi('getBidDocument', `/api/tenders/${tenderId}/bids/${bidId}/documents/${documentId}`, {
      signal,
    })
  ).data;
  const response = await fetch(link.url, signal ? { signal } : {});
  if (!response.ok) throw new Error(`下载失败：存储服务返回 HTTP ${response.status}，请稍后重试`);
  return new Uint8Array(await response.arrayBuffer());
}
