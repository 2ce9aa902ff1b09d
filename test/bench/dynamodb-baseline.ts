import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The cold-start baseline of issue 11: a Lambda handler with only the DynamoDB client, bundled by
 * the bench exactly as the house functions are (test/bench/cold.ts).
 */
const client = new DynamoDBClient({});

/** Reads one item by key. */
export async function handler(event: { id: string }): Promise<unknown> {
  return client.send(
    new GetItemCommand({ TableName: process.env['TABLE_NAME'], Key: { pk: { S: event.id } } }),
  );
}
