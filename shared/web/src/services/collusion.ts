import { type BodyOf, callApi, type ResponseOf } from '../lib/api';

/** The collusion signs of a tender as the API gives them (the server's schema). */
export type CollusionSignsView = ResponseOf<'getCollusionSigns'>;
/** One sign, with its article item, evidence and the findings the reader may see. */
export type CollusionSignView = CollusionSignsView['signs'][number];

/** The collusion signs of 87号令第三十七条 among a tender's valid bids (committee members and centre staff). */
export async function getCollusionSigns(tenderId: string, signal?: AbortSignal): Promise<CollusionSignsView> {
  return (await callApi('getCollusionSigns', `/api/tenders/${tenderId}/collusion-signs`, { signal })).data;
}

/** Records the member's finding on one sign: collusive or not, with its reasons. */
export async function recordCollusionFinding(
  tenderId: string,
  signId: string,
  body: BodyOf<'recordCollusionFinding'>,
): Promise<CollusionSignView> {
  return (
    await callApi('recordCollusionFinding', `/api/tenders/${tenderId}/collusion-signs/${signId}/finding`, {
      method: 'POST',
      body,
    })
  ).data;
}
