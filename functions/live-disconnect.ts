import type { APIGatewayProxyStructuredResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { logger } from '../shared/adapters/logger';
import { liveConnections } from './live-connect';

/**
 * The WebSocket API's `$disconnect`: forgets the connection (its reverse item names the channel).
 * API Gateway sends it at best effort; a connection it never reports is deleted by the publisher's
 * first 410 or by the TTL.
 */
export async function handler(
  event: APIGatewayProxyWebsocketEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const connectionId = event.requestContext.connectionId;
  const channel = await liveConnections().remove(connectionId);
  logger.info('live disconnect', { channel: channel ?? null, connectionId });
  return { statusCode: 200 };
}
