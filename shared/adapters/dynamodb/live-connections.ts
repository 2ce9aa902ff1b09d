import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ENTITY, keys, TTL_ATTRIBUTE } from './keys';

/**
 * How long a stored connection lives: API Gateway closes a WebSocket connection after 2 hours at most,
 * so an item whose `$disconnect` never came (a lost invocation) is gone by TTL an hour after that.
 */
export const LIVE_CONNECTION_TTL_SECONDS = 3 * 60 * 60;

/**
 * The WebSocket connections of the live channels, in the one table: `LIVE#<channel> / CONN#<id>`, which
 * the publisher queries, and `CONN#<id> / CONN`, which tells `$disconnect` the channel. Both carry the
 * TTL attribute.
 *
 * Why an adapter of its own and no port: only the WebSocket API's handlers and its publisher use it;
 * no use case knows about connections.
 */
export class DynamoLiveConnections {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a connection of `channel` and its reverse item, in one transaction. */
  async add(channel: string, connectionId: string, now: Date): Promise<void> {
    const connectedAt = now.toISOString();
    const expires = Math.floor(now.getTime() / 1000) + LIVE_CONNECTION_TTL_SECONDS;
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.liveConnection(channel, connectionId),
                entity: ENTITY.liveConnection,
                connectionId,
                connectedAt,
                [TTL_ATTRIBUTE]: expires,
              },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.liveConnectionChannel(connectionId),
                entity: ENTITY.liveConnectionChannel,
                channel,
                connectedAt,
                [TTL_ATTRIBUTE]: expires,
              },
            },
          },
        ],
      }),
    );
  }

  /**
   * Forgets a connection at its `$disconnect`: the reverse item names the channel (deleted with
   * ReturnValues, so no read), then the channel's item goes. A connection never stored is no error.
   */
  async remove(connectionId: string): Promise<string | undefined> {
    const removed = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: keys.liveConnectionChannel(connectionId),
        ReturnValues: 'ALL_OLD',
      }),
    );
    const channel = removed.Attributes?.['channel'];
    if (typeof channel !== 'string') return undefined;
    await this.forget(channel, connectionId, { reverse: false });
    return channel;
  }

  /** Deletes a gone connection of a known channel (the publisher's answer to a 410). */
  async forget(channel: string, connectionId: string, options: { reverse?: boolean } = {}): Promise<void> {
    await Promise.all([
      this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: keys.liveConnection(channel, connectionId) }),
      ),
      ...(options.reverse === false
        ? []
        : [
            this.client.send(
              new DeleteCommand({ TableName: this.tableName, Key: keys.liveConnectionChannel(connectionId) }),
            ),
          ]),
    ]);
  }

  /** Every connection id of a channel, all pages (one Query each, never a Scan). */
  async list(channel: string): Promise<string[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.liveChannelPartition(channel),
            ':prefix': keys.liveConnectionPrefix,
          },
          ProjectionExpression: 'connectionId',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (typeof item['connectionId'] === 'string') ids.push(item['connectionId']);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return ids;
  }
}
