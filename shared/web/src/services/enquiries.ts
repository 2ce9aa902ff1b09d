import { type BodyOf, callApi, type ResponseOf } from '../lib/api';

/** The public questions and answers of a tender (the askers unnamed). */
export type EnquiryListData = ResponseOf<'listEnquiries'>;
/** One enquiry as anyone reads it. */
export type EnquiryData = EnquiryListData['items'][number];
/** The centre's list, with the askers. */
export type RestrictedEnquiryListData = ResponseOf<'listRestrictedEnquiries'>;

/** Every enquiry of a tender with its answer, oldest first; anyone may read them. */
export async function fetchEnquiries(tenderId: string, signal?: AbortSignal): Promise<EnquiryListData> {
  return (
    await callApi('listEnquiries', `/api/tenders/${encodeURIComponent(tenderId)}/enquiries`, {
      signal,
      anonymous: true,
    })
  ).data;
}

/** The signed-in supplier's own enquiries about a tender. */
export async function fetchMyEnquiries(tenderId: string, signal?: AbortSignal) {
  return (
    await callApi('listMyEnquiries', `/api/tenders/${encodeURIComponent(tenderId)}/my-enquiries`, { signal })
  ).data;
}

/** The centre's view: every enquiry with who asked it. */
export async function fetchRestrictedEnquiries(tenderId: string, signal?: AbortSignal) {
  return (
    await callApi(
      'listRestrictedEnquiries',
      `/api/tenders/${encodeURIComponent(tenderId)}/enquiries/restricted`,
      { signal },
    )
  ).data;
}

/** A supplier asks (询问); the answer is due within 3 working days. */
export async function askEnquiry(tenderId: string, body: BodyOf<'askEnquiry'>) {
  return (
    await callApi('askEnquiry', `/api/tenders/${encodeURIComponent(tenderId)}/enquiries`, {
      method: 'POST',
      body,
    })
  ).data;
}

/** The purchasing unit answers (答复); the answer is published with the question. */
export async function answerEnquiry(tenderId: string, enquiryId: string, body: BodyOf<'answerEnquiry'>) {
  return (
    await callApi(
      'answerEnquiry',
      `/api/tenders/${encodeURIComponent(tenderId)}/enquiries/${encodeURIComponent(enquiryId)}/answer`,
      { method: 'POST', body },
    )
  ).data;
}
