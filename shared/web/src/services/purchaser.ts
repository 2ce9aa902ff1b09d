import { type BodyOf, callApi, type ResponseOf } from '../lib/api';
import { learnServerNow } from '../lib/server-clock';

/** A tender as its purchasing unit sees it (any state, drafts included). */
export type OwnTender = ResponseOf<'getMyTender'>;
/** A document of one's own tender. */
export type OwnTenderDocument = OwnTender['documents'][number];
/** The dry run's answer: broken rules, legal dates, what is missing. */
export type DraftCheck = ResponseOf<'checkTenderDraft'>;
/** A tender's timeline (published tenders). */
export type TenderTimelineView = ResponseOf<'getTenderTimeline'>;
/** What a new document's declaration answers: the document and its presigned upload. */
export type DeclaredDocument = ResponseOf<'addTenderDocument'>;

/** One page of the unit's own tenders in every state, newest first (项目管理). */
export async function fetchMyTenders(cursor: string | null, signal?: AbortSignal) {
  return (await callApi('listMyTenders', `/api/manage/tenders`, { signal, query: { cursor, limit: 20 } }))
    .data;
}

/** One's own tender in any state, with its ETag for If-Match. */
export async function fetchMyTender(tenderId: string, signal?: AbortSignal) {
  const answer = await callApi('getMyTender', `/api/manage/tenders/${tenderId}`, { signal });
  return { tender: answer.data, etag: answer.etag };
}

/** Creates a draft; the Idempotency-Key lets a retried click find the draft the first one made. */
export async function createTender(body: BodyOf<'createTender'>, idempotencyKey: string) {
  const answer = await callApi('createTender', `/api/tenders`, {
    method: 'POST',
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });
  return { tender: answer.data, etag: answer.etag };
}

/** Saves fields of a draft, only if it is still at the version the form read (If-Match). */
export async function updateTender(tenderId: string, body: BodyOf<'updateTender'>, etag: string) {
  const answer = await callApi('updateTender', `/api/tenders/${tenderId}`, {
    method: 'PATCH',
    body,
    headers: { 'if-match': etag },
  });
  return { tender: answer.data, etag: answer.etag };
}

/**
 * The dry run of publication on a draft as typed, one's own stored draft, or both; writes nothing.
 * Its `checkedAt` sets the server clock before any countdown renders.
 */
export async function checkTenderDraft(body: BodyOf<'checkTenderDraft'>, signal?: AbortSignal) {
  const check = (await callApi('checkTenderDraft', `/api/tenders/checks`, { method: 'POST', body, signal }))
    .data;
  learnServerNow(check.checkedAt);
  return check;
}

/** Declares a tender document by its SHA-256 and size; answers where to upload its bytes. */
export async function declareTenderDocument(tenderId: string, body: BodyOf<'addTenderDocument'>) {
  return (await callApi('addTenderDocument', `/api/tenders/${tenderId}/documents`, { method: 'POST', body }))
    .data;
}

/** Publishes a draft and its procurement notice (采购公告). */
export async function publishTender(tenderId: string, etag: string) {
  return (
    await callApi('publishTender', `/api/tenders/${tenderId}/publish`, {
      method: 'POST',
      headers: { 'if-match': etag },
    })
  ).data;
}

/** Issues a correction notice (更正公告); the server may move the deadline (87号令第二十七条). */
export async function correctTender(tenderId: string, body: BodyOf<'correctTender'>, etag: string) {
  return (
    await callApi('correctTender', `/api/tenders/${tenderId}/corrections`, {
      method: 'POST',
      body,
      headers: { 'if-match': etag },
    })
  ).data;
}

/** Cancels a tender; a published one gets a termination notice (终止公告). */
export async function cancelTender(tenderId: string, body: BodyOf<'cancelTender'>, etag: string) {
  return (
    await callApi('cancelTender', `/api/tenders/${tenderId}/cancel`, {
      method: 'POST',
      body,
      headers: { 'if-match': etag },
    })
  ).data;
}

/** A published tender's timeline with working days left; its `now` sets the server clock before any countdown renders. */
export async function fetchTimeline(tenderId: string, signal?: AbortSignal) {
  const timeline = (await callApi('getTenderTimeline', `/api/tenders/${tenderId}/timeline`, { signal })).data;
  learnServerNow(timeline.now);
  return timeline;
}
