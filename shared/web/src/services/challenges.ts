import { type BodyOf, callApi, type ResponseOf } from '../lib/api';

/** The challenges of a tender its reader may see. */
export type ChallengeListData = ResponseOf<'listChallenges'>;
/** One challenge with its answer and clocks. */
export type ChallengeData = ChallengeListData['items'][number];

/** The challenges of a tender the signed-in party may read. */
export async function fetchChallenges(tenderId: string, signal?: AbortSignal): Promise<ChallengeListData> {
  return (
    await callApi('listChallenges', `/api/tenders/${encodeURIComponent(tenderId)}/challenges`, { signal })
  ).data;
}

/** A participating supplier files a challenge letter (质疑函). */
export async function fileChallenge(tenderId: string, body: BodyOf<'fileChallenge'>) {
  return (
    await callApi('fileChallenge', `/api/tenders/${encodeURIComponent(tenderId)}/challenges`, {
      method: 'POST',
      body,
    })
  ).data;
}

/** The purchasing unit answers a challenge (质疑答复). */
export async function answerChallenge(
  tenderId: string,
  challengeId: string,
  body: BodyOf<'answerChallenge'>,
) {
  return (
    await callApi(
      'answerChallenge',
      `/api/tenders/${encodeURIComponent(tenderId)}/challenges/${encodeURIComponent(challengeId)}/answer`,
      { method: 'POST', body },
    )
  ).data;
}

/** One page of the centre's answer clocks, earliest due first. */
export async function fetchAnswerClocks(cursor: string | null, signal?: AbortSignal) {
  return (
    await callApi('listAnswerClocks', `/api/rights/clocks`, {
      signal,
      query: { limit: 50, ...(cursor ? { cursor } : {}) },
    })
  ).data;
}
