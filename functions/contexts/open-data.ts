import { createContextHandler } from '../../shared/http/context-handler';

/** The function of the public reads (open data): a router over the context's routes of the route table, each loaded at its first request. */
export const handler = createContextHandler('open-data', {
  listTenders: () => import('../list-tenders'),
  getTender: () => import('../get-tender'),
  getTenderTimeline: () => import('../get-tender-timeline'),
  getTenderAudit: () => import('../get-tender-audit'),
  getRestrictedTenderAudit: () => import('../get-restricted-tender-audit'),
  listEnquiries: () => import('../list-enquiries'),
  listRestrictedEnquiries: () => import('../list-restricted-enquiries'),
  listNotices: () => import('../list-notices'),
  getTenderResult: () => import('../get-tender-result'),
  getTenderReleases: () => import('../get-tender-releases'),
  listReleases: () => import('../list-releases'),
  listCalendarYears: () => import('../list-calendar-years'),
});
