import { provideLivePublisher } from '../live-publisher-registry';

/**
 * Plugs the WebSocket API's publisher into this process's dependencies; the management API client
 * is imported at the first push, not at cold start.
 *
 * Why here and not in the composition root: only the functions that publish (the transfers context
 * and the tick) call this, so only their bundles carry the client at all (in a chunk of its own).
 */
export function provideApiGatewayLivePublisher(): void {
  provideLivePublisher(async ({ endpoint, client, tableName }) => {
    const [{ ApiGatewayLivePublisher, createManagementClient }, { DynamoLiveConnections }] =
      await Promise.all([import('./live-publisher'), import('../dynamodb/live-connections')]);
    return new ApiGatewayLivePublisher(
      new DynamoLiveConnections(client, tableName),
      createManagementClient(endpoint),
    );
  });
}
