import { provideApiGatewayLivePublisher } from '../../shared/adapters/apigateway/provide';
import { provideS3DocumentStore } from '../../shared/adapters/s3/provide';
import { createContextHandler } from '../../shared/http/context-handler';

// This context touches the documents bucket: its bundle alone carries the S3 client (loaded at first use)
provideS3DocumentStore();
// A cancelled live transfer's room hears it (the management client is loaded at the first push)
provideApiGatewayLivePublisher();

/** The function of the purchasing unit's tenders and their documents: a router over the context's routes of the route table, each loaded at its first request. */
export const handler = createContextHandler('tenders', {
  createTender: () => import('../create-tender'),
  updateTender: () => import('../update-tender'),
  checkTenderDraft: () => import('../check-tender-draft'),
  publishTender: () => import('../publish-tender'),
  correctTender: () => import('../correct-tender'),
  cancelTender: () => import('../cancel-tender'),
  addTenderDocument: () => import('../add-tender-document'),
  getTenderDocument: () => import('../get-tender-document'),
  listMyTenders: () => import('../list-my-tenders'),
  getMyTender: () => import('../get-my-tender'),
});
