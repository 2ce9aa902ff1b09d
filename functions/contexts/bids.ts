import { provideS3DocumentStore } from '../../shared/adapters/s3/provide';
import { createContextHandler } from '../../shared/http/context-handler';

// This context touches the documents bucket: its bundle alone carries the S3 client (loaded at first use)
provideS3DocumentStore();

/** The function of the suppliers' registrations, sealed bids and the opening: a router over the context's routes of the route table, each loaded at its first request. */
export const handler = createContextHandler('bids', {
  listMySupplierTenders: () => import('../list-my-supplier-tenders'),
  getMySupplierProfile: () => import('../get-my-supplier-profile'),
  putMySupplierProfile: () => import('../put-my-supplier-profile'),
  registerForTender: () => import('../register-for-tender'),
  listRegistrations: () => import('../list-registrations'),
  createBid: () => import('../create-bid'),
  listBids: () => import('../list-bids'),
  listMyBids: () => import('../list-my-bids'),
  submitBid: () => import('../submit-bid'),
  withdrawBid: () => import('../withdraw-bid'),
  reconfirmBid: () => import('../reconfirm-bid'),
  revealBid: () => import('../reveal-bid'),
  getBidAudit: () => import('../get-bid-audit'),
  getBidDocument: () => import('../get-bid-document'),
  getOpeningRecord: () => import('../get-opening-record'),
  respondToOpening: () => import('../respond-to-opening'),
});
