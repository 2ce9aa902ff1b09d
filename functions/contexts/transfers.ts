import { provideApiGatewayLivePublisher } from '../../shared/adapters/apigateway/provide';
import { createContextHandler } from '../../shared/http/context-handler';

// Quotes and the reserve push to the auction rooms: this bundle (with the tick's and the tenders
// context's, for a cancellation) carries the WebSocket API's management client, loaded at the first push
provideApiGatewayLivePublisher();

/** The function of live land and mining-rights transfers: a router over the context's routes of the route table, each loaded at its first request (no bucket). */
export const handler = createContextHandler('transfers', {
  getAuction: () => import('../get-auction'),
  listQuotes: () => import('../list-quotes'),
  placeQuote: () => import('../place-quote'),
  revealReserve: () => import('../reveal-reserve'),
  applyForTransfer: () => import('../apply-for-transfer'),
  getMyTransferApplication: () => import('../get-my-transfer-application'),
  getDepositLedger: () => import('../get-deposit-ledger'),
  decideDeposit: () => import('../decide-deposit'),
  recordDepositRefund: () => import('../record-deposit-refund'),
});
