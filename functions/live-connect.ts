import type { APIGatewayProxyStructuredResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { createDocumentClient } from '../shared/adapters/deps';
import { DynamoLiveConnections } from '../shared/adapters/dynamodb/live-connections';
import { logger } from '../shared/adapters/logger';
import { ENV } from '../shared/config/env';
import { LiveChannelSchema } from '../shared/schemas/transfer';

let connections: DynamoLiveConnections | undefined;

/** The connection store, made at the first connection and reused while the function is warm. */
export function liveConnections(): DynamoLiveConnections {
  const tableName = process.env[ENV.tableName];
  if (!tableName) throw new Error(`Missing environment variable ${ENV.tableName}`);
  connections ??= new DynamoLiveConnections(createDocumentClient(), tableName);
  return connections;
}

/** A refusal of the upgrade: a problem in both languages (API Gateway answers the status). */
function refuse(statusCode: number, zh: string, en: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    body: JSON.stringify({ status: statusCode, title: '请求无效 / Bad request', detail: `${zh} / ${en}` }),
  };
}

/**
 * The WebSocket API's `$connect`: a client subscribes with `?channel=auction:<tenderId>`; the channel
 * is checked (400 otherwise, the upgrade refused) and the connection stored with its reverse item.
 */
export async function handler(
  event: APIGatewayProxyWebsocketEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const parsed = LiveChannelSchema.safeParse(event.queryStringParameters?.['channel']);
  if (!parsed.success) {
    return refuse(
      400,
      '需要有效的频道：?channel=auction:<项目编号>',
      'Give a valid ?channel=auction:<tenderId>',
    );
  }
  const connectionId = event.requestContext.connectionId;
  await liveConnections().add(parsed.data, connectionId, new Date(event.requestContext.connectedAt));
  logger.info('live connect', { channel: parsed.data, connectionId });
  return { statusCode: 200 };
}
