import {
  ApiGatewayManagementApiClient,
  type ApiGatewayManagementApiClientConfig,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { LivePublisher } from '../../ports/live-publisher';
import type { DynamoLiveConnections } from '../dynamodb/live-connections';

/**
 * How long one push may take: the quote's answer waits for the pushes (a Lambda is frozen once it
 * answers), so a stuck connection costs the bidder at most this, once (no retries).
 */
const PUSH_TIMEOUT_MS = 2_000;

/** The management API client of a WebSocket API stage (`https://<api>.execute-api.<region>.amazonaws.com/live`). */
export function createManagementClient(
  endpoint: string,
  extra: Partial<ApiGatewayManagementApiClientConfig> = {},
): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({
    endpoint,
    maxAttempts: 1,
    requestHandler: { requestTimeout: PUSH_TIMEOUT_MS, connectionTimeout: PUSH_TIMEOUT_MS },
    ...extra,
  });
}

/** True when API Gateway says the client has gone (410): the connection is to be forgotten. */
function isGone(error: unknown): boolean {
  return (
    error instanceof GoneException ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410
  );
}

/**
 * The AWS adapter of {@link LivePublisher}: reads the channel's connections (one Query of
 * `LIVE#<channel>`), posts the message to each through the stage's `@connections` endpoint, all in
 * parallel, and deletes the connections that answer 410 Gone.
 */
export class ApiGatewayLivePublisher implements LivePublisher {
  constructor(
    private readonly connections: DynamoLiveConnections,
    private readonly management: ApiGatewayManagementApiClient,
  ) {}

  async publish(channel: string, message: unknown): Promise<void> {
    const data = new TextEncoder().encode(JSON.stringify(message));
    const ids = await this.connections.list(channel);
    const failures: unknown[] = [];
    await Promise.all(
      ids.map(async (connectionId) => {
        try {
          await this.management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
        } catch (error) {
          if (!isGone(error)) {
            failures.push(error);
            return;
          }
          await this.connections.forget(channel, connectionId).catch((deleteError: unknown) => {
            failures.push(deleteError);
          });
        }
      }),
    );
    if (failures.length > 0) {
      const first = failures[0] as Error;
      throw new Error(`${failures.length} of ${ids.length} pushes to ${channel} failed: ${first.message}`, {
        cause: first,
      });
    }
  }
}
